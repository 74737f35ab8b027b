package twinnet.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import twinnet.check.CheckResult.FunctionResult;
import twinnet.check.CheckResult.Shown;
import twinnet.check.CheckResult.Status;
import twinnet.compare.Tolerances;
import twinnet.model.Gradients;
import twinnet.model.Matrix;
import twinnet.model.Parameters;
import twinnet.scratch.Optimization;

/**
 * What every notebook's checks share: a function is called on inputs twinnet makes (a {@link Trial} each), its
 * answer compared part by part with the reference ({@link Expect}); when it differs, the trial's hypotheses (the
 * learner's usual slips, each a {@link Cause} of the table) are tried on the answer and the one that matches is
 * named. A notebook is a subclass with one method per course function ({@link Notebook}).
 */
abstract class Checks {
  /**
   * Tolerances: the scratch network's own (cost 1e-12, tensors 1e-10, both relative, and the rounding floor
   * 1e-13 of the answer's scale). numpy's float64 and Java's double round the same operations alike; only
   * the order of sums in products differs, at 1e-16 relative.
   */
  static final Tolerances TOL = Tolerances.DEFAULT;

  /** The learner's process. */
  final Session session;
  /** The model the learner declared (activations and loss), for the notebooks whose model is not fixed. */
  final DeclaredModel model;
  /** Seeds the inputs twinnet makes. */
  final long seed;

  Checks(Session session, DeclaredModel model, long seed) {
    this.session = session;
    this.model = model;
    this.seed = seed;
  }

  /** The check of one course function of this notebook (a function it lists). */
  abstract FunctionResult check(String function);

  /**
   * Training with the learner's own functions, after the functions' own checks ({@code functions}), or null where
   * the notebook has none.
   */
  CheckResult.Training training(Set<String> defined, int steps, double learningRate, List<FunctionResult> functions) {
    return null;
  }

  // ---- trials ----

  /** Why an answer differs: sentences naming the cause, tried before the numbers are shown. */
  interface Hypotheses {
    List<String> of(JsonNode answer, Expect.Mismatch first);
  }

  static final Hypotheses NONE = (a, f) -> List.of();

  /**
   * One call of a function.
   *
   * @param argVariants the arguments; more than one when an activation has several names ("identity", "linear")
   * @param mayChange which arguments the function may change in place (a note, not a fault)
   * @param seed when not null, np.random.seed(seed) just before the call
   * @param replace course functions that return a given value during the call (initialize_parameters → weights)
   */
  record Trial(String label, List<List<JsonNode>> argVariants, String[] argNames, LinkedHashMap<String, Matrix> shown,
      Expect expect, Hypotheses hypotheses, Set<Integer> mayChange, Long seed, ObjectNode kwargs, ObjectNode replace) {
    Trial(String label, List<List<JsonNode>> argVariants, String[] argNames, LinkedHashMap<String, Matrix> shown,
        Expect expect, Hypotheses hypotheses, Set<Integer> mayChange, Long seed, ObjectNode kwargs) {
      this(label, argVariants, argNames, shown, expect, hypotheses, mayChange, seed, kwargs, null);
    }

    Trial(String label, List<JsonNode> args, String[] argNames, LinkedHashMap<String, Matrix> shown, Expect expect,
        Hypotheses hypotheses) {
      this(label, List.of(args), argNames, shown, expect, hypotheses, Set.of(), null, null);
    }

    Trial(String label, List<List<JsonNode>> argVariants, String[] argNames, LinkedHashMap<String, Matrix> shown,
        Expect expect, Hypotheses hypotheses, Set<Integer> mayChange) {
      this(label, argVariants, argNames, shown, expect, hypotheses, mayChange, null, null);
    }

    Trial(String label, List<List<JsonNode>> argVariants, String[] argNames, LinkedHashMap<String, Matrix> shown,
        Expect expect, Hypotheses hypotheses, Set<Integer> mayChange, Long seed) {
      this(label, argVariants, argNames, shown, expect, hypotheses, mayChange, seed, null);
    }

    Trial withSeed(long s) {
      return new Trial(label, argVariants, argNames, shown, expect, hypotheses, mayChange, s, kwargs, replace);
    }

    Trial mayChange(Integer... args) {
      return new Trial(label, argVariants, argNames, shown, expect, hypotheses, Set.of(args), seed, kwargs, replace);
    }

    Trial withKwargs(ObjectNode k) {
      return new Trial(label, argVariants, argNames, shown, expect, hypotheses, mayChange, seed, k, replace);
    }

    Trial withReplace(ObjectNode r) {
      return new Trial(label, argVariants, argNames, shown, expect, hypotheses, mayChange, seed, kwargs, r);
    }
  }

