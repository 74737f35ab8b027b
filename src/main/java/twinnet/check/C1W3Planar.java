package twinnet.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import twinnet.check.CheckResult.FunctionResult;
import twinnet.compare.Diagnosis;
import twinnet.compare.TensorDiff;
import twinnet.dl4j.Dl4jNetwork;
import twinnet.model.Activation;
import twinnet.model.Loss;
import twinnet.model.Matrix;
import twinnet.model.NetworkSpec;
import twinnet.model.Parameters;
import twinnet.scratch.Initialization;
import twinnet.scratch.ShallowNetwork;

/**
 * Course 1, week 3, "Planar data classification with one hidden layer": each function against {@link ShallowNetwork}
 * (the notebook's LINEAR → TANH → LINEAR → SIGMOID written out), nn_model from the twin's weights against the scratch
 * network and the DL4J twin trained as many steps.
 */
final class C1W3Planar extends Checks {
  static final Notebook NOTEBOOK = new Notebook("c1w3-planar", "course 1, week 3: Planar data classification with "
      + "one hidden layer", List.of("layer_sizes", "initialize_parameters", "forward_propagation", "compute_cost",
          "backward_propagation", "update_parameters", "nn_model", "predict"), List.of(),
      Set.of("layer_sizes", "nn_model"),
      Map.of("initialize_parameters", List.of("n_x", "n_h", "n_y"), "forward_propagation", List.of("X", "parameters"),
          "compute_cost", List.of("A2", "Y"), "backward_propagation", List.of("parameters", "cache", "X", "Y"),
          "update_parameters", List.of("parameters", "grads", "learning_rate"), "predict", List.of("parameters", "X")),
      Map.of("nn_model", List.of("layer_sizes", "initialize_parameters", "forward_propagation", "compute_cost",
          "backward_propagation", "update_parameters"), "predict", List.of("forward_propagation")),
      C1W3Planar::new);

  C1W3Planar(Session session, DeclaredModel model, long seed) {
    super(session, model, seed);
  }

  @Override
  FunctionResult check(String function) {
    return switch (function) {
      case "layer_sizes" -> layerSizes();
      case "initialize_parameters" -> initializeParameters();
      case "forward_propagation" -> forwardPropagation();
      case "compute_cost" -> computeCost();
      case "backward_propagation" -> backwardPropagation();
      case "update_parameters" -> updateParameters("update_parameters", new int[][] {{2, 4, 1}, {3, 4, 1}, {1, 1, 1}});
      case "nn_model" -> nnModel();
      case "predict" -> predict();
      default -> throw new IllegalArgumentException(function + " is not " + NOTEBOOK.id() + "'s");
    };
  }

  /** The notebook's network [n_x, n_h, n_y]: tanh, sigmoid, cross-entropy. */
  static NetworkSpec spec(int... dims) {
    return NetworkSpec.of(dims, Activation.TANH, Activation.SIGMOID, Loss.BCE);
  }

  /** A network's data: sizes (n_x, n_h, n_y), m, parameters, X, Y. */
  private record Net(String label, Parameters p, Matrix X, Matrix Y) {}

  private List<Net> nets(int salt) {
    Random r = random(salt);
    List<Net> out = new ArrayList<>();
    for (int[] s : new int[][] {{2, 4, 1, 5}, {1, 1, 1, 1}, {3, 6, 1, 3}, {4, 2, 1, 7}}) { // n_y = 1: the notebook asserts it
      int[] dims = {s[0], s[1], s[2]};
      out.add(new Net("a [" + join(dims) + "] network on m = " + s[3], Initialization.initializeParametersDeep(dims,
          twinnet.model.Initializer.XAVIER, seed + salt + s[3]), gaussian(r, s[0], s[3], 1), labels(r, s[2], s[3])));
    }
    return out;
  }

  private static ObjectNode params(Parameters p) {
    return paramsJson(p);
  }

