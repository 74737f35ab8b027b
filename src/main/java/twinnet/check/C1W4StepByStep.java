package twinnet.check;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import twinnet.check.CheckResult.FunctionResult;
import twinnet.compare.Diagnosis;
import twinnet.model.Activation;
import twinnet.model.Loss;
import twinnet.model.Matrix;
import twinnet.model.NetworkSpec;
import twinnet.scratch.Activations;
import twinnet.scratch.Costs;
import twinnet.scratch.Linear;
import twinnet.scratch.ScratchNetwork;

/**
 * Course 1, week 4, "Building your Deep Neural Network: Step by Step": each function on inputs twinnet makes
 * (several shapes, m = 1, n_l = 1, n_l > m, pre-activations exactly 0) against the scratch network's function of the
 * same name; whole-network functions also on the seed's data and on random data. Every function gets reference
 * inputs, so one bug does not hide or fake another. The activations and the loss are the declared model's. Then
 * the learner's functions train the model ({@link TrainingCheck}).
 */
final class C1W4StepByStep extends Checks {
  static final Notebook NOTEBOOK = new Notebook("c1w4-step-by-step", "course 1, week 4: Building your Deep Neural "
      + "Network: Step by Step", List.of("initialize_parameters", "initialize_parameters_deep", "linear_forward",
          "linear_activation_forward", "L_model_forward", "compute_cost", "linear_backward",
          "linear_activation_backward", "L_model_backward", "update_parameters"),
      List.of("relu", "sigmoid", "relu_backward", "sigmoid_backward"),
      Set.of("initialize_parameters_deep", "linear_forward", "linear_activation_forward", "L_model_forward",
          "linear_backward", "linear_activation_backward", "L_model_backward"),
      Map.of("compute_cost", List.of("AL", "Y"), "update_parameters", List.of("parameters", "grads", "learning_rate"),
          "initialize_parameters", List.of("n_x", "n_h", "n_y")),
      Map.of(), C1W4StepByStep::new);

  C1W4StepByStep(Session session, DeclaredModel model, long seed) {
    super(session, model, seed);
  }

  /** The learner's L_model_forward … update_parameters train the declared model on the seed's data. */
  @Override
  CheckResult.Training training(Set<String> defined, int steps, double learningRate, List<FunctionResult> functions) {
    return TrainingCheck.run(session, model, defined, C1W4Networks.seedData(model), steps, learningRate, functions);
  }

  @Override
  FunctionResult check(String function) {
    return switch (function) {
      case "relu" -> activation("relu", Activation.RELU);
      case "sigmoid" -> activation("sigmoid", Activation.SIGMOID);
      case "relu_backward" -> activationBackward("relu_backward", Activation.RELU);
      case "sigmoid_backward" -> activationBackward("sigmoid_backward", Activation.SIGMOID);
      case "initialize_parameters" -> initializeParameters();
      case "initialize_parameters_deep" -> initializeParametersDeep();
      case "linear_forward" -> linearForward();
      case "linear_activation_forward" -> linearActivationForward();
      case "L_model_forward" -> lModelForward();
      case "compute_cost" -> computeCost();
      case "linear_backward" -> linearBackward();
      case "linear_activation_backward" -> linearActivationBackward();
      case "L_model_backward" -> lModelBackward();
      case "update_parameters" -> updateParameters();
      default -> throw new IllegalArgumentException(function + " is not " + NOTEBOOK.id() + "'s");
    };
  }

  // ---- inputs ----

