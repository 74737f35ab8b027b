package twinnet.check;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import twinnet.check.CheckResult.FunctionResult;
import twinnet.model.Matrix;
import twinnet.model.Parameters;
import twinnet.scratch.GradientChecking;
import twinnet.scratch.Initialization;

/**
 * Course 2, week 1, "Gradient Checking": the 1-D model J(θ) = θ·x and the notebook's 3-layer network, against
 * {@link GradientChecking}. A gradient check's answer is a measure of rounding (10⁻⁷ when right): its reference takes
 * the cost from the learner's own forward_propagation_n, so both sides round alike, and the slips (no ‖gradapprox‖ in
 * the denominator, every coordinate moved at once, ε not doubled) are the same computation with the slip.
 */
final class C2W1GradientChecking extends Checks {
  static final Notebook NOTEBOOK = new Notebook("c2w1-gradient-checking", "course 2, week 1: Gradient Checking",
      List.of("forward_propagation", "backward_propagation", "gradient_check", "forward_propagation_n",
          "backward_propagation_n", "gradient_check_n"), List.of(),
      Set.of("gradient_check", "forward_propagation_n", "backward_propagation_n", "gradient_check_n"),
      Map.of("forward_propagation", List.of("x", "theta"), "backward_propagation", List.of("x", "theta")),
      Map.of("gradient_check", List.of("forward_propagation", "backward_propagation"), "gradient_check_n",
          List.of("forward_propagation_n")),
      C2W1GradientChecking::new);

  C2W1GradientChecking(Session session, DeclaredModel model, long seed) {
    super(session, model, seed);
  }

  @Override
  FunctionResult check(String function) {
    return switch (function) {
      case "forward_propagation" -> oneD("forward_propagation", GradientChecking::forwardPropagation, "J");
      case "backward_propagation" -> oneD("backward_propagation", GradientChecking::backwardPropagation, "dtheta");
      case "gradient_check" -> gradientCheck();
      case "forward_propagation_n" -> forwardPropagationN();
      case "backward_propagation_n" -> backwardPropagationN();
      case "gradient_check_n" -> gradientCheckN();
      default -> throw new IllegalArgumentException(function + " is not " + NOTEBOOK.id() + "'s");
    };
  }

  /** The notebook's network: 4 inputs, 5 and 3 hidden units, 1 output (gc_utils's shapes). */
  static final int[] DIMS = {4, 5, 3, 1};

  private static final double[][] X_THETA = {{2, 4}, {3, 4}, {-1.5, 0.25}, {0.3, -7}};

  // ---- forward_propagation(x, theta) → J, backward_propagation(x, theta) → dtheta ----

  private FunctionResult oneD(String fn, java.util.function.DoubleBinaryOperator reference, String name) {
    List<Trial> trials = new ArrayList<>();
    for (double[] xt : X_THETA) {
      double want = reference.applyAsDouble(xt[0], xt[1]);
      Hypotheses cause = fn.equals("backward_propagation") ? (answer, first) -> Values.scalar(answer) == xt[1]
          && xt[0] != xt[1] ? List.of(Cause.GC_DERIVATIVE_IS_THETA.say()) : List.of() : NONE;
      trials.add(new Trial("x = " + xt[0] + ", theta = " + xt[1], List.of(num(xt[0]), num(xt[1])),
          new String[] {"x", "theta"}, shown(), new Expect.Scalar(name, want), cause));
    }
    return run(fn, trials);
  }

  // ---- gradient_check(x, theta, epsilon, print_msg) → difference ----

