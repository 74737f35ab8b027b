package twinnet.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import twinnet.check.CheckResult.FunctionResult;
import twinnet.check.CheckResult.Shown;
import twinnet.check.CheckResult.Status;
import twinnet.compare.Diagnosis;
import twinnet.compare.Tolerances;
import twinnet.model.Activation;
import twinnet.model.Gradients;
import twinnet.model.Loss;
import twinnet.model.Matrix;
import twinnet.model.NetworkSpec;
import twinnet.model.Parameters;
import twinnet.scratch.Activations;
import twinnet.scratch.Costs;
import twinnet.scratch.Initialization;
import twinnet.scratch.Linear;
import twinnet.scratch.Optimization;
import twinnet.scratch.ScratchNetwork;

/**
 * Checks a learner's course functions one at a time, in the order they build on each other, each on
 * inputs twinnet generates (several shapes, m = 1, n_l = 1, n_l > m, pre-activations exactly 0), against
 * the scratch network's function of the same name; whole-network functions also on the seed's data and on
 * random data. Every function gets reference inputs, so one bug does not hide or fake another. When an
 * answer differs, the learner's usual mistakes are tried as hypotheses and the one the numbers match is
 * named. Then the learner's functions train the model ({@link Training}).
 */
public final class Checker {
  /** The course's functions, in the order they are checked: helpers, then bottom-up. */
  public static final List<String> ORDER = List.of("relu", "sigmoid", "relu_backward", "sigmoid_backward",
      "initialize_parameters_deep", "linear_forward", "linear_activation_forward", "L_model_forward", "compute_cost",
      "linear_backward", "linear_activation_backward", "L_model_backward", "update_parameters", "L_layer_model",
      "forward_propagation_with_dropout", "backward_propagation_with_dropout");

  /** Course 2's functions (week 1, regularization): checked when the file defines them, not missed otherwise. */
  static final Set<String> COURSE_2 = Set.of("forward_propagation_with_dropout", "backward_propagation_with_dropout");

  /** The course's helpers: checked only when the file defines its own. */
  static final Set<String> HELPERS = Set.of("relu", "sigmoid", "relu_backward", "sigmoid_backward");

  /**
   * Tolerances: the scratch network's own (cost 1e-12, tensors 1e-10, both relative, and the rounding floor
   * 1e-13 of the answer's scale). numpy's float64 and Java's double round the same operations alike; only
   * the order of sums in products differs, at 1e-16 relative.
   */
  static final Tolerances TOL = Tolerances.DEFAULT;

  /** The model the code implements, as declared: activations, α and loss (its layer sizes are not used here). */
  public record Model(Activation hidden, double hiddenAlpha, Activation output, double outputAlpha, Loss loss) {
    /** The model of a spec, its α resolved to the defaults where not given. */
    public static Model of(NetworkSpec s) {
      return new Model(s.hidden(), s.hiddenAlpha(), s.output(), s.outputAlpha(), s.loss());
    }

    NetworkSpec spec(int... layers) {
      return new NetworkSpec(layers, hidden, hiddenAlpha, output, outputAlpha, loss);
    }

    String flags() {
      return "--hidden " + hidden.id() + " --output " + output.id() + " --loss " + loss.id();
    }
  }

  private final Bridge bridge;
  private final Model model;
  private final Set<String> defined;
  private final long seed;

  Checker(Bridge bridge, Model model, Set<String> defined, long seed) {
    this.bridge = bridge;
    this.model = model;
    this.defined = defined;
    this.seed = seed;
  }

  /** Every function in {@link #ORDER} that the file defines (helpers only when it defines them). */
  List<FunctionResult> functions() {
    List<FunctionResult> out = new ArrayList<>();
    for (String name : ORDER) {
      if (name.equals("L_layer_model")) {
        continue; // checked by training, from the twin's weights
      }
      if (!defined.contains(name)) {
        if (!HELPERS.contains(name) && !COURSE_2.contains(name)) {
          out.add(FunctionResult.notFound(name));
        }
        continue;
      }
      out.add(switch (name) {
        case "relu" -> activation("relu", Activation.RELU);
        case "sigmoid" -> activation("sigmoid", Activation.SIGMOID);
        case "relu_backward" -> activationBackward("relu_backward", Activation.RELU);
        case "sigmoid_backward" -> activationBackward("sigmoid_backward", Activation.SIGMOID);
        case "initialize_parameters_deep" -> initializeParametersDeep();
        case "linear_forward" -> linearForward();
        case "linear_activation_forward" -> linearActivationForward();
        case "L_model_forward" -> lModelForward();
        case "compute_cost" -> computeCost();
        case "linear_backward" -> linearBackward();
        case "linear_activation_backward" -> linearActivationBackward();
        case "L_model_backward" -> lModelBackward();
        case "forward_propagation_with_dropout" -> forwardWithDropout();
        case "backward_propagation_with_dropout" -> backwardWithDropout();
        default -> updateParameters();
      });
    }
    return out;
  }

  // ---- the trials: one call, what it should return, and how to name a difference ----

  /** Why an answer differs: sentences naming the cause, tried before the numbers are shown. */
  interface Cause {
    List<String> of(JsonNode answer, Expect.Mismatch first);
  }

  /**
   * One call of a function.
   *
   * @param argVariants the arguments; more than one when an activation has several names ("identity", "linear")
   * @param mayChange which arguments the function may change in place (update_parameters's dict: a note)
   */
  record Trial(String label, List<List<JsonNode>> argVariants, String[] argNames, LinkedHashMap<String, Matrix> shown,
      Expect expect, Cause cause, Set<Integer> mayChange, Long seed) {
    Trial(String label, List<List<JsonNode>> argVariants, String[] argNames, LinkedHashMap<String, Matrix> shown,
        Expect expect, Cause cause, Set<Integer> mayChange) {
      this(label, argVariants, argNames, shown, expect, cause, mayChange, null);
    }
  }

  private FunctionResult run(String fn, List<Trial> trials) {
    double worst = 0;
    List<String> notes = new ArrayList<>();
    JsonNode firstAnswer = null;
    for (Trial t : trials) {
      Bridge.Reply r = callVariants(fn, t.argVariants(), t.seed());
      Shown shown = new Shown(fn + "(" + t.label() + ")", t.shown(), null, null, null, null);
      if (!r.ok()) {
        return new FunctionResult(fn, Status.RAISED, null, List.of(fn + " raised " + r.errorText()
            + ", called with " + t.label() + "."), Double.NaN, shown);
      }
      if (firstAnswer == null) {
        firstAnswer = r.result();
      }
      for (int i : r.mutated()) {
        String arg = i < t.argNames().length ? t.argNames()[i] : "argument " + (i + 1);
        if (t.mayChange().contains(i)) {
          notes.add(fn + " changed the " + arg + " it was given; the course's newer version copies it first "
              + "(copy.deepcopy), so that the caller's values stay as they were.");
        } else {
          return new FunctionResult(fn, Status.WRONG, arg, List.of(fn + " changed its input " + arg + " in place"
              + inPlaceHint(fn) + "; a caller that uses " + arg + " afterwards sees other numbers."), Double.NaN,
              shown);
        }
      }
      Expect.Outcome o = Expect.compare(r.result(), t.expect(), TOL);
      o.notes().stream().filter(n -> !notes.contains(n)).forEach(notes::add);
      if (!o.ok()) {
        List<String> why = new ArrayList<>(keepdims(o.first()));
        if (why.isEmpty()) {
          why.addAll(t.cause().of(r.result(), o.first()));
        }
        why.add(o.first().what() + " (called with " + t.label() + ").");
        return new FunctionResult(fn, Status.WRONG, o.first().part(), why, o.worst(), new Shown(shown.call(),
            t.shown(), o.first().part(), o.first().user(), o.first().user() == null ? Values.describe(
                o.first().userValue()) : null, o.first().reference()));
      }
      worst = Math.max(worst, o.worst());
    }
    // the same call again: the same answer, or the function depends on call order or on a global
    Trial t0 = trials.get(0);
    Bridge.Reply again = callVariants(fn, t0.argVariants(), t0.seed());
    if (again.ok() && firstAnswer != null && !again.result().equals(firstAnswer)) {
      return new FunctionResult(fn, Status.WRONG, "(a second call)", List.of(fn + " gave a different answer to the "
          + "same call a second time: its result depends on call order or on something outside its arguments (a "
          + "global, a random draw without np.random.seed)."), worst, new Shown(fn + "(" + t0.label() + ")",
          t0.shown(), null, null, null, null));
    }
    return new FunctionResult(fn, Status.OK, null, notes, worst, null);
  }