  /** Sizes (n_{l−1}, n_l, m): generic, m = 1 and n_l = 1, n_l > m, and a row of pre-activations exactly 0. */
  private static final int[][] LINEAR_SHAPES = {{3, 4, 5}, {1, 1, 1}, {2, 5, 3}, {4, 3, 6}};

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
      trials.add(new Trial("Z " + s[0] + "×" + s[1], List.of(arr(Z)), new String[] {"Z"}, shown("Z", Z),
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
      Hypotheses cause = (answer, first) -> {
        List<String> out = new ArrayList<>();
        if (g == Activation.RELU) {
          if (matches(answer, Expect.tensor("dZ", dA.times(Z.map(z -> z >= 0 ? 1 : 0))))) {
            out.add(Cause.RELU_PRIME_AT_ZERO.say());
          } else if (matches(answer, Expect.tensor("dZ", Z.map(z -> z > 0 ? 1 : 0)))) {
            out.add(Cause.RELU_BACKWARD_WITHOUT_DA.say());
          }
        } else {
          Matrix s0 = Activations.sigmoid(Z);
          if (matches(answer, Expect.tensor("dZ", s0.times(s0.map(v -> 1 - v))))) {
            out.add(Cause.SIGMOID_BACKWARD_WITHOUT_DA.say());
          } else if (matches(answer, Expect.tensor("dZ", dA.times(Z).times(Z.map(v -> 1 - v))))) {
            out.add(Cause.SIGMOID_BACKWARD_OF_Z.say());
          } else {
            out.add(Cause.SIGMOID_BACKWARD_WRONG.say());
          }
        }
        return out;
      };
      trials.add(new Trial("dA and Z " + s[0] + "×" + s[1] + " (some Z exactly 0)", List.of(arr(dA), arr(Z)),
          new String[] {"dA", "cache (Z)"}, shown("dA", dA, "Z", Z), Expect.tensor("dZ", dZ), cause));
    }
    return run(fn, trials);
  }

  // ---- initialize_parameters(n_x, n_h, n_y) and initialize_parameters_deep(layer_dims): numpy's own draws ----

  // W[l] = np.random.randn(n_l, n_{l−1}) · 0.01 after np.random.seed(1);  b[l] = np.zeros((n_l, 1))
  private FunctionResult initializeParameters() {
    List<InitCall> calls = new ArrayList<>();
    for (int[] d : new int[][] {{3, 2, 1}, {1, 1, 1}, {4, 7, 2}}) {
      calls.add(new InitCall("n_x = " + d[0] + ", n_h = " + d[1] + ", n_y = " + d[2], List.of(num(d[0]), num(d[1]),
          num(d[2])), d, null));
    }
    return initialization("initialize_parameters", calls, 1, Scale.HUNDREDTH);
  }