  /** Runs {@code fn}'s trials: the first that differs, with its cause, is the verdict; then the same call again. */
  FunctionResult run(String fn, List<Trial> trials) {
    return run(fn, trials, true);
  }

  /** ... {@code again}: call the first trial a second time (a function whose answer must repeat). */
  FunctionResult run(String fn, List<Trial> trials, boolean again) {
    double worst = 0;
    List<String> notes = new ArrayList<>();
    Set<String> changed = new java.util.LinkedHashSet<>(); // arguments a course version may change in place
    JsonNode firstAnswer = null;
    for (Trial t : trials) {
      Bridge.Reply r = callVariants(fn, t);
      Shown shown = new Shown(fn + "(" + t.label() + ")", t.shown(), null, null, null, null);
      if (!r.ok()) {
        return new FunctionResult(fn, Status.RAISED, null, raised(fn, r, t.label()), Double.NaN, shown);
      }
      if (firstAnswer == null) {
        firstAnswer = r.result();
      }
      for (int i : r.mutated()) {
        String arg = i < t.argNames().length ? t.argNames()[i] : "argument " + (i + 1);
        if (t.mayChange().contains(i)) {
          changed.add(arg);
        } else {
          return new FunctionResult(fn, Status.WRONG, arg, List.of(Cause.CHANGED_ITS_INPUT.say(fn, arg,
              inPlaceHint(fn, arg), arg)), Double.NaN, shown);
        }
      }
      Expect.Outcome o = Expect.compare(r.result(), t.expect(), TOL);
      o.notes().stream().filter(n -> !notes.contains(n)).forEach(notes::add);
      if (!o.ok()) {
        List<String> why = new ArrayList<>(keepdims(o.first()));
        if (why.isEmpty()) {
          why.addAll(t.hypotheses().of(r.result(), o.first()));
        }
        why.add(o.first().what() + " (called with " + t.label() + ").");
        return new FunctionResult(fn, Status.WRONG, o.first().part(), why, o.worst(), new Shown(shown.call(),
            t.shown(), o.first().part(), o.first().user(), o.first().user() == null ? Values.describe(
                o.first().userValue()) : null, o.first().reference()));
      }
      worst = Math.max(worst, o.worst());
    }
    if (again) { // the same call again: the same answer, or the function depends on call order or on a global
      Trial t0 = trials.get(0);
      Bridge.Reply second = callVariants(fn, t0);
      if (second.ok() && firstAnswer != null && !second.result().equals(firstAnswer)) {
        return new FunctionResult(fn, Status.WRONG, "(a second call)", List.of(Cause.DIFFERENT_SECOND_CALL.say(fn)),
            worst, new Shown(fn + "(" + t0.label() + ")", t0.shown(), null, null, null, null));
      }
    }
    if (!changed.isEmpty()) {
      notes.add(0, fn + " changed the " + String.join(" and ", changed) + " it was given; the course's newer version "
          + "copies them first (copy.deepcopy), so that the caller's values stay as they were.");
    }
    return new FunctionResult(fn, Status.OK, null, notes, worst, null);
  }

  /** "propagate raised ValueError: … , called with …", and the cause when the error shows one. */
  List<String> raised(String fn, Bridge.Reply r, String label) {
    List<String> out = new ArrayList<>(raisedCause(fn, r));
    out.add(fn + " raised " + r.errorText() + ", called with " + label + ".");
    return out;
  }

  /** A notebook's causes that an error names (a product of shapes that do not align, say). None by default. */
  List<String> raisedCause(String fn, Bridge.Reply r) {
    return List.of();
  }