  // ---- layer_sizes(X, Y) → (n_x, n_h, n_y) ----

  private FunctionResult layerSizes() {
    Random r = random(71);
    List<Trial> trials = new ArrayList<>();
    for (int[] s : new int[][] {{5, 3, 2}, {2, 400, 1}, {1, 1, 1}}) {
      Matrix X = gaussian(r, s[0], s[1], 1);
      Matrix Y = labels(r, s[2], s[1]);
      int[] want = ShallowNetwork.layerSizes(X, Y);
      trials.add(new Trial("X " + s[0] + "×" + s[1] + ", Y " + s[2] + "×" + s[1], List.of(arr(X), arr(Y)),
          new String[] {"X", "Y"}, shown(), new Expect.Tuple("layer_sizes's result", new Expect.Scalar("n_x", want[0]),
              new Expect.Scalar("n_h", want[1]), new Expect.Scalar("n_y", want[2])), (answer, first) -> {
                if (answer.isArray() && answer.size() == 3 && Values.scalar(answer.get(0)) == s[1]) {
                  return List.of(Cause.SIZES_FROM_EXAMPLES.say());
                }
                return List.of();
              }));
    }
    return run("layer_sizes", trials);
  }

  // ---- initialize_parameters(n_x, n_h, n_y): numpy's own draws, seeded by twinnet (the notebook's tests seed) ----

  private FunctionResult initializeParameters() {
    List<InitCall> calls = new ArrayList<>();
    long s = 2;
    for (int[] d : new int[][] {{2, 4, 1}, {3, 5, 2}, {1, 1, 1}}) {
      calls.add(new InitCall("n_x = " + d[0] + ", n_h = " + d[1] + ", n_y = " + d[2], List.of(num(d[0]), num(d[1]),
          num(d[2])), d, s++));
    }
    return initialization("initialize_parameters", calls, null, Scale.HUNDREDTH);
  }

  // ---- forward_propagation(X, parameters) → (A2, cache {Z1, A1, Z2, A2}) ----

  private static Expect forward(ShallowNetwork.Cache c) {
    Map<String, Matrix> cache = new LinkedHashMap<>();
    cache.put("Z1", c.Z1());
    cache.put("A1", c.A1());
    cache.put("Z2", c.Z2());
    cache.put("A2", c.A2());
    return new Expect.Tuple("forward_propagation's result", Expect.tensor("A2", c.A2()), Expect.dict("cache", cache));
  }

  private FunctionResult forwardPropagation() {
    List<Trial> trials = new ArrayList<>();
    for (Net n : nets(72)) {
      ShallowNetwork.Cache c = ShallowNetwork.forwardPropagation(n.X(), n.p());
      Hypotheses cause = (answer, first) -> {
        if (!answer.isArray() || answer.size() != 2) {
          return List.of();
        }
        for (Activation[] g : new Activation[][] {{Activation.SIGMOID, Activation.TANH},
            {Activation.RELU, Activation.SIGMOID}, {Activation.TANH, Activation.IDENTITY}}) {
          Matrix A2 = new twinnet.scratch.ScratchNetwork(NetworkSpec.of(n.p().layers(), g[0], g[1], Loss.HALF_MSE),
              n.p()).lModelForward(n.X()).AL();
          if (matches(answer.get(0), Expect.tensor("A2", A2))) {
            return List.of(Cause.PLANAR_ACTIVATIONS.say(g[0].id(), g[1].id()));
          }
        }
        return List.of();
      };
      trials.add(new Trial(n.label(), List.of(arr(n.X()), params(n.p())), new String[] {"X", "parameters"},
          shown("X", n.X(), "W1", n.p().W(1)), forward(c), cause));
    }
    return run("forward_propagation", trials);
  }

  // ---- compute_cost(A2, Y) → cost ----

