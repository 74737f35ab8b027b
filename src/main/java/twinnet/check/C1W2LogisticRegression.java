package twinnet.check;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import twinnet.check.CheckResult.FunctionResult;
import twinnet.check.CheckResult.Status;
import twinnet.compare.TensorDiff;
import twinnet.dl4j.Dl4jNetwork;
import twinnet.model.Activation;
import twinnet.model.Loss;
import twinnet.model.Matrix;
import twinnet.model.NetworkSpec;
import twinnet.model.Parameters;
import twinnet.scratch.LogisticRegression;

/**
 * Course 1, week 2, "Logistic Regression with a Neural Network mindset": each function against
 * {@link LogisticRegression}, on the course's public test inputs and on inputs twinnet makes; propagate and optimize
 * against the DL4J twin too, a network of one sigmoid unit with the course's cross-entropy.
 */
final class C1W2LogisticRegression extends Checks {
  static final Notebook NOTEBOOK = new Notebook("c1w2-logistic-regression", "course 1, week 2: Logistic Regression "
      + "with a Neural Network mindset", List.of("sigmoid", "initialize_with_zeros", "propagate", "optimize", "predict",
          "model"), List.of(),
      Set.of("initialize_with_zeros", "propagate", "optimize", "model"),
      Map.of("sigmoid", List.of("z"), "predict", List.of("w", "b", "X")),
      Map.of("optimize", List.of("propagate"), "model", List.of("initialize_with_zeros", "optimize", "predict")),
      C1W2LogisticRegression::new);

  C1W2LogisticRegression(Session session, DeclaredModel model, long seed) {
    super(session, model, seed);
  }

  @Override
  FunctionResult check(String function) {
    return switch (function) {
      case "sigmoid" -> sigmoid();
      case "initialize_with_zeros" -> initializeWithZeros();
      case "propagate" -> propagate();
      case "optimize" -> optimize();
      case "predict" -> predict();
      case "model" -> model();
      default -> throw new IllegalArgumentException(function + " is not " + NOTEBOOK.id() + "'s");
    };
  }

  /** The course's public test of propagate: w, b, X, Y. */
  private static final Matrix PUBLIC_W = Matrix.of(new double[][] {{1}, {2}, {-1}});
  private static final double PUBLIC_B = 2.5;
  private static final Matrix PUBLIC_X = Matrix.of(new double[][] {{1, 2, -1, 0}, {3, 4, -3.2, 1}, {3, 4, -3.2, -3.5}});
  private static final Matrix PUBLIC_Y = Matrix.of(new double[][] {{1, 1, 0, 0}});

  /** An example set: X (n × m) around 0, Y 0/1, w and b small. */
  private record Data(String label, Matrix w, double b, Matrix X, Matrix Y) {}

  private List<Data> data(int salt) {
    Random r = random(salt);
    List<Data> out = new ArrayList<>(List.of(new Data("the course's public test (w = [[1], [2], [−1]], b = 2.5, X 3×4)",
        PUBLIC_W, PUBLIC_B, PUBLIC_X, PUBLIC_Y)));
    for (int[] s : new int[][] {{2, 5}, {1, 1}, {4, 9}}) {
      out.add(new Data("w " + s[0] + "×1, X " + s[0] + "×" + s[1], gaussian(r, s[0], 1, 0.5), 0.3 * r.nextGaussian(),
          gaussian(r, s[0], s[1], 1), labels(r, 1, s[1])));
    }
    return out;
  }

  // ---- sigmoid(z) → s ----

  private FunctionResult sigmoid() {
    Random r = random(61);
    List<Trial> trials = new ArrayList<>();
    for (int[] s : new int[][] {{1, 2}, {3, 4}, {1, 1}}) {
      Matrix z = s[1] == 2 ? Matrix.of(new double[][] {{0, 2}}) : gaussian(r, s[0], s[1], 3);
      trials.add(new Trial("z " + s[0] + "×" + s[1], List.of(arr(z)), new String[] {"z"}, shown("z", z),
          Expect.tensor("s", LogisticRegression.sigmoid(z)), (answer, first) -> {
            if (answer.isArray() && answer.size() == 2 && matches(answer.get(0), Expect.tensor("s",
                LogisticRegression.sigmoid(z)))) {
              return List.of(Cause.SIGMOID_WITH_CACHE.say());
            }
            return List.of();
          }));
    }
    return run("sigmoid", trials);
  }