  /** A vector (n,) where the course has a column (n, 1): a sum without keepdims, whatever the function. */
  static List<String> keepdims(Expect.Mismatch first) {
    int[] s = Values.shape(first.userValue());
    if (first.kind().equals("shape") && s != null && s.length == 1 && first.reference() != null
        && first.reference().cols() == 1 && s[0] == first.reference().rows() && s[0] > 1) {
      return List.of(Cause.SUM_WITHOUT_KEEPDIMS.say(first.part(), s[0], s[0], s[0], s[0]));
    }
    return List.of();
  }

  /** Calls with the first argument list that does not raise (activation names); else the first's error. */
  Bridge.Reply callVariants(String fn, Trial t) {
    Bridge.Reply first = null;
    for (List<JsonNode> args : t.argVariants()) {
      Bridge.Reply r = session.call(fn, args, t.kwargs(), t.replace(), t.seed());
      if (r.ok()) {
        return r;
      }
      if (first == null) {
        first = r;
      }
    }
    return first;
  }

  static String inPlaceHint(String fn, String arg) {
    return fn.equals("relu_backward") ? " (dZ = dA; dZ[Z <= 0] = 0 writes into dA: copy it first, dZ = np.array(dA, "
        + "copy=True))" : " (an assignment into an array it was given writes into the caller's array: copy it first)";
  }

  static FunctionResult wrong(String fn, String part, String why) {
    return new FunctionResult(fn, Status.WRONG, part, List.of(why), Double.POSITIVE_INFINITY, null);
  }

  static boolean matches(JsonNode answer, Expect alternative) {
    return answer != null && Expect.compare(answer, alternative, TOL).ok();
  }

  // ---- inputs ----

  Random random(int salt) {
    return new Random(seed * 1_000_003L + salt);
  }