  private FunctionResult gradientCheck() {
    List<Trial> trials = new ArrayList<>();
    for (double[] xt : X_THETA) {
      double x = xt[0];
      double theta = xt[1];
      double eps = 1e-7;
      double want = GradientChecking.gradientCheck(x, theta, eps);
      Hypotheses cause = (answer, first) -> {
        double v = Values.scalar(answer);
        // x moved instead of θ: gradapprox = θ
        double movesX = GradientChecking.difference(new double[] {x}, new double[] {((x + eps) * theta - (x - eps)
            * theta) / (2 * eps)});
        if (close(v, movesX) && !close(movesX, want)) {
          return List.of(Cause.GC_PERTURBS_X.say());
        }
        return List.of();
      };
      trials.add(new Trial("x = " + x + ", theta = " + theta + ", epsilon = 1e-7", List.of(num(x), num(theta), num(eps),
          Bridge.JSON.getNodeFactory().booleanNode(false)), new String[] {"x", "theta", "epsilon", "print_msg"},
          shown(), new Expect.Scalar("difference", want), cause));
    }
    return run("gradient_check", trials);
  }

  private static boolean close(double a, double b) {
    return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
  }

  // ---- forward_propagation_n(X, Y, parameters) → (cost, cache), backward_propagation_n(X, Y, cache) → gradients ----

  private record Net(String label, Parameters p, Matrix X, Matrix Y) {}

  private List<Net> nets(int salt) {
    Random r = random(salt);
    List<Net> out = new ArrayList<>();
    for (int m : new int[] {3, 1, 8}) {
      out.add(new Net("the notebook's [4, 5, 3, 1] network on m = " + m, Initialization.initializeParametersDeep(DIMS,
          twinnet.model.Initializer.HE, seed + salt + m), gaussian(r, 4, m, 1), labels(r, 1, m)));
    }
    return out;
  }

  private static final String[] CACHE = {"Z1", "A1", "W1", "b1", "Z2", "A2", "W2", "b2", "Z3", "A3", "W3", "b3"};

  private FunctionResult forwardPropagationN() {
    List<Trial> trials = new ArrayList<>();
    for (Net n : nets(91)) {
      GradientChecking.ForwardN f = GradientChecking.forwardPropagationN(n.X(), n.Y(), n.p());
      List<Expect> cache = new ArrayList<>();
      for (int i = 0; i < CACHE.length; i++) {
        cache.add(Expect.tensor("cache[" + i + "] (" + CACHE[i] + ")", f.cache().get(i)));
      }
      trials.add(new Trial(n.label(), List.of(arr(n.X()), arr(n.Y()), paramsJson(n.p())), new String[] {"X", "Y",
          "parameters"}, shown("X", n.X(), "Y", n.Y()), new Expect.Tuple("forward_propagation_n's result",
              new Expect.Scalar("cost", f.cost()), new Expect.Tuple("cache", cache)), NONE));
    }
    return run("forward_propagation_n", trials);
  }

  private FunctionResult backwardPropagationN() {
    List<Trial> trials = new ArrayList<>();
    for (Net n : nets(92)) {
      GradientChecking.ForwardN f = GradientChecking.forwardPropagationN(n.X(), n.Y(), n.p());
      Map<String, Matrix> want = GradientChecking.backwardPropagationN(n.X(), n.Y(), f.cache());
      int m = n.X().cols();
      List<JsonNode> cache = new ArrayList<>();
      f.cache().forEach(c -> cache.add(arr(c)));
      Hypotheses cause = (answer, first) -> {
        Map<String, Matrix> bugs = new LinkedHashMap<>(want);
        bugs.put("dW2", want.get("dW2").scale(2));
        bugs.put("db1", want.get("db1").scale(4));
        if (m > 0 && matches(answer, Expect.dict("gradients", bugs))) {
          return List.of(Cause.GC_NOTEBOOK_BUGS_LEFT.say());
        }
        for (var bug : List.of(Map.entry("dW2", 2.0), Map.entry("db1", 4.0))) {
          Map<String, Matrix> one = new LinkedHashMap<>(want);
          one.put(bug.getKey(), want.get(bug.getKey()).scale(bug.getValue()));
          if (matches(answer, Expect.dict("gradients", one))) {
            return List.of(Cause.GC_ONE_NOTEBOOK_BUG_LEFT.say(bug.getKey(), bug.getKey().equals("dW2")
                ? "dW2 = 1/m · np.dot(dZ2, A1.T), without the * 2" : "db1 = 1/m · np.sum(dZ1, axis=1, keepdims=True), "
                + "with 1/m, not 4/m"));
          }
        }
        return List.of();
      };
      trials.add(new Trial(n.label(), List.of(arr(n.X()), arr(n.Y()), Values.tuple(cache.toArray(JsonNode[]::new))),
          new String[] {"X", "Y", "cache"}, shown("X", n.X(), "Y", n.Y()), Expect.dict("gradients", want), cause));
    }
    return run("backward_propagation_n", trials);
  }