  // ---- initialize_with_zeros(dim) → (w, b) ----

  private FunctionResult initializeWithZeros() {
    List<Trial> trials = new ArrayList<>();
    for (int dim : new int[] {2, 1, 7}) {
      LogisticRegression.Parameters p = LogisticRegression.initializeWithZeros(dim);
      trials.add(new Trial("dim = " + dim, List.of(num(dim)), new String[] {"dim"}, shown(), new Expect.Tuple(
          "initialize_with_zeros's result", Expect.tensor("w", p.w()), new Expect.Scalar("b", p.b())), NONE));
    }
    FunctionResult res = run("initialize_with_zeros", trials);
    if (res.status() != Status.OK) {
      return res;
    }
    // the value agrees; the course's test also asserts the type: b = 0.0, a float
    Bridge.Reply r = session.call("initialize_with_zeros", List.of(num(2)));
    if (r.ok() && r.result().isArray() && r.result().size() == 2 && r.result().get(1).isIntegralNumber()) {
      return wrong("initialize_with_zeros", "b", Cause.B_NOT_A_FLOAT.say());
    }
    return res;
  }

  // ---- propagate(w, b, X, Y) → ({"dw", "db"}, cost) ----

  private static Expect propagation(LogisticRegression.Propagation g) {
    Map<String, Expect> grads = new LinkedHashMap<>();
    grads.put("dw", Expect.tensor("grads[\"dw\"]", g.dw()));
    grads.put("db", new Expect.Scalar("grads[\"db\"]", g.db()));
    return new Expect.Tuple("propagate's result", new Expect.Dict("grads", grads), new Expect.Scalar("cost",
        g.cost()));
  }

  private FunctionResult propagate() {
    List<Trial> trials = new ArrayList<>();
    List<String> twin = new ArrayList<>();
    for (Data d : data(62)) {
      LogisticRegression.Propagation g = LogisticRegression.propagate(d.w(), d.b(), d.X(), d.Y());
      int m = d.X().cols();
      twin.add(String.format(java.util.Locale.ROOT, "%.1e", twinPropagation(d, g)));
      Hypotheses cause = (answer, first) -> {
        if (matches(answer, propagation(new LogisticRegression.Propagation(g.dw().scale(m), g.db(), g.cost())))) {
          return List.of(Cause.DW_WITHOUT_1_OVER_M.say());
        }
        if (matches(answer, propagation(new LogisticRegression.Propagation(g.dw(), g.db() * m, g.cost())))) {
          return List.of(Cause.DB_WITHOUT_1_OVER_M.say());
        }
        if (matches(answer, propagation(new LogisticRegression.Propagation(g.dw(), g.db(), -g.cost())))) {
          return List.of(Cause.COST_SIGN.say("J = −1/m · Σ (Y·log(A) + (1 − Y)·log(1 − A))"));
        }
        if (matches(answer, propagation(new LogisticRegression.Propagation(g.dw(), g.db(), g.cost() * m)))) {
          return List.of(Cause.COST_WITHOUT_1_OVER_M.say("J = −1/m · Σ (Y·log(A) + (1 − Y)·log(1 − A))"));
        }
        return List.of();
      };
      trials.add(new Trial(d.label(), List.of(arr(d.w()), num(d.b()), arr(d.X()), arr(d.Y())),
          new String[] {"w", "b", "X", "Y"}, shown("w", d.w(), "X", d.X(), "Y", d.Y()), propagation(g), cause));
    }
    return withNote(run("propagate", trials), "The DL4J twin (one sigmoid unit, the course's cross-entropy) gives the "
        + "same dw, db and cost: worst relative difference " + String.join(", ", twin) + ".");
  }

  /** The twin's dw, db and cost for these w, b: its worst relative difference from the reference's. */
  private static double twinPropagation(Data d, LogisticRegression.Propagation g) {
    NetworkSpec spec = NetworkSpec.of(new int[] {d.X().rows(), 1}, Activation.SIGMOID, Activation.SIGMOID, Loss.BCE);
    twinnet.model.Network.Backprop b = Dl4jNetwork.withParameters(spec, new Parameters(List.of(d.w().transpose()),
        List.of(Matrix.of(new double[][] {{d.b()}})))).backprop(d.X(), d.Y());
    return Math.max(TensorDiff.of("dw", 1, b.grads().dW(1).transpose(), g.dw()).relativeError(), Math.max(
        TensorDiff.ofScalar("db", b.grads().db(1).get(0, 0), g.db()).relativeError(),
        TensorDiff.ofScalar("cost", b.cost(), g.cost()).relativeError()));
  }