  // W[l] = np.random.randn(n_l, n_{l−1}) · 0.01 after np.random.seed(3), layer by layer;  b[l] = zeros
  private FunctionResult initializeParametersDeep() {
    List<InitCall> calls = new ArrayList<>();
    for (int[] d : new int[][] {{5, 4, 3}, {2, 1}, {3, 6, 2, 1}}) {
      calls.add(new InitCall("layer_dims = " + java.util.Arrays.toString(d), List.of(ints(d)), d, null));
    }
    return initialization("initialize_parameters_deep", calls, 3, Scale.HUNDREDTH, List.of(Scale.HE, Scale.XAVIER));
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
      Hypotheses cause = (answer, first) -> {
        String order = answer.isArray() && answer.size() == 2 ? cacheOrder(answer.get(1), in.A(), in.W(), in.b()) : null;
        if (order != null) {
          return List.of(Cause.LINEAR_CACHE_ORDER.say(order));
        }
        if (answer.isArray() && answer.size() == 2 && matches(answer.get(0), Expect.tensor("Z", in.W().dot(in.A())))) {
          return List.of(Cause.Z_WITHOUT_B.say());
        }
        return List.of();
      };
      trials.add(new Trial(shapes("A", in.A(), "W", in.W(), "b", in.b()), List.of(arr(in.A()), arr(in.W()), arr(in.b())),
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
        Hypotheses cause = (answer, first) -> {
          List<String> out = new ArrayList<>();
          if (answer.isArray() && answer.size() == 2 && answer.get(1).isArray() && answer.get(1).size() == 2
              && matches(answer.get(1).get(0), Expect.tensor("Z", Z))
              && matches(answer.get(1).get(1), linearCache("linear_cache", in.A(), in.W(), in.b()))) {
            out.add(Cause.ACTIVATION_CACHE_ORDER.say());
          } else if (answer.isArray() && answer.size() == 2) {
            for (Activation other : Activation.values()) {
              if (other != g && matches(answer.get(0), Expect.tensor("A", Activations.activationForward(Z, other,
                  defaultAlpha(other))))) {
                out.add(Cause.WRONG_ACTIVATION_BRANCH.say(names(g).get(0), other.id()));
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
    for (C1W4Networks.NetData n : C1W4Networks.networks(model, seed, random(5))) {
      ScratchNetwork.ForwardPass f = new ScratchNetwork(n.spec(), n.params()).lModelForward(n.X());
      Hypotheses cause = (answer, first) -> {
        if (!answer.isArray() || answer.size() != 2) {
          return List.of();
        }
        if (answer.get(1).isArray() && answer.get(1).size() != n.spec().depth()) {
          return List.of(Cause.CACHES_COUNT.say(answer.get(1).size(), n.spec().depth()));
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
              return List.of(Cause.MODEL_DECLARED_OTHERWISE.say(hidden.id(), n.spec().depth() > 1 ? "s" : "",
                  output.id(), model.hidden().id(), model.output().id()));
            }
          }
        }
        return List.of();
      };
      trials.add(new Trial(n.label(), List.of(arr(n.X()), paramsJson(n.params())), new String[] {"X", "parameters"},
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
      int ny = C1W4Networks.outputs(model);
      Matrix Y = common && ny == 1 ? gaussian(r, 1, m, 1).map(v -> v > 0 ? 1.0 : 0.0) : C1W4Networks.targets(model, r, ny, m);
      Matrix AL = common && ny == 1 ? gaussian(r, 1, m, 1).map(v -> 1 / (1 + Math.exp(-v))) : switch (model.output()) {
        case SOFTMAX -> Activations.softmax(gaussian(r, ny, m, 1));
        case SIGMOID -> gaussian(r, 1, m, 1).map(v -> 1 / (1 + Math.exp(-v)));
        case RELU -> gaussian(r, 1, m, 1).map(v -> Math.max(0, v));
        default -> gaussian(r, 1, m, 1);
      };
      double J = Costs.computeCost(AL, Y, model.loss());
      Hypotheses cause = (answer, first) -> {
        double v = Values.scalar(answer);
        List<String> out = new ArrayList<>();
        for (Loss other : Loss.values()) {
          if (other != model.loss() && Math.abs(v - Costs.computeCost(AL, Y, other)) <= 1e-12 * Math.abs(v)) {
            out.add(Cause.COST_OF_ANOTHER_LOSS.say(other.id(), formula(other), model.loss().id(),
                formula(model.loss())));
          }
        }
        if (out.isEmpty() && m > 1) {
          if (Math.abs(v + J) <= 1e-12 * Math.abs(J)) {
            out.add(Cause.COST_SIGN.say(formula(model.loss())));
          } else if (Math.abs(v - m * J) <= 1e-12 * Math.abs(m * J)) {
            out.add(Cause.COST_WITHOUT_1_OVER_M.say(formula(model.loss())));
          } else if (Math.abs(v - J / m) <= 1e-12 * Math.abs(J / m)) {
            out.add(Cause.COST_1_OVER_M_TWICE.say(formula(model.loss())));
          }
        }
        return out;
      };
      trials.add(new Trial("AL and Y 1×" + m, List.of(arr(AL), arr(Y)), new String[] {"AL", "Y"}, shown("AL", AL, "Y", Y),
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
  private Hypotheses linearBackwardCause(Matrix dZ, LinearInputs in, Linear.LinearGrads g) {
    NetworkSpec spec = model.spec(in.A().rows(), in.W().rows());
    int m = in.A().cols();
    return (answer, first) -> {
      List<String> out = new ArrayList<>();
      if (first.part().equals("dA_prev") && first.user() != null && first.user().rows() == in.W().rows()
          && first.user().cols() == m) {
        out.add(Cause.DA_PREV_SHAPED_AS_DZ.say());
        return out;
      }
      if (first.part().equals("dA_prev") && first.user() != null && first.reference() != null
          && matches(Values.array(first.user()), Expect.tensor("dA_prev", first.reference().scale(1.0 / m)))) {
        out.add(Cause.DA_PREV_WITH_1_OVER_M.say());
        return out;
      }
      if (first.user() != null && first.reference() != null && !first.kind().equals("nonfinite")) {
        String p = Diagnosis.pattern(first.part(), first.user(), first.reference(), spec, m);
        if (p != null) {
          out.add(Cause.GRADIENT_PATTERN.say(p));
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
      trials.add(new Trial(shapes("dZ", dZ, "A_prev", in.A(), "W", in.W()), List.of(arr(dZ),
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
        Hypotheses base = linearBackwardCause(dZ, in, ref);
        Hypotheses cause = (answer, first) -> {
          for (Activation other : Activation.values()) {
            if (other == g) {
              continue;
            }
            Linear.LinearGrads alt = Linear.linearActivationBackward(dA, cache, other, defaultAlpha(other));
            if (matches(answer, grads("linear_activation_backward", alt))) {
              return List.of(Cause.BACKWARD_WRONG_ACTIVATION.say(names(g).get(0), other.id(), names(g).get(0)));
            }
          }
          if (g == Activation.RELU && matches(answer, grads("", Linear.linearBackward(dA.times(Z.map(z -> z >= 0 ? 1 : 0)),
              cache.linear())))) {
            return List.of(Cause.RELU_PRIME_AT_ZERO_BACKWARD.say());
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

  private FunctionResult lModelBackward() {
    List<Trial> trials = new ArrayList<>();
    for (C1W4Networks.NetData n : C1W4Networks.networks(model, seed, random(5))) {
      ScratchNetwork net = new ScratchNetwork(n.spec(), n.params());
      ScratchNetwork.ForwardPass f = net.lModelForward(n.X());
      ScratchNetwork.BackwardPass b = net.lModelBackward(f.AL(), n.Y(), f.caches());
      int L = n.spec().depth();
      Hypotheses cause = (answer, first) -> {
        if (answer.isObject() && !answer.has("dA0") && answer.has("dA" + L)) {
          boolean shifted = true;
          for (int l = 1; l <= L; l++) {
            shifted &= matches(answer.get("dA" + l), Expect.tensor("dA", b.dA().get(l - 1)));
          }
          if (shifted) {
            return List.of(Cause.GRADS_KEYS_OFF_BY_ONE.say(L - 1, L));
          }
        }
        List<String> dal = C1W4Dal.causes(model, n, f, answer);
        if (!dal.isEmpty()) {
          return dal;
        }
        if (first.user() != null && first.reference() != null && !first.kind().equals("nonfinite")) {
          String p = Diagnosis.pattern(first.part(), first.user(), first.reference(), n.spec(), n.Y().cols());
          if (p != null) {
            return List.of(Cause.GRADIENT_PATTERN.say(p));
          }
        }
        return List.of();
      };
      trials.add(new Trial(n.label(), List.of(arr(f.AL()), arr(n.Y()), cachesJson(f.caches())),
          new String[] {"AL", "Y", "caches"}, shown("AL", f.AL(), "Y", n.Y()), gradsExpect(b), cause));
    }
    return run("L_model_backward", trials);
  }

  // ---- update_parameters(parameters, grads, learning_rate) → parameters ----

  private FunctionResult updateParameters() {
    return updateParameters("update_parameters", new int[][] {{3, 4, 1}, {1, 1}, {2, 5, 3, 1}});
  }
}