  // ---- gradient_check_n(parameters, gradients, X, Y, epsilon, print_msg) → difference ----

  /** The learner's own cost at θ (their forward_propagation_n, so that both sides round alike); NaN if it fails. */
  private double learnersCost(double[] theta, Net n) {
    Bridge.Reply r = session.call("forward_propagation_n", List.of(arr(n.X()), arr(n.Y()), paramsJson(
        GradientChecking.vectorToDictionary(theta, DIMS))));
    return r.ok() && r.result().isArray() && r.result().size() == 2 ? Values.scalar(r.result().get(0)) : Double.NaN;
  }

  private FunctionResult gradientCheckN() {
    List<Trial> trials = new ArrayList<>();
    List<Net> nets = nets(93).subList(0, 2);
    for (int k = 0; k < nets.size() * 2; k++) {
      Net n = nets.get(k / 2);
      boolean buggy = k % 2 == 1; // the notebook's planted bugs: the check must come out large
      GradientChecking.ForwardN f = GradientChecking.forwardPropagationN(n.X(), n.Y(), n.p());
      Map<String, Matrix> g = new LinkedHashMap<>(GradientChecking.backwardPropagationN(n.X(), n.Y(), f.cache()));
      if (buggy) {
        g.put("dW2", g.get("dW2").scale(2));
        g.put("db1", g.get("db1").scale(4));
      }
      double eps = 1e-7;
      double[] theta = GradientChecking.dictionaryToVector(n.p());
      double[] grad = GradientChecking.gradientsToVector(g, 3);
      double[] approx = GradientChecking.gradapprox(theta, t -> learnersCost(t, n), eps);
      double want = GradientChecking.difference(grad, approx);
      Hypotheses cause = (answer, first) -> {
        double v = Values.scalar(answer);
        if (close(v, GradientChecking.norm(minus(grad, approx)) / GradientChecking.norm(grad))) {
          return List.of(Cause.GC_NO_NORM_OF_SUM.say());
        }
        double[] twice = approx.clone();
        for (int i = 0; i < twice.length; i++) {
          twice[i] *= 2;
        }
        if (close(v, GradientChecking.difference(grad, twice))) {
          return List.of(Cause.GC_EPSILON_NOT_DOUBLED.say());
        }
        double[] plus = theta.clone();
        double[] minus = theta.clone();
        for (int i = 0; i < theta.length; i++) {
          plus[i] += eps;
          minus[i] -= eps;
        }
        double all = (learnersCost(plus, n) - learnersCost(minus, n)) / (2 * eps);
        double[] allMoved = new double[theta.length];
        java.util.Arrays.fill(allMoved, all);
        if (close(v, GradientChecking.difference(grad, allMoved))) {
          return List.of(Cause.GC_MOVES_EVERY_COORDINATE.say());
        }
        return List.of();
      };
      Map<String, Matrix> gradients = new LinkedHashMap<>(g);
      trials.add(new Trial(n.label() + (buggy ? ", gradients with the notebook's two planted bugs" : ", right gradients")
          + ", epsilon = 1e-7", List.of(paramsJson(n.p()), dictJson(gradients), arr(n.X()), arr(n.Y()), num(eps),
              Bridge.JSON.getNodeFactory().booleanNode(false)), new String[] {"parameters", "gradients", "X", "Y",
                  "epsilon", "print_msg"}, shown("X", n.X(), "Y", n.Y()), new Expect.Scalar("difference", want),
          cause));
    }
    return run("gradient_check_n", trials, false);
  }

  private static double[] minus(double[] a, double[] b) {
    double[] d = new double[a.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = a[i] - b[i];
    }
    return d;
  }
}