  static Matrix gaussian(Random r, int rows, int cols, double scale) {
    double[][] a = new double[rows][cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        a[i][j] = scale * r.nextGaussian();
      }
    }
    return Matrix.of(a);
  }

  /** 0/1 labels, (rows × cols). */
  static Matrix labels(Random r, int rows, int cols) {
    return gaussian(r, rows, cols, 1).map(v -> v > 0 ? 1.0 : 0.0);
  }

  static LinkedHashMap<String, Matrix> shown(Object... nameThenMatrix) {
    LinkedHashMap<String, Matrix> m = new LinkedHashMap<>();
    for (int i = 0; i < nameThenMatrix.length; i += 2) {
      m.put((String) nameThenMatrix[i], (Matrix) nameThenMatrix[i + 1]);
    }
    return m;
  }

  static String shapes(Object... nameThenMatrix) {
    List<String> s = new ArrayList<>();
    for (int i = 0; i < nameThenMatrix.length; i += 2) {
      Matrix m = (Matrix) nameThenMatrix[i + 1];
      s.add(nameThenMatrix[i] + " " + m.rows() + "×" + m.cols());
    }
    return String.join(", ", s);
  }

  static JsonNode arr(Matrix m) {
    return Values.array(m);
  }

  static JsonNode num(double v) {
    return Bridge.JSON.getNodeFactory().numberNode(v);
  }

  static JsonNode num(int v) {
    return Bridge.JSON.getNodeFactory().numberNode(v);
  }

  static JsonNode text(String s) {
    return Bridge.JSON.getNodeFactory().textNode(s);
  }

  static ArrayNode ints(int... v) {
    ArrayNode a = Bridge.JSON.createArrayNode();
    for (int n : v) {
      a.add(n);
    }
    return a;
  }

  static String join(int[] a) {
    return String.join(", ", java.util.Arrays.stream(a).mapToObj(String::valueOf).toList());
  }

  /** A dict of arrays, {"W1": …, "b1": …}, in the order given. */
  static ObjectNode dictJson(Map<String, Matrix> m) {
    ObjectNode o = Bridge.JSON.createObjectNode();
    m.forEach((k, v) -> o.set(k, Values.array(v)));
    return o;
  }

  static ObjectNode paramsJson(Parameters p) {
    return dictJson(paramsMap(p));
  }

  static Map<String, Matrix> paramsMap(Parameters p) {
    Map<String, Matrix> m = new LinkedHashMap<>();
    for (int l = 1; l <= p.depth(); l++) {
      m.put("W" + l, p.W(l));
      m.put("b" + l, p.b(l));
    }
    return m;
  }

  /** Which parameters an update left as they were: "W3, b3", or null if every one moved. */
  static String unmoved(JsonNode answer, Map<String, Matrix> before) {
    if (answer == null || !answer.isObject()) {
      return null;
    }
    List<String> same = new ArrayList<>();
    for (var e : before.entrySet()) {
      if (answer.has(e.getKey()) && matches(answer.get(e.getKey()), Expect.tensor(e.getKey(), e.getValue()))) {
        same.add(e.getKey());
      }
    }
    return same.isEmpty() ? null : String.join(", ", same);
  }

  // ---- an update of the course's parameters dict by its grads dict: update_parameters and its relatives ----

  /**
   * {@code fn(parameters, grads, learning_rate)} against {@link Optimization#updateParameters} on networks of
   * {@code dims}; the slips tried: the wrong sign, b or W left out, and the parameters a loop left out (named).
   */
  FunctionResult updateParameters(String fn, int[][] dims) {
    Random r = random(9);
    List<Trial> trials = new ArrayList<>();
    for (int[] d : dims) {
      Parameters p = twinnet.scratch.Initialization.initializeParametersDeep(d, twinnet.model.Initializer.HE, seed);
      List<Matrix> dW = new ArrayList<>();
      List<Matrix> db = new ArrayList<>();
      for (int l = 1; l < d.length; l++) {
        dW.add(gaussian(r, d[l], d[l - 1], 1));
        db.add(gaussian(r, d[l], 1, 1));
      }
      Gradients g = new Gradients(dW, db);
      double lr = 0.05;
      ObjectNode gj = Bridge.JSON.createObjectNode();
      for (int l = 1; l < d.length; l++) {
        gj.set("dW" + l, arr(g.dW(l)));
        gj.set("db" + l, arr(g.db(l)));
      }
      Parameters want = Optimization.updateParameters(p, g, lr);
      Hypotheses cause = (answer, first) -> {
        if (matches(answer, Expect.dict("parameters", paramsMap(Optimization.updateParameters(p, g, -lr))))) {
          return List.of(Cause.UPDATE_SIGN.say());
        }
        if (matches(answer, Expect.dict("parameters", paramsMap(Optimization.updateParameters(p,
            new Gradients(dW, zerosLike(db)), lr))))) {
          return List.of(Cause.UPDATE_WITHOUT_B.say());
        }
        if (matches(answer, Expect.dict("parameters", paramsMap(Optimization.updateParameters(p,
            new Gradients(zerosLike(dW), db), lr))))) {
          return List.of(Cause.UPDATE_WITHOUT_W.say());
        }
        String still = unmoved(answer, paramsMap(p));
        return still == null ? List.of() : List.of(Cause.UPDATE_STOPS_SHORT.say(still));
      };
      trials.add(new Trial("a [" + join(d) + "] network, learning_rate = " + lr,
          List.of(List.of(paramsJson(p), gj, num(lr))), new String[] {"parameters", "grads", "learning_rate"},
          shown("W1", p.W(1), "dW1", g.dW(1)), Expect.dict("parameters", paramsMap(want)), cause, Set.of(0)));
    }
    return run(fn, trials);
  }

  /** Gradients of zero: the update of a tensor that a learner's function leaves out. */
  static List<Matrix> zerosLike(List<Matrix> g) {
    return g.stream().map(m -> Matrix.zeros(m.rows(), m.cols())).toList();
  }

  // ---- initialisations: the learner's own numpy draws, read back, and what was done with them ----

  /** A scale of the weights' draws: W[l] = np.random.randn(n_l, n_{l−1}) · factor(n_{l−1}, n_l). */
  record Scale(String said, java.util.function.DoubleBinaryOperator factor) {
    static final Scale HUNDREDTH = new Scale("0.01", (prev, n) -> 0.01);
    static final Scale TEN = new Scale("10", (prev, n) -> 10);
    static final Scale ONE = new Scale("1 (no scale at all)", (prev, n) -> 1);
    static final Scale HE = new Scale("√(2/n_{l−1}) (He)", (prev, n) -> Math.sqrt(2 / prev));
    static final Scale XAVIER = new Scale("√(1/n_{l−1}) (Xavier)", (prev, n) -> Math.sqrt(1 / prev));
    static final Scale HE_OF_N_L = new Scale("√(2/n_l), the layer's own size where He takes the previous one's",
        (prev, n) -> Math.sqrt(2 / n));
    /** In the order a slip is named when two fit (the simplest first). */
    static final List<Scale> ALL = List.of(ONE, HUNDREDTH, TEN, HE, XAVIER, HE_OF_N_L);
  }

  /** Whether every W[l] of {@code p} is its draw times {@code s}'s factor. */
  private static boolean fitsEveryLayer(JsonNode p, int[] d, List<Matrix> draws, Scale s) {
    for (int l = 1; l < d.length; l++) {
      if (!matches(p.get("W" + l), Expect.tensor("W", draws.get(l - 1).scale(s.factor().applyAsDouble(d[l - 1],
          d[l]))))) {
        return false;
      }
    }
    return true;
  }

  /**
   * One call of an initialisation: its arguments, the layer sizes it should give, and the seed twinnet sets just
   * before it (null: the function seeds itself, as the course's does).
   */
  record InitCall(String label, List<JsonNode> args, int[] dims, Long callSeed) {}

  /**
   * {@code fn} against the course's initialisation: a dict W1, b1, …; each W[l] of shape (n_l, n_{l−1}), each b[l]
   * zero; W[l] = np.random.randn(n_l, n_{l−1}) · {@code scale} in layer order from numpy's generator seeded with
   * {@code courseSeed} (the course seeds inside the function) or with the call's own seed — read back from the
   * learner's numpy, so that a right file never fails for numpy's generator — or every W zero ({@code scale} null).
   */
  FunctionResult initialization(String fn, List<InitCall> calls, Integer courseSeed, Scale scale) {
    return initialization(fn, calls, courseSeed, scale, List.of(), null);
  }

  /** ... the expected parameters being {@code reference}'s on the draws (the scratch package's function). */
  FunctionResult initialization(String fn, List<InitCall> calls, Integer courseSeed, Scale scale,
      java.util.function.BiFunction<int[], List<Matrix>, Parameters> reference) {
    return initialization(fn, calls, courseSeed, scale, List.of(), reference);
  }

  FunctionResult initialization(String fn, List<InitCall> calls, Integer courseSeed, Scale scale,
      List<Scale> alsoRight) {
    return initialization(fn, calls, courseSeed, scale, alsoRight, null);
  }

  /**
   * ... where the scales {@code alsoRight} pass too, with a note (a learner's own network may take He's scale where
   * the notebook takes 0.01: its training does not depend on it here, it starts from the twin's weights).
   */
  FunctionResult initialization(String fn, List<InitCall> calls, Integer courseSeed, Scale scale,
      List<Scale> alsoRight, java.util.function.BiFunction<int[], List<Matrix>, Parameters> reference) {
    JsonNode firstAnswer = null;
    boolean drawn = true;
    List<String> notes = new ArrayList<>();
    for (InitCall c : calls) {
      Bridge.Reply r = session.call(fn, c.args(), null, null, c.callSeed());
      if (!r.ok()) {
        return new FunctionResult(fn, Status.RAISED, null, raised(fn, r, c.label()), Double.NaN, null);
      }
      firstAnswer = firstAnswer == null ? r.result() : firstAnswer;
      JsonNode p = r.result();
      int[] d = c.dims();
      List<String> keys = new ArrayList<>();
      for (int l = 1; l < d.length; l++) {
        keys.add("W" + l);
        keys.add("b" + l);
      }
      if (p == null || !p.isObject() || Values.isArray(p)) {
        return wrong(fn, "parameters", Cause.INIT_NOT_A_DICT.say(keys, Values.describe(p), c.label()));
      }
      List<Session.Draw> requests = new ArrayList<>();
      for (int l = 1; l < d.length; l++) {
        requests.add(Session.Draw.randn(d[l], d[l - 1]));
        for (String key : List.of("W" + l, "b" + l)) {
          String name = "parameters[\"" + key + "\"]";
          JsonNode v = p.get(key);
          if (v == null) {
            return wrong(fn, name, Cause.INIT_KEY_MISSING.say(key, c.label()));
          }
          int rows = d[l];
          int cols = key.startsWith("W") ? d[l - 1] : 1;
          int[] shape = Values.shape(v);
          if (shape != null && shape.length == 2 && shape[0] == cols && shape[1] == rows && rows != cols) {
            return wrong(fn, name, Cause.INIT_TRANSPOSED.say(name, Values.shapeText(v), rows, cols));
          }
          if (shape == null || shape.length != 2 || shape[0] != rows || shape[1] != cols) {
            return wrong(fn, name, Cause.INIT_SHAPE.say(name, Values.shapeText(v), rows, cols, c.label()));
          }
          Matrix m = Values.matrix(v);
          if (key.startsWith("b") && m.norm() != 0) {
            return wrong(fn, name, Cause.INIT_BIAS_NOT_ZERO.say(name));
          }
          if (key.startsWith("W") && scale == null && m.norm() != 0) {
            return wrong(fn, name, Cause.INIT_WEIGHTS_NOT_ZERO.say(name));
          }
        }
      }
      if (scale == null) {
        continue;
      }
      long drawSeed = courseSeed != null ? courseSeed : c.callSeed();
      List<Matrix> draws = session.draws(drawSeed, requests);
      if (draws == null) {
        drawn = false;
        continue;
      }
      Parameters expected = reference == null ? null : reference.apply(d, draws);
      for (int l = 1; l < d.length; l++) {
        String name = "parameters[\"W" + l + "\"]";
        JsonNode w = p.get("W" + l);
        int prev = d[l - 1];
        int n = d[l];
        Matrix base = draws.get(l - 1);
        Matrix want = expected != null ? expected.W(l) : base.scale(scale.factor().applyAsDouble(prev, n));
        if (matches(w, Expect.tensor(name, want))) {
          continue;
        }
        if (matches(w, Expect.tensor(name, Matrix.zeros(n, prev)))) {
          return wrong(fn, name, Cause.INIT_WEIGHTS_ZERO.say(name, scale.said()));
        }
        // the scale that fits every layer (where one size makes two alike, the layers tell them apart), else this one
        Scale found = null;
        for (Scale other : Scale.ALL) {
          if (other != scale && found == null && fitsEveryLayer(p, d, draws, other)) {
            found = other;
          }
        }
        for (Scale other : Scale.ALL) {
          if (other != scale && found == null && matches(w, Expect.tensor(name, base.scale(other.factor()
              .applyAsDouble(prev, n))))) {
            found = other;
          }
        }
        if (found != null && alsoRight.contains(found)) {
          String note = "W is drawn · " + found.said() + " where this notebook's is · " + scale.said() + ": a network of "
              + "your own may want it, but the notebook's grader expects · " + scale.said() + ".";
          if (!notes.contains(note)) {
            notes.add(note);
          }
          continue;
        }
        if (found != null) {
          return wrong(fn, name, Cause.INIT_SCALE.say(name, n, prev, found.said(), scale.said()));
        }
        Bridge.Reply again = session.call(fn, c.args(), null, null, c.callSeed());
        if (courseSeed != null && again.ok() && !again.result().equals(p)) {
          return wrong(fn, "(a second call)", Cause.INIT_SEED_MISSING.say(fn, courseSeed));
        }
        return wrong(fn, name, Cause.INIT_NOT_THE_DRAWS.say(name, n, prev, scale.said(), drawSeed, c.label()));
      }
    }
    Bridge.Reply again = session.call(fn, calls.get(0).args(), null, null, calls.get(0).callSeed());
    if (again.ok() && !again.result().equals(firstAnswer)) {
      return wrong(fn, "(a second call)", courseSeed != null ? Cause.INIT_SEED_MISSING.say(fn, courseSeed)
          : Cause.DIFFERENT_SECOND_CALL.say(fn));
    }
    if (scale != null) {
      notes.add(0, drawn ? "Shapes, zero biases and the weights themselves checked: W[l] = np.random.randn(n_l, n_{l−1}) · "
          + scale.said() + ", with numpy's own draws after np.random.seed(" + (courseSeed != null ? courseSeed
          : "twinnet's seed") + ")." : "Shapes and zero biases checked; the program gives no numpy draws "
          + "(__draws__), so the weights' values were not.");
    }
    return new FunctionResult(fn, Status.OK, null, notes, 0, null);
  }
}
