package twinnet.check;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import twinnet.check.CheckResult.FunctionResult;
import twinnet.model.Gradients;
import twinnet.model.Matrix;
import twinnet.model.Parameters;
import twinnet.scratch.Initialization;
import twinnet.scratch.Optimization;

/**
 * Course 2, week 2, "Optimization Methods": each function against {@link Optimization}; random_mini_batches with the
 * learner's own numpy permutation after the notebook's np.random.seed(seed). Adam is also set beside DL4J's own
 * (its AdamUpdater from the same state: ε after the bias corrections); the course's momentum has no twin in DL4J
 * (its Nesterovs is another rule), and is not compared with one.
 */
final class C2W2Optimization extends Checks {
  static final Notebook NOTEBOOK = new Notebook("c2w2-optimization", "course 2, week 2: Optimization Methods",
      List.of("update_parameters_with_gd", "random_mini_batches", "initialize_velocity",
          "update_parameters_with_momentum", "initialize_adam", "update_parameters_with_adam", "update_lr",
          "schedule_lr_decay"), List.of(),
      Set.of("update_parameters_with_gd", "random_mini_batches", "initialize_velocity",
          "update_parameters_with_momentum", "initialize_adam", "update_parameters_with_adam", "update_lr",
          "schedule_lr_decay"), Map.of(), Map.of(), C2W2Optimization::new);

  C2W2Optimization(Session session, DeclaredModel model, long seed) {
    super(session, model, seed);
  }

  @Override
  FunctionResult check(String function) {
    return switch (function) {
      case "update_parameters_with_gd" -> updateParameters(function, new int[][] {{3, 4, 1}, {1, 1}, {2, 5, 3, 1}});
      case "random_mini_batches" -> randomMiniBatches();
      case "initialize_velocity" -> zeros("initialize_velocity", false);
      case "update_parameters_with_momentum" -> momentum();
      case "initialize_adam" -> zeros("initialize_adam", true);
      case "update_parameters_with_adam" -> adam();
      case "update_lr" -> decay("update_lr", false);
      case "schedule_lr_decay" -> decay("schedule_lr_decay", true);
      default -> throw new IllegalArgumentException(function + " is not " + NOTEBOOK.id() + "'s");
    };
  }

  private static final int[][] DIMS = {{3, 4, 2}, {2, 3, 1}, {1, 1}};

  /** Parameters and gradients of a network of {@code dims}. */
  private record Net(String label, int[] dims, Parameters p, Gradients g) {}

  private List<Net> nets(int salt) {
    Random r = random(salt);
    List<Net> out = new ArrayList<>();
    for (int[] d : DIMS) {
      List<Matrix> dW = new ArrayList<>();
      List<Matrix> db = new ArrayList<>();
      for (int l = 1; l < d.length; l++) {
        dW.add(gaussian(r, d[l], d[l - 1], 1));
        db.add(gaussian(r, d[l], 1, 1));
      }
      out.add(new Net("a [" + join(d) + "] network", d, Initialization.initializeParametersDeep(d,
          twinnet.model.Initializer.HE, seed + salt), new Gradients(dW, db)));
    }
    return out;
  }

  private static JsonNode gradsJson(Gradients g) {
    Map<String, Matrix> m = new LinkedHashMap<>();
    for (int l = 1; l <= g.depth(); l++) {
      m.put("dW" + l, g.dW(l));
      m.put("db" + l, g.db(l));
    }
    return dictJson(m);
  }

  // ---- random_mini_batches(X, Y, mini_batch_size, seed) → [(mini_batch_X, mini_batch_Y), …] ----

  private static Expect batches(List<Optimization.MiniBatch> b) {
    List<Expect> items = new ArrayList<>();
    for (int k = 0; k < b.size(); k++) {
      items.add(new Expect.Tuple("mini_batches[" + k + "]", Expect.tensor("mini_batches[" + k + "][0] (X)", b.get(k)
          .X()), Expect.tensor("mini_batches[" + k + "][1] (Y)", b.get(k).Y())));
    }
    return new Expect.Tuple("mini_batches", items);
  }

  private static int[] indices(Matrix column) {
    int[] out = new int[column.rows()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (int) column.get(i, 0);
    }
    return out;
  }