  /** A vector (n,) where the course has a column (n, 1): a sum without keepdims, whatever the function. */
  private static List<String> keepdims(Expect.Mismatch first) {
    int[] s = Values.shape(first.userValue());
    if (first.kind().equals("shape") && s != null && s.length == 1 && first.reference() != null
        && first.reference().cols() == 1 && s[0] == first.reference().rows()) {
      return List.of(first.part() + " has shape (" + s[0] + ",) instead of (" + s[0] + ", 1): a sum without "
          + "keepdims=True (np.sum(dZ, axis=1) drops the axis); it broadcasts silently in b − α·db, which becomes "
          + s[0] + " × " + s[0] + ". Use db = 1/m · np.sum(dZ, axis=1, keepdims=True).");
    }
    return List.of();
  }

  /** Calls with the first argument list that does not raise (activation names); else the first's error. */
  private Bridge.Reply callVariants(String fn, List<List<JsonNode>> variants, Long seed) {
    Bridge.Reply first = null;
    for (List<JsonNode> args : variants) {
      Bridge.Reply r = bridge.call(fn, args, null, null, seed);
      if (r.ok()) {
        return r;
      }
      if (first == null) {
        first = r;
      }
    }
    return first;
  }

  private static String inPlaceHint(String fn) {
    return switch (fn) {
      case "relu_backward" -> " (dZ = dA; dZ[Z <= 0] = 0 writes into dA: copy it first, dZ = np.array(dA, copy=True))";
      default -> " (an assignment into an array it was given writes into the caller's array: copy it first)";
    };
  }

  private static Trial trial(String label, List<JsonNode> args, String[] argNames, LinkedHashMap<String, Matrix> shown,
      Expect expect, Cause cause) {
    return new Trial(label, List.of(args), argNames, shown, expect, cause, Set.of());
  }

  private static LinkedHashMap<String, Matrix> shown(Object... nameThenMatrix) {
    LinkedHashMap<String, Matrix> m = new LinkedHashMap<>();
    for (int i = 0; i < nameThenMatrix.length; i += 2) {
      m.put((String) nameThenMatrix[i], (Matrix) nameThenMatrix[i + 1]);
    }
    return m;
  }

  private static String shapes(Object... nameThenMatrix) {
    List<String> s = new ArrayList<>();
    for (int i = 0; i < nameThenMatrix.length; i += 2) {
      Matrix m = (Matrix) nameThenMatrix[i + 1];
      s.add(nameThenMatrix[i] + " " + m.rows() + "×" + m.cols());
    }
    return String.join(", ", s);
  }

  private static boolean matches(JsonNode answer, Expect alternative) {
    return Expect.compare(answer, alternative, TOL).ok();
  }

  private static final Cause NONE = (a, f) -> List.of();

  // ---- inputs ----

  /** Sizes (n_{l−1}, n_l, m): generic, m = 1 and n_l = 1, n_l > m, and a row of pre-activations exactly 0. */
  private static final int[][] LINEAR_SHAPES = {{3, 4, 5}, {1, 1, 1}, {2, 5, 3}, {4, 3, 6}};

  private Random random(int salt) {
    return new Random(seed * 1_000_003L + salt);
  }