  private FunctionResult computeCost() {
    Random r = random(73);
    List<Trial> trials = new ArrayList<>();
    String formula = "J = −1/m · Σ (Y·log(A2) + (1 − Y)·log(1 − A2))";
    for (int m : new int[] {5, 1, 12}) {
      Matrix A2 = gaussian(r, 1, m, 1).map(v -> 1 / (1 + Math.exp(-v)));
      Matrix Y = labels(r, 1, m);
      double J = ShallowNetwork.computeCost(A2, Y);
      trials.add(new Trial("A2 and Y 1×" + m, List.of(arr(A2), arr(Y)), new String[] {"A2", "Y"}, shown("A2", A2, "Y",
          Y), new Expect.Scalar("cost", J), (answer, first) -> {
            double v = Values.scalar(answer);
            if (m > 1 && Math.abs(v + J) <= 1e-12 * Math.abs(J)) {
              return List.of(Cause.COST_SIGN.say(formula));
            }
            if (m > 1 && Math.abs(v - m * J) <= 1e-12 * Math.abs(m * J)) {
              return List.of(Cause.COST_WITHOUT_1_OVER_M.say(formula));
            }
            return List.of();
          }));
    }
    return run("compute_cost", trials);
  }

  @Override
  List<String> raisedCause(String fn, Bridge.Reply r) {
    if (fn.equals("compute_cost") && r.errorText().startsWith("TypeError") && r.errorText().contains("positional")) {
      return List.of(Cause.COST_OLD_SIGNATURE.say());
    }
    return List.of();
  }

  // ---- backward_propagation(parameters, cache, X, Y) → grads {dW1, db1, dW2, db2} ----

  private static Expect grads(ShallowNetwork.Grads g) {
    Map<String, Matrix> m = new LinkedHashMap<>();
    m.put("dW1", g.dW1());
    m.put("db1", g.db1());
    m.put("dW2", g.dW2());
    m.put("db2", g.db2());
    return Expect.dict("grads", m);
  }

  private FunctionResult backwardPropagation() {
    List<Trial> trials = new ArrayList<>();
    for (Net n : nets(74)) {
      ShallowNetwork.Cache c = ShallowNetwork.forwardPropagation(n.X(), n.p());
      ShallowNetwork.Grads g = ShallowNetwork.backwardPropagation(n.p(), c, n.X(), n.Y());
      int m = n.X().cols();
      ObjectNode cache = Bridge.JSON.createObjectNode();
      cache.set("Z1", arr(c.Z1()));
      cache.set("A1", arr(c.A1()));
      cache.set("Z2", arr(c.Z2()));
      cache.set("A2", arr(c.A2()));
      Hypotheses cause = (answer, first) -> {
        // tanh′ taken as 1 − A instead of 1 − A²
        Matrix dZ2 = c.A2().minus(n.Y());
        Matrix dZ1 = n.p().W(2).transpose().dot(dZ2).times(c.A1().map(a -> 1 - a));
        if (matches(answer, grads(new ShallowNetwork.Grads(dZ1.dot(n.X().transpose()).scale(1.0 / m),
            dZ1.sumColumns().scale(1.0 / m), g.dW2(), g.db2())))) {
          return List.of(Cause.TANH_PRIME_1_MINUS_A.say());
        }
        if (m > 1) {
          for (String t : List.of("dW1", "dW2", "db1", "db2")) {
            ShallowNetwork.Grads times = new ShallowNetwork.Grads(t.equals("dW1") ? g.dW1().scale(m) : g.dW1(),
                t.equals("db1") ? g.db1().scale(m) : g.db1(), t.equals("dW2") ? g.dW2().scale(m) : g.dW2(),
                t.equals("db2") ? g.db2().scale(m) : g.db2());
            if (matches(answer, grads(times))) {
              return List.of(Cause.PLANAR_GRAD_WITHOUT_1_OVER_M.say(t, t, t.startsWith("dW") ? t
                  .replace("dW", "dZ") + "·" + (t.equals("dW1") ? "Xᵀ" : "A1ᵀ") : "Σ " + t.replace("db", "dZ")));
            }
          }
        }
        if (first.user() != null && first.reference() != null && !first.kind().equals("nonfinite")) {
          String p = Diagnosis.pattern(first.part(), first.user(), first.reference(), spec(n.p().layers()), m);
          if (p != null) {
            return List.of(Cause.GRADIENT_PATTERN.say(p));
          }
        }
        return List.of();
      };
      trials.add(new Trial(n.label(), List.of(params(n.p()), cache, arr(n.X()), arr(n.Y())),
          new String[] {"parameters", "cache", "X", "Y"}, shown("X", n.X(), "Y", n.Y(), "A1", c.A1()), grads(g), cause));
    }
    return run("backward_propagation", trials);
  }