  private FunctionResult randomMiniBatches() {
    Random r = random(101);
    List<Trial> trials = new ArrayList<>();
    // the notebook's m = 148 in batches of 64 (two complete, one of 20), an exact split, a single partial batch
    for (int[] s : new int[][] {{12, 148, 64, 0}, {3, 10, 5, 3}, {2, 7, 64, 1}}) {
      Matrix X = gaussian(r, s[0], s[1], 1);
      Matrix Y = labels(r, 1, s[1]);
      List<Matrix> draws = session.draws(s[3], List.of(Session.Draw.permutation(s[1]), Session.Draw.permutation(
          s[1])));
      if (draws == null) {
        return CheckResult.FunctionResult.notFound("random_mini_batches"); // a program that gives no numpy draws
      }
      int[] perm = indices(draws.get(0));
      List<Optimization.MiniBatch> want = Optimization.randomMiniBatches(X, Y, s[2], perm);
      Hypotheses cause = (answer, first) -> {
        // X and Y shuffled with two different permutations (the second draw after the first)
        List<Optimization.MiniBatch> two = Optimization.randomMiniBatches(X, Y.selectColumns(indices(draws.get(1)))
            .selectColumns(inverse(perm)), s[2], perm);
        if (matches(answer, batches(two))) {
          return List.of(Cause.MINI_BATCHES_TWO_PERMUTATIONS.say());
        }
        if (s[1] % s[2] != 0 && matches(answer, batches(want.subList(0, want.size() - 1)))) {
          return List.of(Cause.MINI_BATCHES_LAST_DROPPED.say(s[1] % s[2], s[1], s[2]));
        }
        int[] identity = java.util.stream.IntStream.range(0, s[1]).toArray();
        if (matches(answer, batches(Optimization.randomMiniBatches(X, Y, s[2], identity)))) {
          return List.of(Cause.MINI_BATCHES_NOT_SHUFFLED.say());
        }
        return List.of();
      };
      trials.add(new Trial("X " + s[0] + "×" + s[1] + ", mini_batch_size = " + s[2] + ", seed = " + s[3],
          List.of(arr(X), arr(Y), num(s[2]), num(s[3])), new String[] {"X", "Y", "mini_batch_size", "seed"},
          shown("X", X, "Y", Y), batches(want), cause));
    }
    return run("random_mini_batches", trials);
  }

  /** Y's columns put back in their first order: the inverse of the permutation. */
  private static int[] inverse(int[] perm) {
    int[] inv = new int[perm.length];
    for (int i = 0; i < perm.length; i++) {
      inv[perm[i]] = i;
    }
    return inv;
  }

  // ---- initialize_velocity(parameters) → v, initialize_adam(parameters) → (v, s) ----

  private FunctionResult zeros(String fn, boolean adam) {
    List<Trial> trials = new ArrayList<>();
    for (Net n : nets(102)) {
      Map<String, Matrix> z = Optimization.zerosLike(n.p());
      Expect v = Expect.dict("v", z);
      trials.add(new Trial(n.label(), List.of(paramsJson(n.p())), new String[] {"parameters"}, shown("W1", n.p().W(1)),
          adam ? new Expect.Tuple(fn + "'s result", v, Expect.dict("s", z)) : v, NONE));
    }
    return run(fn, trials);
  }

  // ---- update_parameters_with_momentum(parameters, grads, v, beta, learning_rate) → (parameters, v) ----

  private static Expect momentumResult(Optimization.Momentum m) {
    return new Expect.Tuple("update_parameters_with_momentum's result", Expect.dict("parameters", paramsMap(
        m.parameters())), Expect.dict("v", m.v()));
  }