  @Override
  List<String> raisedCause(String fn, Bridge.Reply r) {
    String code = r.error() == null ? "" : r.error().path("code").asText("").replace(" ", "");
    if (fn.equals("propagate") && r.errorText().startsWith("ValueError") && code.contains("np.dot(X,")
        && !code.contains(".T")) {
      return List.of(Cause.DW_UNTRANSPOSED.say());
    }
    return List.of();
  }

  // ---- optimize(w, b, X, Y, num_iterations, learning_rate, print_cost) → (params, grads, costs) ----

  private static Expect optimized(LogisticRegression.Optimized o) {
    Map<String, Expect> params = new LinkedHashMap<>();
    params.put("w", Expect.tensor("params[\"w\"]", o.w()));
    params.put("b", new Expect.Scalar("params[\"b\"]", o.b()));
    Map<String, Expect> grads = new LinkedHashMap<>();
    grads.put("dw", Expect.tensor("grads[\"dw\"]", o.dw()));
    grads.put("db", new Expect.Scalar("grads[\"db\"]", o.db()));
    List<Expect> costs = new ArrayList<>();
    for (int i = 0; i < o.costs().size(); i++) {
      costs.add(new Expect.Scalar("costs[" + i + "]", o.costs().get(i)));
    }
    return new Expect.Tuple("optimize's result", new Expect.Dict("params", params), new Expect.Dict("grads", grads),
        new Expect.Tuple("costs", costs));
  }

  private FunctionResult optimize() {
    List<Trial> trials = new ArrayList<>();
    List<String> twin = new ArrayList<>();
    int[] iterations = {101, 150, 5, 220};
    double[] rates = {0.1, 0.05, 0.5, 0.009};
    List<Data> data = data(63);
    data.set(0, new Data("the course's public test (w = [[1], [2]], b = 2, X 2×3)", Matrix.of(new double[][] {{1},
        {2}}), 2.0, Matrix.of(new double[][] {{1, 2, -1}, {3, 4, -3.2}}), Matrix.of(new double[][] {{1, 0, 1}})));
    for (int k = 0; k < data.size(); k++) {
      Data d = data.get(k);
      int n = iterations[k];
      double lr = rates[k];
      LogisticRegression.Optimized o = LogisticRegression.optimize(d.w(), d.b(), d.X(), d.Y(), n, lr);
      twin.add(String.format(java.util.Locale.ROOT, "%.1e", twinOptimize(d, n, lr, o)));
      Hypotheses cause = (answer, first) -> {
        // climbing, the costs may reach log(0): the parameters tell it
        if (answer.isArray() && answer.size() == 3 && matches(answer.get(0).get("w"), Expect.tensor("w",
            LogisticRegression.optimize(d.w(), d.b(), d.X(), d.Y(), n, -lr).w()))) {
          return List.of(Cause.OPTIMIZE_SIGN.say());
        }
        return List.of();
      };
      trials.add(new Trial(d.label() + ", num_iterations = " + n + ", learning_rate = " + lr, List.of(arr(d.w()),
          num(d.b()), arr(d.X()), arr(d.Y()), num(n), num(lr), Bridge.JSON.getNodeFactory().booleanNode(false)),
          new String[] {"w", "b", "X", "Y", "num_iterations", "learning_rate", "print_cost"}, shown("w", d.w(), "X",
              d.X(), "Y", d.Y()), optimized(o), cause).mayChange(0));
    }
    return withNote(run("optimize", trials), "The DL4J twin, trained as many steps, ends at the same w and b: worst "
        + "relative difference " + String.join(", ", twin) + ".");
  }