  private static Matrix gaussian(Random r, int rows, int cols, double scale) {
    double[][] a = new double[rows][cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        a[i][j] = scale * r.nextGaussian();
      }
    }
    return Matrix.of(a);
  }

  /** Pre-activations with some entries exactly 0 (ReLU′(0) is a convention: the course's is 0). */
  private static Matrix withZeros(Matrix Z) {
    Matrix out = Z;
    for (int i = 0; i < Z.rows(); i++) {
      for (int j = 0; j < Z.cols(); j++) {
        if ((i + 2 * j) % 3 == 0) {
          out = out.with(i, j, 0.0);
        }
      }
    }
    return out;
  }

  /** The last shape's W and b have a zero row, so that a row of Z is exactly 0. */
  private record LinearInputs(Matrix A, Matrix W, Matrix b) {}

  private LinearInputs linearInputs(int k, Random r) {
    int[] s = LINEAR_SHAPES[k];
    Matrix A = gaussian(r, s[0], s[2], 1);
    Matrix W = gaussian(r, s[1], s[0], 0.5);
    Matrix b = gaussian(r, s[1], 1, 0.1);
    if (k == LINEAR_SHAPES.length - 1) {
      for (int j = 0; j < s[0]; j++) {
        W = W.with(0, j, 0.0);
      }
      b = b.with(0, 0, 0.0);
    }
    return new LinearInputs(A, W, b);
  }

  private static JsonNode arr(Matrix m) {
    return Values.array(m);
  }

  /** The names a learner's linear_activation_* may use for an activation. */
  static List<String> names(Activation a) {
    return switch (a) {
      case IDENTITY -> List.of("identity", "linear", "none");
      case LEAKY_RELU -> List.of("leaky_relu", "leakyrelu", "lrelu");
      default -> List.of(a.id());
    };
  }

  private static double defaultAlpha(Activation a) {
    return a.hasAlpha() ? a.defaultAlpha() : Double.NaN;
  }

  private double alpha(Activation a) {
    return a == model.hidden() ? model.hiddenAlpha() : model.outputAlpha();
  }

  /** The activations of the declared model, hidden first, each once. */
  private List<Activation> activations() {
    return model.hidden() == model.output() ? List.of(model.hidden()) : List.of(model.hidden(), model.output());
  }

  // ---- the helpers: relu(Z), sigmoid(Z) → (A, Z); relu_backward(dA, Z), sigmoid_backward(dA, Z) → dZ ----

  private FunctionResult activation(String fn, Activation g) {
    Random r = random(1);
    List<Trial> trials = new ArrayList<>();
    for (int[] s : new int[][] {{3, 4}, {1, 1}, {2, 6}}) {
      Matrix Z = withZeros(gaussian(r, s[0], s[1], 2));
      Matrix A = Activations.activationForward(Z, g, Double.NaN);
      trials.add(trial("Z " + s[0] + "×" + s[1], List.of(arr(Z)), new String[] {"Z"}, shown("Z", Z),
          new Expect.Tuple(fn + "'s result", Expect.tensor("A", A), Expect.tensor("cache (Z)", Z)), NONE));
    }
    return run(fn, trials);
  }

  private FunctionResult activationBackward(String fn, Activation g) {
    Random r = random(2);
    List<Trial> trials = new ArrayList<>();
    for (int[] s : new int[][] {{3, 4}, {1, 1}, {2, 6}}) {
      Matrix Z = withZeros(gaussian(r, s[0], s[1], 2));
      Matrix dA = gaussian(r, s[0], s[1], 1);
      Matrix dZ = Activations.activationBackward(dA, Z, g, Double.NaN);
      Cause cause = (answer, first) -> {
        List<String> out = new ArrayList<>();
        if (g == Activation.RELU) {
          if (matches(answer, Expect.tensor("dZ", dA.times(Z.map(z -> z >= 0 ? 1 : 0))))) {
            out.add("ReLU′(0) taken as 1: where Z is exactly 0 your dZ passes dA through. The course takes "
                + "ReLU′(0) = 0: dZ[Z <= 0] = 0, not dZ[Z < 0] = 0.");
          } else if (matches(answer, Expect.tensor("dZ", Z.map(z -> z > 0 ? 1 : 0)))) {
            out.add("dZ is ReLU′(Z) alone: multiply by dA (dZ = dA where Z > 0, else 0).");
          }
        } else {
          Matrix s0 = Activations.sigmoid(Z);
          if (matches(answer, Expect.tensor("dZ", s0.times(s0.map(v -> 1 - v))))) {
            out.add("dZ is σ′(Z) alone: multiply by dA, dZ = dA · s · (1 − s).");
          } else if (matches(answer, Expect.tensor("dZ", dA.times(Z).times(Z.map(v -> 1 - v))))) {
            out.add("the derivative was taken of Z instead of s = σ(Z): s = 1/(1 + np.exp(−Z)), then dA · s · (1 − s).");
          } else {
            out.add("the derivative of the sigmoid is wrong: dZ = dA · s · (1 − s), with s = σ(Z).");
          }
        }
        return out;
      };
      trials.add(trial("dA and Z " + s[0] + "×" + s[1] + " (some Z exactly 0)", List.of(arr(dA), arr(Z)),
          new String[] {"dA", "cache (Z)"}, shown("dA", dA, "Z", Z), Expect.tensor("dZ", dZ), cause));
    }
    return run(fn, trials);
  }

  // ---- initialize_parameters_deep(layer_dims): shapes, zero biases, a small random W, and no surprise ----

  private FunctionResult initializeParametersDeep() {
    String fn = "initialize_parameters_deep";
    List<String> notes = new ArrayList<>();
    JsonNode first = null;
    for (int[] dims : new int[][] {{5, 4, 3}, {2, 1}, {3, 6, 2, 1}}) {
      com.fasterxml.jackson.databind.node.ArrayNode d = Bridge.JSON.createArrayNode();
      for (int n : dims) {
        d.add(n);
      }
      String label = "layer_dims = " + java.util.Arrays.toString(dims);
      Bridge.Reply r = bridge.call(fn, List.of(d));
      if (!r.ok()) {
        return new FunctionResult(fn, Status.RAISED, null, List.of(fn + " raised " + r.errorText() + ", called with "
            + label + "."), Double.NaN, null);
      }
      if (first == null) {
        first = r.result();
      }
      JsonNode p = r.result();
      Map<String, Matrix> shapes = new LinkedHashMap<>();
      for (int l = 1; l < dims.length; l++) {
        shapes.put("W" + l, Matrix.zeros(dims[l], dims[l - 1]));
        shapes.put("b" + l, Matrix.zeros(dims[l], 1));
      }
      for (var e : shapes.entrySet()) {
        JsonNode v = p == null ? null : p.get(e.getKey());
        String name = "parameters[\"" + e.getKey() + "\"]";
        Matrix want = e.getValue();
        if (p == null || !p.isObject() || Values.isArray(p)) {
          return wrong(fn, "parameters", "parameters should be a dict with keys " + shapes.keySet() + ", got "
              + Values.describe(p) + " (called with " + label + ").");
        }
        if (v == null) {
          return wrong(fn, name, "parameters has no key \"" + e.getKey() + "\" (called with " + label + "): the course "
              + "names them W1, b1, …, WL, bL with L = len(layer_dims) − 1.");
        }
        int[] s = Values.shape(v);
        if (s == null || s.length != 2 || s[0] != want.rows() || s[1] != want.cols()) {
          return wrong(fn, name, name + " has shape " + Values.shapeText(v) + " instead of (" + want.rows() + ", "
              + want.cols() + ") (called with " + label + "): W[l] is n_l × n_{l−1}, b[l] is n_l × 1.");
        }
        Matrix m = Values.matrix(v);
        if (e.getKey().startsWith("b") && m.norm() != 0) {
          return wrong(fn, name, name + " is not zero: the course starts the biases at np.zeros((n_l, 1)).");
        }
        if (e.getKey().startsWith("W") && (m.norm() == 0 || !Values.finite(m))) {
          return wrong(fn, name, name + " is " + (m.norm() == 0 ? "all zero" : "not finite") + ": W[l] is drawn "
              + "at random (np.random.randn(n_l, n_{l−1}) · 0.01), else every unit of a layer learns the same.");
        }
      }
    }
    Bridge.Reply again = bridge.call(fn, List.of(Bridge.JSON.createArrayNode().add(5).add(4).add(3)));
    if (again.ok() && !again.result().equals(first)) {
      return wrong(fn, "(a second call)", fn + " gave a different answer to the same call a second time: "
          + "np.random.seed(3) is missing at its start (the course seeds inside the function, so that everyone "
          + "draws the same weights).");
    }
    notes.add("Shapes, zero biases and a repeatable draw checked; the weights themselves are numpy's random "
        + "numbers, which twinnet does not reproduce: training starts from the twin's weights instead.");
    return new FunctionResult(fn, Status.OK, null, notes, 0, null);
  }

  private static FunctionResult wrong(String fn, String part, String why) {
    return new FunctionResult(fn, Status.WRONG, part, List.of(why), Double.POSITIVE_INFINITY, null);
  }

  // ---- linear_forward(A, W, b) → (Z, (A, W, b)) ----

  /** The course's linear cache (A_prev, W, b) at {@code path} ("cache", "caches[1][0]"). */
  private static Expect.Tuple linearCache(String path, Matrix A, Matrix W, Matrix b) {
    return new Expect.Tuple(path + " (linear_cache)", Expect.tensor(path + "[0] (A_prev)", A),
        Expect.tensor(path + "[1] (W)", W), Expect.tensor(path + "[2] (b)", b));
  }

  /** The cache's entries in another order: the order the learner used, or null. */
  private static String cacheOrder(JsonNode cache, Matrix A, Matrix W, Matrix b) {
    if (cache == null || !cache.isArray() || cache.size() != 3) {
      return null;
    }
    String[] names = {"A_prev", "W", "b"};
    Matrix[] values = {A, W, b};
    List<String> order = new ArrayList<>();
    for (JsonNode n : cache) {
      String found = null;
      for (int k = 0; k < 3; k++) {
        if (matches(n, Expect.tensor(names[k], values[k]))) {
          found = names[k];
        }
      }
      if (found == null) {
        return null;
      }
      order.add(found);
    }
    return order.equals(List.of(names)) ? null : String.join(", ", order);
  }

  private FunctionResult linearForward() {
    Random r = random(3);
    List<Trial> trials = new ArrayList<>();
    for (int k = 0; k < LINEAR_SHAPES.length; k++) {
      LinearInputs in = linearInputs(k, r);
      Matrix Z = Linear.linearForward(in.A(), in.W(), in.b());
      Cause cause = (answer, first) -> {
        String order = answer.isArray() && answer.size() == 2 ? cacheOrder(answer.get(1), in.A(), in.W(), in.b()) : null;
        if (order != null) {
          return List.of("cache entries in the wrong order: the course's linear cache is (A, W, b), yours is ("
              + order + "); linear_backward unpacks it as A_prev, W, b = cache.");
        }
        if (answer.isArray() && answer.size() == 2 && matches(answer.get(0), Expect.tensor("Z", in.W().dot(in.A())))) {
          return List.of("Z is W·A without b: Z = np.dot(W, A) + b.");
        }
        return List.of();
      };
      trials.add(trial(shapes("A", in.A(), "W", in.W(), "b", in.b()), List.of(arr(in.A()), arr(in.W()), arr(in.b())),
          new String[] {"A", "W", "b"}, shown("A", in.A(), "W", in.W(), "b", in.b()),
          new Expect.Tuple("linear_forward's result", Expect.tensor("Z", Z), linearCache("cache", in.A(), in.W(),
              in.b())), cause));
    }
    return run("linear_forward", trials);
  }

  // ---- linear_activation_forward(A_prev, W, b, activation) → (A, ((A_prev, W, b), Z)) ----

  private FunctionResult linearActivationForward() {
    Random r = random(4);
    List<Trial> trials = new ArrayList<>();
    for (Activation g : activations()) {
      for (int k = 0; k < LINEAR_SHAPES.length; k++) {
        LinearInputs in = linearInputs(k, r);
        Linear.Forward f = Linear.linearActivationForward(in.A(), in.W(), in.b(), g, alpha(g));
        Matrix Z = f.cache().Z();
        List<List<JsonNode>> variants = new ArrayList<>();
        for (String name : names(g)) {
          variants.add(List.of(arr(in.A()), arr(in.W()), arr(in.b()), Bridge.JSON.getNodeFactory().textNode(name)));
        }
        Cause cause = (answer, first) -> {
          List<String> out = new ArrayList<>();
          if (answer.isArray() && answer.size() == 2 && answer.get(1).isArray() && answer.get(1).size() == 2
              && matches(answer.get(1).get(0), Expect.tensor("Z", Z))
              && matches(answer.get(1).get(1), linearCache("linear_cache", in.A(), in.W(), in.b()))) {
            out.add("cache entries in the wrong order: the course's cache is (linear_cache, activation_cache) = "
                + "((A_prev, W, b), Z); yours is (Z, (A_prev, W, b)), and linear_activation_backward unpacks it as "
                + "linear_cache, activation_cache = cache.");
          } else if (answer.isArray() && answer.size() == 2) {
            for (Activation other : Activation.values()) {
              if (other != g && matches(answer.get(0), Expect.tensor("A", Activations.activationForward(Z, other,
                  defaultAlpha(other))))) {
                out.add("for activation = \"" + names(g).get(0) + "\" it applies " + other.id() + ": check the "
                    + "branch of that activation.");
                break;
              }
            }
          }
          return out;
        };
        trials.add(new Trial(shapes("A_prev", in.A(), "W", in.W(), "b", in.b()) + ", activation \"" + names(g).get(0)
            + "\"", variants, new String[] {"A_prev", "W", "b", "activation"},
            shown("A_prev", in.A(), "W", in.W(), "b", in.b()),
            new Expect.Tuple("linear_activation_forward's result", Expect.tensor("A", f.A()),
                new Expect.Tuple("cache (linear_cache, activation_cache)", linearCache("cache[0]", in.A(), in.W(),
                    in.b()), Expect.tensor("cache[1] (Z)", Z))), cause, Set.of()));
      }
    }
    return run("linear_activation_forward", trials);
  }

  // ---- whole networks: the data they run on ----

  /** A network's data and weights: a small generic one, m = 1, n_l > m, the seed's data, random data. */
  record NetData(String label, NetworkSpec spec, Parameters params, Matrix X, Matrix Y) {}

  List<NetData> networks() {
    Random r = random(5);
    List<NetData> out = new ArrayList<>();
    int ny = outputs();
    int[][] dims = {{3, 4, 2, ny}, {1, 3, ny}, {2, 6, ny}};
    int[] ms = {5, 1, 3};
    for (int k = 0; k < dims.length; k++) {
      NetworkSpec spec = model.spec(dims[k]);
      Parameters p = Initialization.initializeParametersDeep(dims[k], twinnet.model.Initializer.HE, seed + k);
      Matrix X = gaussian(r, dims[k][0], ms[k], 1);
      out.add(new NetData("a [" + join(dims[k]) + "] network on m = " + ms[k], spec, p, X, targets(r, ny, ms[k])));
    }
    NetData seedData = seedData();
    out.add(seedData);
    int[] big = {4, 7, 5, ny};
    Matrix X = gaussian(r, 4, 12, 1);
    out.add(new NetData("random data, a [4, 7, 5, 1] network, m = 12", model.spec(big),
        Initialization.initializeParametersDeep(big, twinnet.model.Initializer.HE, seed + 7), X, targets(r, ny, 12)));
    return out;
  }

  /** The seed's data, x = 0..19, y = 3x² + 3x (for cross-entropy: y > 300 as 1), on a [1, 8, 1] network. */
  NetData seedData() {
    var d = twinnet.data.Datasets.seedQuadratic();
    Matrix Y = model.loss() == Loss.BCE ? d.Y().map(y -> y > 300 ? 1.0 : 0.0)
        : model.loss() == Loss.CCE ? thirds(d.Y()) : d.Y();
    int[] dims = {1, 8, outputs()};
    return new NetData("the seed's data (x = 0..19, y = 3x² + 3x" + (model.loss() == Loss.BCE ? " > 300" : "")
        + ") on a [1, 8, 1] network", model.spec(dims), Initialization.initializeParametersDeep(dims,
            twinnet.model.Initializer.HE, 3), d.X(), Y);
  }

  /** Outputs of the networks checked: 3 classes for cross-entropy over a softmax, else 1. */
  private int outputs() {
    return model.loss() == Loss.CCE ? 3 : 1;
  }

  /** The seed's y in three classes (y < 100, < 600, above), one-hot. */
  private static Matrix thirds(Matrix y) {
    double[][] out = new double[3][y.cols()];
    for (int j = 0; j < y.cols(); j++) {
      out[y.get(0, j) < 100 ? 0 : y.get(0, j) < 600 ? 1 : 2][j] = 1;
    }
    return Matrix.of(out);
  }

  private Matrix targets(Random r, int rows, int m) {
    Matrix g = gaussian(r, rows, m, 1);
    return switch (model.loss()) {
      case BCE -> g.map(v -> v > 0 ? 1.0 : 0.0);
      case CCE -> oneHot(g);
      default -> model.output() == Activation.RELU ? g.map(Math::abs) : g;
    };
  }

  /** One-hot columns: the class of each example is its largest entry. */
  static Matrix oneHot(Matrix g) {
    double[][] y = new double[g.rows()][g.cols()];
    for (int j = 0; j < g.cols(); j++) {
      int best = 0;
      for (int i = 1; i < g.rows(); i++) {
        best = g.get(i, j) > g.get(best, j) ? i : best;
      }
      y[best][j] = 1;
    }
    return Matrix.of(y);
  }

  private static String join(int[] a) {
    return String.join(", ", java.util.Arrays.stream(a).mapToObj(String::valueOf).toList());
  }

  static ObjectNode paramsJson(Parameters p) {
    ObjectNode o = Bridge.JSON.createObjectNode();
    for (int l = 1; l <= p.depth(); l++) {
      o.set("W" + l, Values.array(p.W(l)));
      o.set("b" + l, Values.array(p.b(l)));
    }
    return o;
  }

  static Map<String, Matrix> paramsMap(Parameters p) {
    Map<String, Matrix> m = new LinkedHashMap<>();
    for (int l = 1; l <= p.depth(); l++) {
      m.put("W" + l, p.W(l));
      m.put("b" + l, p.b(l));
    }
    return m;
  }

  private static JsonNode cachesJson(List<Linear.Cache> caches) {
    com.fasterxml.jackson.databind.node.ArrayNode a = Bridge.JSON.createArrayNode();
    for (Linear.Cache c : caches) {
      a.add(Values.tuple(Values.tuple(Values.array(c.linear().A_prev()), Values.array(c.linear().W()),
          Values.array(c.linear().b())), Values.array(c.Z())));
    }
    return a;
  }

  private static Expect cachesExpect(List<Linear.Cache> caches) {
    List<Expect> items = new ArrayList<>();
    for (int l = 1; l <= caches.size(); l++) {
      Linear.Cache c = caches.get(l - 1);
      items.add(new Expect.Tuple("caches[" + (l - 1) + "] (linear_cache, Z)", linearCache("caches[" + (l - 1) + "][0]",
          c.linear().A_prev(), c.linear().W(), c.linear().b()), Expect.tensor("caches[" + (l - 1) + "][1] (Z)",
          c.Z())));
    }
    return new Expect.Tuple("caches", items);
  }

  // ---- L_model_forward(X, parameters) → (AL, caches) ----

  private FunctionResult lModelForward() {
    List<Trial> trials = new ArrayList<>();
    for (NetData n : networks()) {
      ScratchNetwork.ForwardPass f = new ScratchNetwork(n.spec(), n.params()).lModelForward(n.X());
      Cause cause = (answer, first) -> {
        if (!answer.isArray() || answer.size() != 2) {
          return List.of();
        }
        if (answer.get(1).isArray() && answer.get(1).size() != n.spec().depth()) {
          return List.of("caches holds " + answer.get(1).size() + " entries for a network of " + n.spec().depth()
              + " layers: append one cache per layer, L = len(parameters) // 2.");
        }
        for (Activation hidden : Activation.values()) {
          for (Activation output : Activation.values()) {
            if (hidden == model.hidden() && output == model.output() || hidden == Activation.SOFTMAX) {
              continue;
            }
            NetworkSpec other = new NetworkSpec(n.spec().layers(), hidden, Double.NaN, output, Double.NaN,
                Loss.HALF_MSE);
            Matrix AL = new ScratchNetwork(other, n.params()).lModelForward(n.X()).AL();
            if (matches(answer.get(0), Expect.tensor("AL", AL))) {
              return List.of("your L_model_forward's numbers match a " + hidden.id() + " hidden layer"
                  + (n.spec().depth() > 1 ? "s" : "") + " and a " + output.id() + " output; the model was declared "
                  + "with --hidden " + model.hidden().id() + " --output " + model.output().id() + ": declare the "
                  + "model your code implements, or change its activations.");
            }
          }
        }
        return List.of();
      };
      trials.add(trial(n.label(), List.of(arr(n.X()), paramsJson(n.params())), new String[] {"X", "parameters"},
          shown("X", n.X()), new Expect.Tuple("L_model_forward's result", Expect.tensor("AL", f.AL()),
              cachesExpect(f.caches())), cause));
    }
    return run("L_model_forward", trials);
  }

  // ---- compute_cost(AL, Y) → cost ----

  private FunctionResult computeCost() {
    Random r = random(6);
    List<Trial> trials = new ArrayList<>();
    int[] ms = {5, 1, 3, 20};
    for (int k = 0; k < ms.length; k++) {
      int m = ms[k];
      // the first trial suits every loss (AL in (0, 1), Y in {0, 1}), so that a cost of another loss shows a number
      boolean common = k == 0;
      int ny = outputs();
      Matrix Y = common && ny == 1 ? gaussian(r, 1, m, 1).map(v -> v > 0 ? 1.0 : 0.0) : targets(r, ny, m);
      Matrix AL = common && ny == 1 ? gaussian(r, 1, m, 1).map(v -> 1 / (1 + Math.exp(-v))) : switch (model.output()) {
        case SOFTMAX -> Activations.softmax(gaussian(r, ny, m, 1));
        case SIGMOID -> gaussian(r, 1, m, 1).map(v -> 1 / (1 + Math.exp(-v)));
        case RELU -> gaussian(r, 1, m, 1).map(v -> Math.max(0, v));
        default -> gaussian(r, 1, m, 1);
      };
      double J = Costs.computeCost(AL, Y, model.loss());
      Cause cause = (answer, first) -> {
        double v = Values.scalar(answer);
        List<String> out = new ArrayList<>();
        for (Loss other : Loss.values()) {
          if (other != model.loss() && Math.abs(v - Costs.computeCost(AL, Y, other)) <= 1e-12 * Math.abs(v)) {
            out.add("compute_cost computes " + other.id() + " (" + formula(other) + "); the model was declared with "
                + "--loss " + model.loss().id() + " (" + formula(model.loss()) + ").");
          }
        }
        if (out.isEmpty() && m > 1) {
          if (Math.abs(v + J) <= 1e-12 * Math.abs(J)) {
            out.add("the cost has the wrong sign: " + formula(model.loss()) + ".");
          } else if (Math.abs(v - m * J) <= 1e-12 * Math.abs(m * J)) {
            out.add("the 1/m is missing: the cost is the mean over the m examples, " + formula(model.loss()) + ".");
          } else if (Math.abs(v - J / m) <= 1e-12 * Math.abs(J / m)) {
            out.add("the 1/m is applied twice: " + formula(model.loss()) + ".");
          }
        }
        return out;
      };
      trials.add(trial("AL and Y 1×" + m, List.of(arr(AL), arr(Y)), new String[] {"AL", "Y"}, shown("AL", AL, "Y", Y),
          new Expect.Scalar("cost", J), cause));
    }
    return run("compute_cost", trials);
  }

  static String formula(Loss l) {
    return switch (l) {
      case BCE -> "J = −1/m · Σ (Y·log(AL) + (1 − Y)·log(1 − AL))";
      case CCE -> "J = −1/m · Σ Y·log(AL)";
      case HALF_MSE -> "J = 1/(2m) · Σ (AL − Y)²";
      case MSE -> "J = 1/(m·n_y) · Σ (AL − Y)²";
    };
  }

  // ---- linear_backward(dZ, (A_prev, W, b)) → (dA_prev, dW, db) ----

  /** The usual slips of linear_backward, named from one differing tensor. */
  private Cause linearBackwardCause(Matrix dZ, LinearInputs in, Linear.LinearGrads g) {
    NetworkSpec spec = model.spec(in.A().rows(), in.W().rows());
    int m = in.A().cols();
    return (answer, first) -> {
      List<String> out = new ArrayList<>();
      if (first.part().equals("dA_prev") && first.user() != null && first.user().rows() == in.W().rows()
          && first.user().cols() == m) {
        out.add("dA_prev has the shape of dZ: dA_prev = Wᵀ·dZ (np.dot(W.T, dZ)).");
        return out;
      }
      if (first.user() != null && first.reference() != null && !first.kind().equals("nonfinite")) {
        String p = Diagnosis.pattern(first.part(), first.user(), first.reference(), spec, m);
        if (p != null) {
          out.add(p);
        }
      }
      return out;
    };
  }

  private FunctionResult linearBackward() {
    Random r = random(7);
    List<Trial> trials = new ArrayList<>();
    for (int k = 0; k < LINEAR_SHAPES.length; k++) {
      LinearInputs in = linearInputs(k, r);
      Matrix dZ = gaussian(r, in.W().rows(), in.A().cols(), 1);
      Linear.LinearGrads g = Linear.linearBackward(dZ, new Linear.LinearCache(in.A(), in.W(), in.b()));
      trials.add(trial(shapes("dZ", dZ, "A_prev", in.A(), "W", in.W()), List.of(arr(dZ),
          Values.tuple(arr(in.A()), arr(in.W()), arr(in.b()))), new String[] {"dZ", "cache"},
          shown("dZ", dZ, "A_prev", in.A(), "W", in.W(), "b", in.b()), grads("linear_backward", g),
          linearBackwardCause(dZ, in, g)));
    }
    return run("linear_backward", trials);
  }

  private static Expect.Tuple grads(String fn, Linear.LinearGrads g) {
    return new Expect.Tuple(fn + "'s result", Expect.tensor("dA_prev", g.dA_prev()), Expect.tensor("dW", g.dW()),
        Expect.tensor("db", g.db()));
  }

  // ---- linear_activation_backward(dA, ((A_prev, W, b), Z), activation) → (dA_prev, dW, db) ----

  private FunctionResult linearActivationBackward() {
    Random r = random(8);
    List<Trial> trials = new ArrayList<>();
    for (Activation g : activations()) {
      for (int k = 0; k < LINEAR_SHAPES.length; k++) {
        LinearInputs in = linearInputs(k, r);
        Matrix Z = withZeros(Linear.linearForward(in.A(), in.W(), in.b()));
        Matrix dA = gaussian(r, Z.rows(), Z.cols(), 1);
        Linear.Cache cache = new Linear.Cache(new Linear.LinearCache(in.A(), in.W(), in.b()), Z);
        Linear.LinearGrads ref = Linear.linearActivationBackward(dA, cache, g, alpha(g));
        JsonNode cacheJson = Values.tuple(Values.tuple(arr(in.A()), arr(in.W()), arr(in.b())), arr(Z));
        List<List<JsonNode>> variants = new ArrayList<>();
        for (String name : names(g)) {
          variants.add(List.of(arr(dA), cacheJson, Bridge.JSON.getNodeFactory().textNode(name)));
        }
        Matrix dZ = Activations.activationBackward(dA, Z, g, alpha(g));
        Cause base = linearBackwardCause(dZ, in, ref);
        Cause cause = (answer, first) -> {
          for (Activation other : Activation.values()) {
            if (other == g) {
              continue;
            }
            Linear.LinearGrads alt = Linear.linearActivationBackward(dA, cache, other, defaultAlpha(other));
            if (matches(answer, grads("linear_activation_backward", alt))) {
              return List.of("for activation = \"" + names(g).get(0) + "\" it takes the derivative of " + other.id()
                  + ": check the branch of that activation (dZ = " + names(g).get(0) + "_backward(dA, "
                  + "activation_cache)).");
            }
          }
          if (g == Activation.RELU && matches(answer, grads("", Linear.linearBackward(dA.times(Z.map(z -> z >= 0 ? 1 : 0)),
              cache.linear())))) {
            return List.of("ReLU′(0) taken as 1: where Z is exactly 0 the gradient passes through. The course takes "
                + "ReLU′(0) = 0: dZ[Z <= 0] = 0.");
          }
          return base.of(answer, first);
        };
        trials.add(new Trial(shapes("dA", dA, "A_prev", in.A(), "W", in.W()) + " (some Z exactly 0), activation \""
            + names(g).get(0) + "\"", variants, new String[] {"dA", "cache", "activation"},
            shown("dA", dA, "A_prev", in.A(), "W", in.W(), "Z", Z), grads("linear_activation_backward", ref), cause,
            Set.of()));
      }
    }
    return run("linear_activation_backward", trials);
  }

  // ---- L_model_backward(AL, Y, caches) → grads ----

  /** A scratch network whose backward pass starts from a given dAL: the learner's guesses, tried as hypotheses. */
  static final class SeededBackward extends ScratchNetwork {
    private final Function<Matrix, Matrix> dAL;

    SeededBackward(NetworkSpec spec, Parameters p, Function<Matrix, Matrix> dAL) {
      super(spec, p);
      this.dAL = dAL;
    }

    @Override
    protected Matrix costBackward(Matrix AL, Matrix Y) {
      return dAL.apply(AL);
    }
  }

  static Expect.Dict gradsExpect(ScratchNetwork.BackwardPass b) {
    Map<String, Matrix> m = new LinkedHashMap<>();
    int L = b.grads().depth();
    for (int l = L; l >= 1; l--) {
      m.put("dA" + (l - 1), b.dA().get(l - 1));
      m.put("dW" + l, b.grads().dW(l));
      m.put("db" + l, b.grads().db(l));
    }
    return Expect.dict("grads", m);
  }

  private List<String> dalCause(NetData n, ScratchNetwork.ForwardPass f, JsonNode answer) {
    Matrix Y = n.Y();
    int m = Y.cols();
    Matrix Z = f.caches().get(n.spec().depth() - 1).Z();
    Matrix dAL = Costs.costBackward(f.AL(), Y, model.loss());
    Map<String, Function<Matrix, Matrix>> guesses = new LinkedHashMap<>();
    guesses.put("dAL is divided by m: the 1/m is then applied twice (linear_backward applies it to dW and db). "
        + "dAL is the loss's derivative for one example: " + dalFormula(), AL -> dAL.scale(1.0 / m));
    guesses.put("dAL is summed to one number (np.sum(AL − Y)/m, a guess of the seed's): dAL is an array of AL's "
        + "shape, the loss's derivative for each example: " + dalFormula(), AL -> fill(AL, AL.minus(Y).sum() / m));
    guesses.put("dAL is multiplied by A and summed (np.sum((AL − Y)·AL)/m, a guess of the seed's): dAL is the "
        + "loss's derivative, not the cost's: " + dalFormula(), AL -> fill(AL, AL.minus(Y).times(AL).sum() / m));
    guesses.put("dAL is the output activation's derivative, g′(Z): dAL is dL/dA of the loss, " + dalFormula()
        + "; the activation's derivative is applied afterwards, in the last layer's backward step",
        AL -> Activations.activationBackward(Matrix.zeros(Z.rows(), Z.cols()).map(v -> 1.0), Z, model.output(),
            model.outputAlpha()));
    guesses.put("dAL has the wrong sign: " + dalFormula(), AL -> dAL.scale(-1));
    for (Loss other : Loss.values()) {
      if (other != model.loss() && (other != Loss.BCE || model.output() == Activation.SIGMOID)) {
        guesses.put("dAL is " + other.id() + "'s (" + dalFormula(other) + ") but the cost is " + model.loss().id()
            + "'s: " + dalFormula(), AL -> Costs.costBackward(AL, Y, other));
      }
    }
    for (var g : guesses.entrySet()) {
      ScratchNetwork.BackwardPass b = new SeededBackward(n.spec(), n.params(), g.getValue())
          .lModelBackward(f.AL(), Y, f.caches());
      if (matches(answer, gradsExpect(b))) {
        return List.of(g.getKey() + ".");
      }
    }
    return List.of();
  }

  private String dalFormula() {
    return dalFormula(model.loss());
  }

  private static String dalFormula(Loss l) {
    return switch (l) {
      case BCE -> "dAL = −(Y/AL − (1 − Y)/(1 − AL))";
      case CCE -> "dAL = −Y/AL (with a softmax output, dZ = AL − Y)";
      case HALF_MSE -> "dAL = AL − Y";
      case MSE -> "dAL = 2·(AL − Y)/n_y";
    };
  }

  private static Matrix fill(Matrix like, double v) {
    return like.map(x -> v);
  }

  private FunctionResult lModelBackward() {
    List<Trial> trials = new ArrayList<>();
    for (NetData n : networks()) {
      ScratchNetwork net = new ScratchNetwork(n.spec(), n.params());
      ScratchNetwork.ForwardPass f = net.lModelForward(n.X());
      ScratchNetwork.BackwardPass b = net.lModelBackward(f.AL(), n.Y(), f.caches());
      int L = n.spec().depth();
      Cause cause = (answer, first) -> {
        if (answer.isObject() && !answer.has("dA0") && answer.has("dA" + L)) {
          boolean shifted = true;
          for (int l = 1; l <= L; l++) {
            shifted &= matches(answer.get("dA" + l), Expect.tensor("dA", b.dA().get(l - 1)));
          }
          if (shifted) {
            return List.of("grads keys off by one layer: the gradient of A^[l−1] belongs under \"dA\" + str(l − 1) "
                + "(dA0 … dA" + (L - 1) + "), as the course stores it next to dW[l] and db[l]; yours are dA1 … dA" + L
                + ".");
          }
        }
        List<String> dal = dalCause(n, f, answer);
        if (!dal.isEmpty()) {
          return dal;
        }
        if (first.user() != null && first.reference() != null && !first.kind().equals("nonfinite")) {
          String p = Diagnosis.pattern(first.part(), first.user(), first.reference(), n.spec(), n.Y().cols());
          if (p != null) {
            return List.of(p);
          }
        }
        return List.of();
      };
      trials.add(trial(n.label(), List.of(arr(f.AL()), arr(n.Y()), cachesJson(f.caches())),
          new String[] {"AL", "Y", "caches"}, shown("AL", f.AL(), "Y", n.Y()), gradsExpect(b), cause));
    }
    return run("L_model_backward", trials);
  }

  // ---- course 2: the 3-layer network LINEAR→RELU→LINEAR→RELU→LINEAR→SIGMOID with inverted dropout ----

  /** The course's dropout network: [n_x, n_1, n_2, 1], ReLU, ReLU, sigmoid, cross-entropy, keep_prob on both. */
  private static NetworkSpec dropoutSpec(int[] dims, double keepProb) {
    return NetworkSpec.of(dims, Activation.RELU, Activation.SIGMOID, Loss.BCE)
        .withDropout(new twinnet.model.Dropout(new double[] {keepProb, keepProb}, 0));
  }

  /** Sizes [n_x, n_1, n_2, 1], examples m and keep_prob: generic, m = 1, n_l > m, a low keep_prob. */
  private static final int[][] DROPOUT_DIMS = {{3, 5, 4, 1}, {2, 3, 2, 1}, {4, 6, 7, 1}};
  private static final int[] DROPOUT_M = {6, 1, 3};
  private static final double[] KEEP = {0.8, 0.7, 0.5};

  /**
   * The reference with given masks, and the usual slips as switches: the masks not applied, the kept units
   * not divided by keep_prob (forward or backward), the mask not applied again in the backward pass.
   */
  private static final class MaskedNetwork extends ScratchNetwork {
    private final List<Matrix> masks;
    private final boolean forwardMask;
    private final boolean forwardDivide;
    private final boolean backwardMask;
    private final boolean backwardDivide;

    /** The reference: the masks applied and divided by keep_prob in both passes. */
    MaskedNetwork(NetworkSpec spec, Parameters p, List<Matrix> masks) {
      this(spec, p, masks, true, true, true, true);
    }

    MaskedNetwork(NetworkSpec spec, Parameters p, List<Matrix> masks, boolean forwardMask, boolean forwardDivide,
        boolean backwardMask, boolean backwardDivide) {
      super(spec, p);
      this.masks = masks;
      this.forwardMask = forwardMask;
      this.forwardDivide = forwardDivide;
      this.backwardMask = backwardMask;
      this.backwardDivide = backwardDivide;
    }

    @Override
    protected Matrix dropoutMask(int l, int rows, int cols) {
      return masks.get(l - 1);
    }

    // A ← A ⊙ D / keep_prob, or the slip
    @Override
    protected Matrix dropoutForward(Matrix A, Matrix D, int l) {
      double keep = spec().dropout().keep(l);
      return (forwardMask ? A.times(D) : A).map(a -> forwardDivide ? a / keep : a);
    }

    // dA ← dA ⊙ D / keep_prob, or the slip
    @Override
    protected Matrix dropoutBackward(Matrix dA, Matrix D, int l) {
      double keep = spec().dropout().keep(l);
      return (backwardMask ? dA.times(D) : dA).map(a -> backwardDivide ? a / keep : a);
    }
  }

  /** The course's cache (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3) of a forward pass. */
  private static List<Matrix> dropoutCache(ScratchNetwork.ForwardPass f, Parameters p) {
    List<Matrix> c = new ArrayList<>();
    for (int l = 1; l <= 3; l++) {
      c.add(f.caches().get(l - 1).Z());
      if (l < 3) {
        c.add(f.masks().get(l - 1));
      }
      c.add(l < 3 ? f.caches().get(l).linear().A_prev() : f.AL()); // A after dropout, as the course keeps it
      c.add(p.W(l));
      c.add(p.b(l));
    }
    return c;
  }

  private static final String[] CACHE_NAMES = {"Z1", "D1", "A1", "W1", "b1", "Z2", "D2", "A2", "W2", "b2", "Z3",
      "A3", "W3", "b3"};

  /** The learner's masks D1, D2 from an answer (A3, cache), or why they cannot be used. */
  private static Object learnerMasks(JsonNode answer, ScratchNetwork.ForwardPass plain) {
    if (!answer.isArray() || answer.size() != 2 || !answer.get(1).isArray() || answer.get(1).size() != 14) {
      return "forward_propagation_with_dropout returns (A3, cache), cache = (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, "
          + "Z3, A3, W3, b3) as the course's does; twinnet reads the masks D1 and D2 from it.";
    }
    List<Matrix> masks = new ArrayList<>();
    for (int l = 1; l <= 2; l++) {
      JsonNode d = answer.get(1).get(l == 1 ? 1 : 6);
      Matrix A = plain.caches().get(l).linear().A_prev();
      int[] shape = Values.shape(d);
      if (shape == null || shape.length != 2 || shape[0] != A.rows() || shape[1] != A.cols()) {
        return "D" + l + " (cache[" + (l == 1 ? 1 : 6) + "]) is not an array of A" + l + "'s shape " + A.rows() + " × "
            + A.cols() + ": D" + l + " = np.random.rand(A" + l + ".shape[0], A" + l + ".shape[1]).";
      }
      Matrix D = Values.matrix(d);
      for (int i = 0; i < D.rows(); i++) {
        for (int j = 0; j < D.cols(); j++) {
          if (D.get(i, j) != 0 && D.get(i, j) != 1) {
            return "D" + l + " holds " + D.get(i, j) + ", not only 0s and 1s: the uniform draws must become a mask, D"
                + l + " = (D" + l + " < keep_prob).astype(int), before A" + l + " = A" + l + " * D" + l + " / keep_prob.";
          }
        }
      }
      masks.add(D);
    }
    return masks;
  }

  // ---- forward_propagation_with_dropout(X, parameters, keep_prob) → (A3, cache) ----

  private FunctionResult forwardWithDropout() {
    Random r = random(21);
    List<Trial> trials = new ArrayList<>();
    for (int k = 0; k < DROPOUT_DIMS.length; k++) {
      int[] dims = DROPOUT_DIMS[k];
      NetworkSpec spec = dropoutSpec(dims, KEEP[k]);
      Parameters p = Initialization.initializeParametersDeep(dims, twinnet.model.Initializer.HE, seed + 20 + k);
      Matrix X = gaussian(r, dims[0], DROPOUT_M[k], 1);
      List<JsonNode> args = List.of(arr(X), paramsJson(p), Bridge.JSON.getNodeFactory().numberNode(KEEP[k]));
      String label = "a [" + join(dims) + "] network on m = " + DROPOUT_M[k] + ", keep_prob = " + KEEP[k];
      long callSeed = seed + k;
      // the masks are the learner's own draws (np.random.seed before the call): read them, then compute with them
      Bridge.Reply first = bridge.call("forward_propagation_with_dropout", args, null, null, callSeed);
      if (!first.ok()) {
        return new FunctionResult("forward_propagation_with_dropout", Status.RAISED, null, List.of(
            "forward_propagation_with_dropout raised " + first.errorText() + ", called with " + label + "."),
            Double.NaN, new Shown("forward_propagation_with_dropout(" + label + ")", shown("X", X), null, null, null,
                null));
      }
      ScratchNetwork.ForwardPass plain = new ScratchNetwork(NetworkSpec.of(dims, Activation.RELU, Activation.SIGMOID,
          Loss.BCE), p).lModelForward(X);
      Object masks = learnerMasks(first.result(), plain);
      if (masks instanceof String why) {
        return wrong("forward_propagation_with_dropout", "cache", why);
      }
      @SuppressWarnings("unchecked")
      List<Matrix> D = (List<Matrix>) masks;
      ScratchNetwork.ForwardPass f = new MaskedNetwork(spec, p, D).lModelForwardWithDropout(X);
      List<Expect> items = new ArrayList<>();
      List<Matrix> cache = dropoutCache(f, p);
      for (int i = 0; i < cache.size(); i++) {
        items.add(Expect.tensor("cache[" + i + "] (" + CACHE_NAMES[i] + ")", cache.get(i)));
      }
      Expect expect = new Expect.Tuple("forward_propagation_with_dropout's result", Expect.tensor("A3", f.AL()),
          new Expect.Tuple("cache", items));
      Cause cause = (answer, mismatch) -> {
        if (matches(answer.get(0), Expect.tensor("A3", new MaskedNetwork(spec, p, D, true, false, true, true)
            .lModelForwardWithDropout(X).AL()))) {
          return List.of("A1 = A1 * D1 (and A2 alike) without dividing by keep_prob: inverted dropout scales the kept "
              + "units up, A1 = A1 * D1 / keep_prob, so that the layer's expected output stays the same and nothing "
              + "changes at prediction time.");
        }
        if (matches(answer.get(0), Expect.tensor("A3", plain.AL()))) {
          return List.of("A3 is the network's output without dropout: the masks are drawn but not applied; after "
              + "each hidden layer's ReLU, A1 = A1 * D1 / keep_prob (and A2 with D2).");
        }
        return List.of();
      };
      trials.add(new Trial(label, List.of(args), new String[] {"X", "parameters", "keep_prob"}, shown("X", X), expect,
          cause, Set.of(), callSeed));
    }
    return run("forward_propagation_with_dropout", trials);
  }

  // ---- backward_propagation_with_dropout(X, Y, cache, keep_prob) → gradients ----

  private FunctionResult backwardWithDropout() {
    Random r = random(22);
    List<Trial> trials = new ArrayList<>();
    for (int k = 0; k < DROPOUT_DIMS.length; k++) {
      int[] dims = DROPOUT_DIMS[k];
      NetworkSpec spec = dropoutSpec(dims, KEEP[k]);
      Parameters p = Initialization.initializeParametersDeep(dims, twinnet.model.Initializer.HE, seed + 30 + k);
      int m = DROPOUT_M[k];
      Matrix X = gaussian(r, dims[0], m, 1);
      Matrix Y = gaussian(r, 1, m, 1).map(v -> v > 0 ? 1.0 : 0.0);
      List<Matrix> D = List.of(spec.dropout().mask(k, 1, dims[1], m), spec.dropout().mask(k, 2, dims[2], m));
      ScratchNetwork.ForwardPass f = new MaskedNetwork(spec, p, D).lModelForwardWithDropout(X);
      List<JsonNode> cache = new ArrayList<>();
      dropoutCache(f, p).forEach(c -> cache.add(arr(c)));
      List<JsonNode> args = List.of(arr(X), arr(Y), Values.tuple(cache.toArray(JsonNode[]::new)),
          Bridge.JSON.getNodeFactory().numberNode(KEEP[k]));
      Function<MaskedNetwork, Expect.Dict> gradients = net -> {
        ScratchNetwork.BackwardPass b = net.lModelBackward(f, Y);
        Map<String, Matrix> g = new LinkedHashMap<>();
        for (int l = 3; l >= 1; l--) {
          // dZ3 = A3 − Y (sigmoid with cross-entropy); dZl = dAl ⊙ 1{Zl > 0} below it
          g.put("dZ" + l, l == 3 ? f.AL().minus(Y) : Activations.activationBackward(b.dA().get(l), f.caches()
              .get(l - 1).Z(), Activation.RELU, Double.NaN));
          g.put("dW" + l, b.grads().dW(l));
          g.put("db" + l, b.grads().db(l));
          if (l > 1) {
            g.put("dA" + (l - 1), b.dA().get(l - 1));
          }
        }
        return Expect.dict("gradients", g);
      };
      Expect.Dict expect = gradients.apply(new MaskedNetwork(spec, p, D));
      // the mask left out, but the ReLU's derivative taken from the cache's A (dropped units are 0 there):
      // dZ and dW stay right, only dA1 and dA2 hold Wᵀ·dZ / keep_prob unmasked
      Map<String, Matrix> unmaskedDA = new LinkedHashMap<>();
      expect.entries().forEach((key, e) -> unmaskedDA.put(key, ((Expect.Tensor) e).value()));
      for (int l = 1; l <= 2; l++) {
        double keep = KEEP[k];
        unmaskedDA.put("dA" + l, p.W(l + 1).transpose().dot(unmaskedDA.get("dZ" + (l + 1))).map(v -> v / keep));
      }
      Cause cause = (answer, mismatch) -> {
        if (matches(answer, Expect.dict("gradients", unmaskedDA))) {
          return List.of("dA2 (and dA1) are not multiplied by the forward pass's mask: dA2 = dA2 * D2 / keep_prob. "
              + "Here dW still comes out right, because np.int64(A2 > 0) reads the dropped units' zeros from the "
              + "cache, but dA2 is not the gradient of the cost, and any code that uses it (or takes the ReLU's "
              + "derivative from Z2) goes wrong.");
        }
        if (matches(answer, gradients.apply(new MaskedNetwork(spec, p, D, true, true, false, true)))
            || matches(answer, gradients.apply(new MaskedNetwork(spec, p, D, true, true, false, false)))) {
          return List.of("the backward pass does not apply the forward pass's mask again: dA2 = dA2 * D2 / keep_prob "
              + "(and dA1 with D1); a unit dropped in the forward pass had no effect on the cost, so its gradient is "
              + "0.");
        }
        if (matches(answer, gradients.apply(new MaskedNetwork(spec, p, D, true, true, true, false)))) {
          return List.of("dA2 = dA2 * D2 without dividing by keep_prob: the forward pass scaled the kept units by "
              + "1/keep_prob, so their gradient carries the same factor, dA2 = dA2 * D2 / keep_prob.");
        }
        if (mismatch.user() != null && mismatch.reference() != null && !mismatch.kind().equals("nonfinite")) {
          String pattern = Diagnosis.pattern(mismatch.part(), mismatch.user(), mismatch.reference(), spec, m);
          if (pattern != null) {
            return List.of(pattern);
          }
        }
        return List.of();
      };
      trials.add(trial("a [" + join(dims) + "] network on m = " + m + ", keep_prob = " + KEEP[k], args,
          new String[] {"X", "Y", "cache", "keep_prob"}, shown("X", X, "Y", Y), expect, cause));
    }
    return run("backward_propagation_with_dropout", trials);
  }

  // ---- update_parameters(parameters, grads, learning_rate) → parameters ----

  private FunctionResult updateParameters() {
    Random r = random(9);
    List<Trial> trials = new ArrayList<>();
    for (int[] dims : new int[][] {{3, 4, 1}, {1, 1}, {2, 5, 3, 1}}) {
      Parameters p = Initialization.initializeParametersDeep(dims, twinnet.model.Initializer.HE, seed);
      List<Matrix> dW = new ArrayList<>();
      List<Matrix> db = new ArrayList<>();
      for (int l = 1; l < dims.length; l++) {
        dW.add(gaussian(r, dims[l], dims[l - 1], 1));
        db.add(gaussian(r, dims[l], 1, 1));
      }
      Gradients g = new Gradients(dW, db);
      double lr = 0.05;
      ObjectNode gj = Bridge.JSON.createObjectNode();
      for (int l = 1; l < dims.length; l++) {
        gj.set("dW" + l, arr(g.dW(l)));
        gj.set("db" + l, arr(g.db(l)));
      }
      Parameters want = Optimization.updateParameters(p, g, lr);
      Cause cause = (answer, first) -> {
        if (matches(answer, Expect.dict("parameters", paramsMap(Optimization.updateParameters(p, g, -lr))))) {
          return List.of("the update has the wrong sign: gradient descent subtracts, W ← W − α·dW, b ← b − α·db.");
        }
        if (matches(answer, Expect.dict("parameters", paramsMap(Optimization.updateParameters(p,
            new Gradients(dW, zerosLike(db)), lr))))) {
          return List.of("b is not updated: b[l] ← b[l] − α·db[l] for every layer, as W[l].");
        }
        if (matches(answer, Expect.dict("parameters", paramsMap(Optimization.updateParameters(p,
            new Gradients(zerosLike(dW), db), lr))))) {
          return List.of("W is not updated: W[l] ← W[l] − α·dW[l] for every layer, as b[l].");
        }
        return List.of();
      };
      trials.add(new Trial("a [" + join(dims) + "] network, learning_rate = " + lr,
          List.of(List.of(paramsJson(p), gj, Bridge.JSON.getNodeFactory().numberNode(lr))),
          new String[] {"parameters", "grads", "learning_rate"}, shown("W1", p.W(1), "dW1", g.dW(1)),
          Expect.dict("parameters", paramsMap(want)), cause, Set.of(0)));
    }
    return run("update_parameters", trials);
  }

  /** Gradients of zero: the update of a tensor that a learner's function leaves out. */
  private static List<Matrix> zerosLike(List<Matrix> g) {
    return g.stream().map(m -> Matrix.zeros(m.rows(), m.cols())).toList();
  }
}