  private FunctionResult momentum() {
    Random r = random(103);
    List<Trial> trials = new ArrayList<>();
    for (Net n : nets(104)) {
      Map<String, Matrix> v = new LinkedHashMap<>();
      Optimization.zerosLike(n.p()).forEach((k, z) -> v.put(k, gaussian(r, z.rows(), z.cols(), 0.5)));
      double beta = 0.9;
      double lr = 0.01;
      Optimization.Momentum want = Optimization.updateParametersWithMomentum(n.p(), n.g(), v, beta, lr);
      Hypotheses cause = (answer, first) -> {
        // v ← β·v + dW (without 1 − β): the step of momentum with (1 − β) = 1 on dW, i.e. the rule with dW/(1 − β)
        Gradients scaled = new Gradients(n.g().dW().stream().map(d -> d.scale(1 / (1 - beta))).toList(),
            n.g().db().stream().map(d -> d.scale(1 / (1 - beta))).toList());
        if (matches(answer, momentumResult(Optimization.updateParametersWithMomentum(n.p(), scaled, v, beta, lr)))) {
          return List.of(Cause.MOMENTUM_WITHOUT_1_MINUS_BETA.say());
        }
        if (answer.isArray() && answer.size() == 2 && matches(answer.get(0), Expect.dict("parameters", paramsMap(
            Optimization.updateParameters(n.p(), n.g(), lr))))) {
          return List.of(Cause.MOMENTUM_STEPS_BY_DW.say());
        }
        return List.of();
      };
      trials.add(new Trial(n.label() + ", beta = " + beta + ", learning_rate = " + lr, List.of(paramsJson(n.p()),
          gradsJson(n.g()), dictJson(v), num(beta), num(lr)), new String[] {"parameters", "grads", "v", "beta",
              "learning_rate"}, shown("W1", n.p().W(1), "dW1", n.g().dW(1)), momentumResult(want), cause)
          .mayChange(0, 2));
    }
    return C1W2LogisticRegression.withNote(run("update_parameters_with_momentum", trials), "The course's momentum (v ← "
        + "β·v + (1 − β)·dW, W ← W − α·v) has no twin in DL4J: its Nesterovs is another rule (v ← μ·v − α·dW, W ← W − "
        + "μ·v_prev + (1 + μ)·v, twinnet's optimizer nesterov), so it is compared with the scratch package only.");
  }

  // ---- update_parameters_with_adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon) ----

  private static Expect adamResult(Optimization.Adam a) {
    return new Expect.Tuple("update_parameters_with_adam's result", Expect.dict("parameters", paramsMap(
        a.parameters())), Expect.dict("v", a.v()), Expect.dict("s", a.s()), Expect.dict("v_corrected",
            a.vCorrected()), Expect.dict("s_corrected", a.sCorrected()));
  }

  private FunctionResult adam() {
    Random r = random(105);
    List<Trial> trials = new ArrayList<>();
    List<String> dl4j = new ArrayList<>();
    int[] ts = {2, 1, 7};
    double[][] hyper = {{0.02, 0.8, 0.888, 1e-2}, {0.01, 0.9, 0.999, 1e-8}, {0.005, 0.85, 0.99, 1e-4}};
    List<Net> nets = nets(106);
    for (int k = 0; k < nets.size(); k++) {
      Net n = nets.get(k);
      int t = ts[k];
      double[] h = hyper[k];
      Map<String, Matrix> v = new LinkedHashMap<>();
      Map<String, Matrix> s = new LinkedHashMap<>();
      Optimization.zerosLike(n.p()).forEach((key, z) -> {
        v.put(key, gaussian(r, z.rows(), z.cols(), 0.3));
        s.put(key, gaussian(r, z.rows(), z.cols(), 0.3).map(Math::abs));
      });
      Optimization.AdamState state = new Optimization.AdamState(v, s);
      Optimization.Adam want = Optimization.updateParametersWithAdam(n.p(), n.g(), state, t, h[0], h[1], h[2], h[3]);
      dl4j.add(String.format(java.util.Locale.ROOT, "%.1e (ε = %.0e)", dl4jDifference(n, state, t, h, want), h[3]));
      Hypotheses cause = (answer, first) -> {
        for (int other : new int[] {t + 1, t - 1}) {
          if (other > 0 && matches(answer, adamResult(Optimization.updateParametersWithAdam(n.p(), n.g(), state, other,
              h[0], h[1], h[2], h[3])))) {
            return List.of(Cause.ADAM_T_OFF_BY_ONE.say(other, t, t, t));
          }
        }
        if (answer.isArray() && answer.size() == 5 && matches(answer.get(0), Expect.dict("parameters", paramsMap(
            epsilonInsideSqrt(n, state, t, h))))) {
          return List.of(Cause.ADAM_EPSILON_INSIDE_SQRT.say());
        }
        return List.of();
      };
      trials.add(new Trial(n.label() + ", t = " + t + ", learning_rate = " + h[0] + ", beta1 = " + h[1] + ", beta2 = "
          + h[2] + ", epsilon = " + h[3], List.of(paramsJson(n.p()), gradsJson(n.g()), dictJson(v), dictJson(s), num(t),
              num(h[0]), num(h[1]), num(h[2]), num(h[3])), new String[] {"parameters", "grads", "v", "s", "t",
                  "learning_rate", "beta1", "beta2", "epsilon"}, shown("W1", n.p().W(1), "dW1", n.g().dW(1)),
          adamResult(want), cause).mayChange(0, 2, 3));
    }
    return C1W2LogisticRegression.withNote(run("update_parameters_with_adam", trials), "DL4J's Adam (the twin's "
        + "AdamUpdater, run from the same v, s and t) puts ε after the bias corrections, W − α·√(1 − β₂ᵗ)/(1 − β₁ᵗ)·"
        + "v/(√s + ε): on these inputs its weights differ from the course's by a relative " + String.join(", ", dl4j)
        + "; docs/comparisons.md shows the two side by side (an expected difference, not a slip).");
  }