  // ---- nn_model(X, Y, n_h, num_iterations, print_cost) → parameters, from the twin's weights ----

  private FunctionResult nnModel() {
    Random r = random(75);
    List<Trial> trials = new ArrayList<>();
    List<String> twin = new ArrayList<>();
    for (int[] s : new int[][] {{2, 4, 30}, {3, 5, 12}}) {
      int[] dims = {s[0], s[1], 1};
      Matrix X = gaussian(r, s[0], s[2], 1);
      Matrix Y = labels(r, 1, s[2]);
      Parameters start = Initialization.initializeParametersDeep(dims, twinnet.model.Initializer.XAVIER, seed + s[2]);
      int n = 150;
      Parameters want = ShallowNetwork.nnModel(start, X, Y, n, 1.2);
      Dl4jNetwork t = Dl4jNetwork.withParameters(spec(dims), start);
      for (int i = 0; i < n; i++) {
        t.step(X, Y, 1.2);
      }
      double worst = 0;
      for (var e : paramsMap(want).entrySet()) {
        worst = Math.max(worst, TensorDiff.of(e.getKey(), 0, e.getValue(), paramsMap(t.parameters()).get(e.getKey()))
            .relativeError());
      }
      twin.add(String.format(java.util.Locale.ROOT, "%.1e", worst));
      ObjectNode replace = Bridge.JSON.createObjectNode();
      replace.set("initialize_parameters", paramsJson(start));
      ObjectNode kwargs = Bridge.JSON.createObjectNode();
      kwargs.put("num_iterations", n);
      kwargs.put("print_cost", false);
      trials.add(new Trial("X " + s[0] + "×" + s[2] + ", n_h = " + s[1] + ", num_iterations = " + n + ", from the "
          + "twin's weights (initialize_parameters replaced)", List.of(List.<JsonNode>of(arr(X), arr(Y), num(s[1]))),
          new String[] {"X", "Y", "n_h"}, shown("X", X, "Y", Y), Expect.dict("parameters", paramsMap(want)), NONE,
          Set.of(), null, kwargs).withReplace(replace));
    }
    return C1W2LogisticRegression.withNote(run("nn_model", trials, false), "The DL4J twin, trained as many steps at "
        + "learning rate 1.2 from the same weights, ends at the same parameters: worst relative difference "
        + String.join(", ", twin) + ".");
  }

  // ---- predict(parameters, X) → predictions ----

  private FunctionResult predict() {
    List<Trial> trials = new ArrayList<>();
    for (Net n : nets(76)) {
      Matrix A2 = ShallowNetwork.forwardPropagation(n.X(), n.p()).A2();
      trials.add(new Trial(n.label(), List.of(params(n.p()), arr(n.X())), new String[] {"parameters", "X"},
          shown("X", n.X()), Expect.tensor("predictions", ShallowNetwork.predict(n.p(), n.X())),
          (answer, first) -> matches(answer, Expect.tensor("A2", A2)) ? List.of(Cause.PREDICT_PROBABILITIES.say())
              : List.of()));
    }
    return run("predict", trials);
  }
}