  /** The twin trained {@code n} steps from w, b: its final parameters' worst relative difference from the reference's. */
  private static double twinOptimize(Data d, int n, double lr, LogisticRegression.Optimized o) {
    NetworkSpec spec = NetworkSpec.of(new int[] {d.X().rows(), 1}, Activation.SIGMOID, Activation.SIGMOID, Loss.BCE);
    Dl4jNetwork t = Dl4jNetwork.withParameters(spec, new Parameters(List.of(d.w().transpose()),
        List.of(Matrix.of(new double[][] {{d.b()}}))));
    for (int i = 0; i < n; i++) {
      t.step(d.X(), d.Y(), lr);
    }
    return Math.max(TensorDiff.of("w", 1, t.parameters().W(1).transpose(), o.w()).relativeError(),
        TensorDiff.ofScalar("b", t.parameters().b(1).get(0, 0), o.b()).relativeError());
  }

  // ---- predict(w, b, X) → Y_prediction ----

  private FunctionResult predict() {
    List<Trial> trials = new ArrayList<>();
    List<Data> data = data(64);
    data.set(0, new Data("the course's test (w = [[0.1124579], [0.23106775]], b = −0.3, X 2×3)", Matrix.of(
        new double[][] {{0.1124579}, {0.23106775}}), -0.3, Matrix.of(new double[][] {{1, -1.1, -3.2}, {1.2, 2, 0.1}}),
        null));
    for (Data d : data) {
      Matrix A = LogisticRegression.sigmoid(d.w().transpose().dot(d.X()).map(z -> z + d.b()));
      trials.add(new Trial(d.label(), List.of(arr(d.w()), num(d.b()), arr(d.X())), new String[] {"w", "b", "X"},
          shown("w", d.w(), "X", d.X()), Expect.tensor("Y_prediction", LogisticRegression.predict(d.w(), d.b(),
              d.X())), (answer, first) -> matches(answer, Expect.tensor("A", A))
                  ? List.of(Cause.PREDICT_PROBABILITIES.say()) : List.of()));
    }
    return run("predict", trials);
  }

  // ---- model(X_train, Y_train, X_test, Y_test, num_iterations, learning_rate, print_cost) → d ----

  private FunctionResult model() {
    Random r = random(65);
    List<Trial> trials = new ArrayList<>();
    for (int[] s : new int[][] {{3, 20, 8}, {2, 12, 5}}) {
      Matrix xTrain = gaussian(r, s[0], s[1], 1);
      Matrix yTrain = labels(r, 1, s[1]);
      Matrix xTest = gaussian(r, s[0], s[2], 1);
      Matrix yTest = labels(r, 1, s[2]);
      int n = 250;
      double lr = 0.05;
      LogisticRegression.Model m = LogisticRegression.model(xTrain, yTrain, xTest, n, lr);
      Map<String, Expect> d = new LinkedHashMap<>();
      List<Expect> costs = new ArrayList<>();
      for (int i = 0; i < m.costs().size(); i++) {
        costs.add(new Expect.Scalar("d[\"costs\"][" + i + "]", m.costs().get(i)));
      }
      d.put("costs", new Expect.Tuple("d[\"costs\"]", costs));
      d.put("Y_prediction_test", Expect.tensor("d[\"Y_prediction_test\"]", m.predictionTest()));
      d.put("Y_prediction_train", Expect.tensor("d[\"Y_prediction_train\"]", m.predictionTrain()));
      d.put("w", Expect.tensor("d[\"w\"]", m.w()));
      d.put("b", new Expect.Scalar("d[\"b\"]", m.b()));
      trials.add(new Trial("X_train " + s[0] + "×" + s[1] + ", X_test " + s[0] + "×" + s[2] + ", num_iterations = " + n
          + ", learning_rate = " + lr, List.of(arr(xTrain), arr(yTrain), arr(xTest), arr(yTest), num(n), num(lr),
              Bridge.JSON.getNodeFactory().booleanNode(false)), new String[] {"X_train", "Y_train", "X_test",
                  "Y_test", "num_iterations", "learning_rate", "print_cost"}, shown("X_train", xTrain, "Y_train",
                      yTrain), new Expect.Dict("d", d), NONE));
    }
    return run("model", trials);
  }

  /** A note added to a verdict that is right (the twin's agreement). */
  static FunctionResult withNote(FunctionResult res, String note) {
    if (res.status() != Status.OK) {
      return res;
    }
    List<String> notes = new ArrayList<>(res.diagnosis());
    notes.add(note);
    return new FunctionResult(res.name(), res.status(), res.firstWrong(), notes, res.worstRelativeError(),
        res.shown());
  }
}