  /** DL4J's own Adam (the twin's updater) from the same state: its weights' worst relative difference from the course's. */
  private static double dl4jDifference(Net n, Optimization.AdamState state, int t, double[] h, Optimization.Adam want) {
    double worst = 0;
    for (int l = 1; l < n.dims().length; l++) {
      Matrix w = twinnet.dl4j.Dl4jAdam.step(n.p().W(l), n.g().dW(l), state.v().get("dW" + l), state.s().get("dW" + l), t,
          h[0], h[1], h[2], h[3]);
      worst = Math.max(worst, twinnet.compare.TensorDiff.of("W", l, w, want.parameters().W(l)).relativeError());
    }
    return worst;
  }

  /** The course's Adam with ε inside the square root: W − α·v̂/√(ŝ + ε). */
  private static Parameters epsilonInsideSqrt(Net n, Optimization.AdamState state, int t, double[] h) {
    List<Matrix> W = new ArrayList<>();
    List<Matrix> b = new ArrayList<>();
    for (int l = 1; l < n.dims().length; l++) {
      for (String k : List.of("dW" + l, "db" + l)) {
        boolean isW = k.startsWith("dW");
        Optimization.AdamStep a = Optimization.adamStep(isW ? n.p().W(l) : n.p().b(l), isW ? n.g().dW(l)
            : n.g().db(l), state.v().get(k), state.s().get(k), t, h[0], h[1], h[2], 0);
        Matrix vh = a.vCorrected();
        Matrix sh = a.sCorrected();
        double[] step = new double[vh.rows() * vh.cols()];
        for (int i = 0; i < step.length; i++) {
          step[i] = vh.backingArray()[i] / Math.sqrt(sh.backingArray()[i] + h[3]);
        }
        Matrix theta = (isW ? n.p().W(l) : n.p().b(l)).minus(Matrix.adopt(vh.rows(), vh.cols(), step).scale(h[0]));
        (isW ? W : b).add(theta);
      }
    }
    return new Parameters(W, b);
  }

  // ---- update_lr(learning_rate0, epoch_num, decay_rate), schedule_lr_decay(…, time_interval) → learning_rate ----

  private FunctionResult decay(String fn, boolean scheduled) {
    List<Trial> trials = new ArrayList<>();
    double[][] cases = {{0.5, 2, 1}, {0.5, 10, 0.3}, {0.1, 1500, 1}, {0.3, 4321, 0.2}, {0.5, 100, 1}};
    for (double[] c : cases) {
      double want = scheduled ? Optimization.scheduleLrDecay(c[0], c[1], c[2], 1000)
          : Optimization.updateLr(c[0], c[1], c[2]);
      Hypotheses cause = (answer, first) -> {
        double v = Values.scalar(answer);
        if (scheduled && c[1] % 1000 != 0 && close(v, Optimization.updateLr(c[0], c[1] / 1000, c[2]))) {
          return List.of(Cause.LR_DECAY_NO_FLOOR.say());
        }
        if (close(v, c[0] * Math.pow(c[2], scheduled ? Math.floor(c[1] / 1000) : c[1]))) {
          return List.of(Cause.LR_DECAY_EXPONENTIAL.say(scheduled ? "α₀ / (1 + decay_rate · ⌊epoch_num / "
              + "time_interval⌋)" : "α₀ / (1 + decay_rate · epoch_num)"));
        }
        return List.of();
      };
      List<JsonNode> args = new ArrayList<>(List.of(num(c[0]), num((int) c[1]), num(c[2])));
      if (scheduled) {
        args.add(num(1000));
      }
      trials.add(new Trial("learning_rate0 = " + c[0] + ", epoch_num = " + (int) c[1] + ", decay_rate = " + c[2]
          + (scheduled ? ", time_interval = 1000" : ""), args, scheduled ? new String[] {"learning_rate0", "epoch_num",
              "decay_rate", "time_interval"} : new String[] {"learning_rate0", "epoch_num", "decay_rate"}, shown(),
          new Expect.Scalar("learning_rate", want), cause));
    }
    return run(fn, trials);
  }

  private static boolean close(double a, double b) {
    return Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));
  }
}
