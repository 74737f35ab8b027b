package twinnet.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import twinnet.check.CheckResult.FunctionResult;
import twinnet.compare.TensorDiff;
import twinnet.dl4j.Dl4jNetwork;
import twinnet.model.Activation;
import twinnet.model.Loss;
import twinnet.model.Matrix;
import twinnet.model.NetworkSpec;
import twinnet.model.Parameters;
import twinnet.scratch.Initialization;
import twinnet.scratch.ScratchNetwork;

/**
 * Course 1, week 4, "Deep Neural Network – Application": two_layer_model and L_layer_model, which train with the
 * notebook's helpers (the learner's own, or twinnet's stand-ins for dnn_app_utils_v3). Each trains from the twin's
 * weights (its initialisation replaced) on data twinnet makes, against the scratch network and the DL4J twin trained
 * as many steps: LINEAR → RELU (→ …) → LINEAR → SIGMOID with the course's cross-entropy.
 */
final class C1W4Application extends Checks {
  static final Notebook NOTEBOOK = new Notebook("c1w4-application", "course 1, week 4: Deep Neural Network – "
      + "Application", List.of("two_layer_model", "L_layer_model"), List.of(), Set.of("two_layer_model"), Map.of(),
      Map.of(), C1W4Application::new);

  C1W4Application(Session session, DeclaredModel model, long seed) {
    super(session, model, seed);
  }

  @Override
  FunctionResult check(String function) {
    return switch (function) {
      case "two_layer_model" -> model("two_layer_model", "initialize_parameters", new int[][] {{3, 5, 1}, {2, 7, 1}});
      case "L_layer_model" -> model("L_layer_model", "initialize_parameters_deep", new int[][] {{3, 5, 4, 1},
          {2, 6, 1}});
      default -> throw new IllegalArgumentException(function + " is not " + NOTEBOOK.id() + "'s");
    };
  }

  static NetworkSpec spec(int[] dims, Activation hidden) {
    return NetworkSpec.of(dims, hidden, Activation.SIGMOID, Loss.BCE);
  }

  /** The reference: the scratch network of {@code dims} trained {@code n} full-batch steps at {@code lr}. */
  static Parameters trained(int[] dims, Activation hidden, Parameters start, Matrix X, Matrix Y, int n, double lr) {
    ScratchNetwork s = new ScratchNetwork(spec(dims, hidden), start);
    for (int i = 0; i < n; i++) {
      s.step(X, Y, lr);
    }
    return s.parameters();
  }

  // fn(X, Y, layers_dims, learning_rate, num_iterations, print_cost) → (parameters, costs), from the twin's weights
  private FunctionResult model(String fn, String init, int[][] cases) {
    Random r = random(fn.length() * 7 + 81);
    List<Trial> trials = new ArrayList<>();
    List<String> twin = new ArrayList<>();
    for (int[] dims : cases) {
      int m = 24;
      Matrix X = gaussian(r, dims[0], m, 1);
      Matrix Y = labels(r, 1, m);
      Parameters start = Initialization.initializeParametersDeep(dims, twinnet.model.Initializer.XAVIER, seed + m);
      int n = 60;
      double lr = 0.05;
      Parameters want = trained(dims, Activation.RELU, start, X, Y, n, lr);
      Dl4jNetwork t = Dl4jNetwork.withParameters(spec(dims, Activation.RELU), start);
      for (int i = 0; i < n; i++) {
        t.step(X, Y, lr);
      }
      double worst = 0;
      for (var e : paramsMap(want).entrySet()) {
        worst = Math.max(worst, TensorDiff.of(e.getKey(), 0, e.getValue(), paramsMap(t.parameters()).get(e.getKey()))
            .relativeError());
      }
      twin.add(String.format(java.util.Locale.ROOT, "%.1e", worst));
      ObjectNode replace = Bridge.JSON.createObjectNode();
      replace.set(init, paramsJson(start));
      ObjectNode kwargs = Bridge.JSON.createObjectNode();
      kwargs.put("learning_rate", lr);
      kwargs.put("num_iterations", n);
      kwargs.put("print_cost", false);
      Hypotheses cause = (answer, first) -> {
        JsonNode p = answer.isArray() && answer.size() > 0 ? answer.get(0) : answer;
        if (p.isObject() && !p.has("W" + (dims.length - 1)) && dims.length > 3) {
          return List.of(Cause.L_LAYER_TWO_LAYER_INIT.say(dims.length - 1));
        }
        if (matches(p, Expect.dict("parameters", paramsMap(trained(dims, Activation.SIGMOID, start, X, Y, n, lr))))) {
          return List.of(Cause.HIDDEN_LAYER_SIGMOID.say(fn));
        }
        if (matches(p, Expect.dict("parameters", paramsMap(trained(dims, Activation.RELU, start, X, Y, n, 0.0075))))) {
          return List.of(Cause.LEARNING_RATE_IGNORED.say(fn));
        }
        if (matches(p, Expect.dict("parameters", paramsMap(start)))) {
          return List.of(Cause.PARAMETERS_NEVER_MOVE.say(fn));
        }
        return List.of();
      };
      trials.add(new Trial("layers_dims = " + java.util.Arrays.toString(dims) + ", X " + dims[0] + "×" + m
          + ", learning_rate = " + lr + ", num_iterations = " + n + ", from the twin's weights (" + init + " replaced)",
          List.of(List.<JsonNode>of(arr(X), arr(Y), ints(dims))), new String[] {"X", "Y", "layers_dims"}, shown("X", X,
              "Y", Y), new Expect.Tuple(fn + "'s result", Expect.dict("parameters", paramsMap(want)),
                  new Expect.Any("costs")), cause, Set.of(), null, kwargs).withReplace(replace));
    }
    return C1W2LogisticRegression.withNote(run(fn, trials, false), "The DL4J twin, trained as many steps from the same "
        + "weights, ends at the same parameters: worst relative difference " + String.join(", ", twin) + ".");
  }

  /** A layer's backward step given another layer's cache: "linear_activation_backward(dA1, cache2, "relu")". */
  private static final Pattern WRONG_CACHE = Pattern.compile("linear_activation_backward\\(\\s*dA(\\d)\\s*,\\s*cache"
      + "(\\d)");

  @Override
  List<String> raisedCause(String fn, Bridge.Reply r) {
    String code = r.error() == null ? "" : r.error().path("code").asText("");
    Matcher m = WRONG_CACHE.matcher(code);
    if (m.find() && !m.group(1).equals(m.group(2))) { // layer l's step takes dA[l] and cache[l]
      int layer = Integer.parseInt(m.group(1));
      return List.of(Cause.BACKWARD_WITH_ANOTHER_CACHE.say(layer, m.group(2), layer, layer));
    }
    return List.of();
  }
}
