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
import twinnet.scratch.Recurrent;
import twinnet.scratch.Recurrent.LstmCache;
import twinnet.scratch.Recurrent.LstmParameters;
import twinnet.scratch.Recurrent.RnnCache;
import twinnet.scratch.Recurrent.RnnParameters;

/**
 * Course 5, week 1, "Building your Recurrent Neural Network: Step by Step": the RNN and LSTM cells and sequences,
 * forward and backward, against {@link Recurrent} on the notebook's shapes (n_x 3, n_a 5, n_y 2, m 10, T_x 4). A
 * sequence (n, m, T_x) goes over as one 3-D array. Each slip is the reference on other inputs: tanh′ written 1 − a is
 * the cell's backward of da / (1 + a); the forget gate's derivative through c_next is the backward of a cache whose
 * c_prev is c_next; [xt; a_prev] stacked the wrong way round is the forward of gates whose columns are rotated.
 */
final class C5W1RnnStepByStep extends Checks {
  static final List<String> FUNCTIONS = List.of("rnn_cell_forward", "rnn_forward", "lstm_cell_forward",
      "lstm_forward", "rnn_cell_backward", "rnn_backward", "lstm_cell_backward", "lstm_backward");
  static final Notebook NOTEBOOK = new Notebook("c5w1-rnn-step-by-step",
      "course 5, week 1: Building your Recurrent Neural Network, Step by Step", FUNCTIONS, List.of(),
      Set.copyOf(FUNCTIONS), Map.of(),
      Map.of("rnn_forward", List.of("rnn_cell_forward"), "lstm_forward", List.of("lstm_cell_forward"),
          "rnn_backward", List.of("rnn_cell_backward"), "lstm_backward", List.of("lstm_cell_backward")),
      C5W1RnnStepByStep::new);

  C5W1RnnStepByStep(Session session, DeclaredModel model, long seed) {
    super(session, model, seed);
  }

  static final int NX = 3;
  static final int NA = 5;
  static final int NY = 2;
  static final int M = 10;
  static final int T = 4;

  @Override
  FunctionResult check(String function) {
    return switch (function) {
      case "rnn_cell_forward" -> rnnCellForward();
      case "rnn_forward" -> rnnForward();
      case "lstm_cell_forward" -> lstmCellForward();
      case "lstm_forward" -> lstmForward();
      case "rnn_cell_backward" -> rnnCellBackward();
      case "rnn_backward" -> rnnBackward();
      case "lstm_cell_backward" -> lstmCellBackward();
      case "lstm_backward" -> lstmBackward();
      default -> throw new IllegalArgumentException(function + " is not " + NOTEBOOK.id() + "'s");
    };
  }

  // ---- inputs: the notebook's shapes ----

  private RnnParameters rnn(Random r) {
    return new RnnParameters(gaussian(r, NA, NX, 1), gaussian(r, NA, NA, 0.5), gaussian(r, NY, NA, 1), gaussian(r,
        NA, 1, 1), gaussian(r, NY, 1, 1));
  }

  private LstmParameters lstm(Random r) {
    return new LstmParameters(gaussian(r, NA, NA + NX, 1), gaussian(r, NA, 1, 1), gaussian(r, NA, NA + NX, 1),
        gaussian(r, NA, 1, 1), gaussian(r, NA, NA + NX, 1), gaussian(r, NA, 1, 1), gaussian(r, NA, NA + NX, 1),
        gaussian(r, NA, 1, 1), gaussian(r, NY, NA, 1), gaussian(r, NY, 1, 1));
  }

  private static List<Matrix> sequence(Random r, int n) {
    List<Matrix> x = new ArrayList<>();
    for (int t = 0; t < T; t++) {
      x.add(gaussian(r, n, M, 1));
    }
    return x;
  }

  /** A sequence as the course's one (n, m, T_x) array. */
  static JsonNode seq(List<Matrix> x) {
    return Values.array(new int[] {x.get(0).rows(), M, x.size()}, new Expect.Array3("x", x).flat().backingArray());
  }

  static Expect.Array3 array(String name, List<Matrix> x) {
    return new Expect.Array3(name, x);
  }

  // ---- rnn_cell_forward(xt, a_prev, parameters) → (a_next, yt_pred, cache) ----

  // a_next = tanh(Waa·a_prev + Wax·xt + ba); ŷ = softmax(Wya·a_next + by)
  private FunctionResult rnnCellForward() {
    Random r = random(51);
    RnnParameters p = rnn(r);
    Matrix xt = gaussian(r, NX, M, 1);
    Matrix aPrev = gaussian(r, NA, M, 1);
    Recurrent.RnnCellForward f = Recurrent.rnnCellForward(xt, aPrev, p);
    Expect expect = new Expect.Tuple("rnn_cell_forward's result", Expect.tensor("a_next", f.a_next()),
        Expect.tensor("yt_pred", f.yt_pred()), new Expect.Tuple("cache", Expect.tensor("cache[0] (a_next)",
            f.a_next()), Expect.tensor("cache[1] (a_prev)", aPrev), Expect.tensor("cache[2] (xt)", xt),
            new Expect.Any("cache[3] (parameters)")));
    Hypotheses cause = (answer, first) -> {
      if (answer.isArray() && answer.size() == 3 && matches(answer.get(1), Expect.tensor("yt_pred", p.Wya().dot(
          f.a_next()).plusColumn(p.by())))) {
        return List.of(Cause.RNN_NO_SOFTMAX.say());
      }
      return List.of();
    };
    return run("rnn_cell_forward", List.of(new Trial("xt (3, 10), a_prev (5, 10), n_y = 2", List.of(arr(xt),
        arr(aPrev), dictJson(p.dict())), new String[] {"xt", "a_prev", "parameters"}, shown("xt", xt, "a_prev", aPrev),
        expect, cause)));
  }

  // ---- rnn_forward(x, a0, parameters) → (a, y_pred, caches) ----

  private FunctionResult rnnForward() {
    Random r = random(52);
    RnnParameters p = rnn(r);
    List<Matrix> x = sequence(r, NX);
    Matrix a0 = gaussian(r, NA, M, 1);
    Recurrent.RnnForward f = Recurrent.rnnForward(x, a0, p);
    Expect expect = new Expect.Tuple("rnn_forward's result", array("a", f.a()), array("y_pred", f.y_pred()),
        new Expect.Any("caches"));
    return run("rnn_forward", List.of(new Trial("x (3, 10, 4), a0 (5, 10)", List.of(seq(x), arr(a0), dictJson(
        p.dict())), new String[] {"x", "a0", "parameters"}, shown("x[:, :, 0]", x.get(0), "a0", a0), expect, NONE)));
  }

  // ---- lstm_cell_forward(xt, a_prev, c_prev, parameters) → (a_next, c_next, yt_pred, cache) ----

  /** The gates' columns rotated: what a forward on [xt; a_prev] computes with the right concat. */
  static LstmParameters xFirst(LstmParameters p) {
    java.util.function.UnaryOperator<Matrix> rot = W -> {
      double[][] v = new double[W.rows()][W.cols()];
      for (int j = 0; j < W.rows(); j++) {
        for (int k = 0; k < NA; k++) {
          v[j][k] = W.get(j, NX + k); // the columns a [xt; a_prev] slip multiplies a_prev by
        }
        for (int k = 0; k < NX; k++) {
          v[j][NA + k] = W.get(j, k);
        }
      }
      return Matrix.of(v);
    };
    return new LstmParameters(rot.apply(p.Wf()), p.bf(), rot.apply(p.Wi()), p.bi(), rot.apply(p.Wc()), p.bc(),
        rot.apply(p.Wo()), p.bo(), p.Wy(), p.by());
  }

  private FunctionResult lstmCellForward() {
    Random r = random(53);
    LstmParameters p = lstm(r);
    Matrix xt = gaussian(r, NX, M, 1);
    Matrix aPrev = gaussian(r, NA, M, 1);
    Matrix cPrev = gaussian(r, NA, M, 1);
    Recurrent.LstmCellForward f = Recurrent.lstmCellForward(xt, aPrev, cPrev, p);
    LstmCache c = f.cache();
    Expect cache = new Expect.Tuple("cache", Expect.tensor("cache[0] (a_next)", c.a_next()), Expect.tensor(
        "cache[1] (c_next)", c.c_next()), Expect.tensor("cache[2] (a_prev)", aPrev), Expect.tensor("cache[3] (c_prev)",
        cPrev), Expect.tensor("cache[4] (ft)", c.ft()), Expect.tensor("cache[5] (it)", c.it()), Expect.tensor(
        "cache[6] (cct)", c.cct()), Expect.tensor("cache[7] (ot)", c.ot()), Expect.tensor("cache[8] (xt)", xt),
        new Expect.Any("cache[9] (parameters)"));
    Expect expect = new Expect.Tuple("lstm_cell_forward's result", Expect.tensor("a_next", f.a_next()),
        Expect.tensor("c_next", f.c_next()), Expect.tensor("yt_pred", f.yt_pred()), cache);
    Hypotheses cause = (answer, first) -> {
      if (answer.isArray() && answer.size() == 4 && matches(answer.get(0), Expect.tensor("a_next",
          Recurrent.lstmCellForward(xt, aPrev, cPrev, xFirst(p)).a_next()))) {
        return List.of(Cause.LSTM_CONCAT_ORDER.say());
      }
      return List.of();
    };
    return run("lstm_cell_forward", List.of(new Trial("xt (3, 10), a_prev and c_prev (5, 10), n_y = 2", List.of(
        arr(xt), arr(aPrev), arr(cPrev), dictJson(p.dict())), new String[] {"xt", "a_prev", "c_prev", "parameters"},
        shown("xt", xt, "a_prev", aPrev), expect, cause)));
  }

  // ---- lstm_forward(x, a0, parameters) → (a, y, c, caches) ----

  private FunctionResult lstmForward() {
    Random r = random(54);
    LstmParameters p = lstm(r);
    List<Matrix> x = sequence(r, NX);
    Matrix a0 = gaussian(r, NA, M, 1);
    Recurrent.LstmForward f = Recurrent.lstmForward(x, a0, p);
    Expect expect = new Expect.Tuple("lstm_forward's result", array("a", f.a()), array("y", f.y()), array("c",
        f.c()), new Expect.Any("caches"));
    return run("lstm_forward", List.of(new Trial("x (3, 10, 4), a0 (5, 10)", List.of(seq(x), arr(a0), dictJson(
        p.dict())), new String[] {"x", "a0", "parameters"}, shown("x[:, :, 0]", x.get(0), "a0", a0), expect, NONE)));
  }

  // ---- rnn_cell_backward(da_next, cache) → gradients ----

  static Expect.Dict rnnCellGradients(Recurrent.RnnCellGradients g) {
    Map<String, Matrix> m = new LinkedHashMap<>();
    m.put("dxt", g.dxt());
    m.put("da_prev", g.da_prev());
    m.put("dWax", g.dWax());
    m.put("dWaa", g.dWaa());
    m.put("dba", g.dba());
    return Expect.dict("gradients", m);
  }

  /** The cell's backward with tanh′ written 1 − a: (1 − a)·da = (1 − a²)·da/(1 + a), the reference on da/(1 + a). */
  static Recurrent.RnnCellGradients oneMinusA(Matrix da, RnnCache c) {
    return Recurrent.rnnCellBackward(da.times(c.a_next().map(a -> 1 / (1 + a))), c);
  }

  private FunctionResult rnnCellBackward() {
    Random r = random(55);
    RnnParameters p = rnn(r);
    Matrix xt = gaussian(r, NX, M, 1);
    Matrix aPrev = gaussian(r, NA, M, 1);
    Matrix da = gaussian(r, NA, M, 1);
    RnnCache c = Recurrent.rnnCellForward(xt, aPrev, p).cache();
    Hypotheses cause = (answer, first) -> {
      if (matches(answer, rnnCellGradients(oneMinusA(da, c)))) {
        return List.of(Cause.RNN_TANH_PRIME_1_MINUS_A.say());
      }
      return List.of();
    };
    return run("rnn_cell_backward", List.of(new Trial("da_next (5, 10), the cache of xt (3, 10), a_prev (5, 10)",
        List.of(arr(da), Values.tuple(arr(c.a_next()), arr(aPrev), arr(xt), dictJson(p.dict()))), new String[] {
            "da_next", "cache"}, shown("da_next", da, "a_next", c.a_next()), rnnCellGradients(
                Recurrent.rnnCellBackward(da, c)), cause)));
  }

  // ---- rnn_backward(da, caches) → gradients ----

  /** rnn_backward with each step's own slip: {@code cell} the cell's backward, {@code carry} whether da_prevt is added. */
  static Expect.Dict rnnGradients(List<Matrix> da, Recurrent.RnnForward f,
      java.util.function.BiFunction<Matrix, RnnCache, Recurrent.RnnCellGradients> cell, boolean carry) {
    Matrix[] dx = new Matrix[T];
    Matrix dWax = Matrix.zeros(NA, NX);
    Matrix dWaa = Matrix.zeros(NA, NA);
    Matrix dba = Matrix.zeros(NA, 1);
    Matrix daPrev = Matrix.zeros(NA, M);
    for (int t = T - 1; t >= 0; t--) {
      Recurrent.RnnCellGradients g = cell.apply(carry ? da.get(t).plus(daPrev) : da.get(t), f.caches().get(t));
      dx[t] = g.dxt();
      dWax = dWax.plus(g.dWax());
      dWaa = dWaa.plus(g.dWaa());
      dba = dba.plus(g.dba());
      daPrev = g.da_prev();
    }
    Map<String, Expect> m = new LinkedHashMap<>();
    m.put("dx", new Expect.Array3("gradients[\"dx\"]", List.of(dx)));
    m.put("da0", Expect.tensor("gradients[\"da0\"]", daPrev));
    m.put("dWax", Expect.tensor("gradients[\"dWax\"]", dWax));
    m.put("dWaa", Expect.tensor("gradients[\"dWaa\"]", dWaa));
    m.put("dba", Expect.tensor("gradients[\"dba\"]", dba));
    return new Expect.Dict("gradients", m);
  }

  private FunctionResult rnnBackward() {
    Random r = random(56);
    RnnParameters p = rnn(r);
    List<Matrix> x = sequence(r, NX);
    Matrix a0 = gaussian(r, NA, M, 1);
    List<Matrix> da = sequence(r, NA);
    Recurrent.RnnForward f = Recurrent.rnnForward(x, a0, p);
    List<JsonNode> caches = new ArrayList<>();
    for (RnnCache c : f.caches()) {
      caches.add(Values.tuple(arr(c.a_next()), arr(c.a_prev()), arr(c.xt()), dictJson(p.dict())));
    }
    JsonNode cachesJson = Values.tuple(Values.tuple(caches.toArray(JsonNode[]::new)), seq(x));
    Hypotheses cause = (answer, first) -> {
      if (matches(answer, rnnGradients(da, f, Recurrent::rnnCellBackward, false))) {
        return List.of(Cause.RNN_BACKWARD_WITHOUT_DA_PREV.say());
      }
      if (matches(answer, rnnGradients(da, f, C5W1RnnStepByStep::oneMinusA, true))) {
        return List.of(Cause.RNN_TANH_PRIME_1_MINUS_A.say());
      }
      return List.of();
    };
    return run("rnn_backward", List.of(new Trial("da (5, 10, 4), the caches of x (3, 10, 4) from a0 (5, 10)",
        List.of(seq(da), cachesJson), new String[] {"da", "caches"}, shown("da[:, :, 0]", da.get(0), "a0", a0),
        rnnGradients(da, f, Recurrent::rnnCellBackward, true), cause)));
  }

  // ---- lstm_cell_backward(da_next, dc_next, cache) → gradients ----

  static Expect.Dict lstmCellGradients(Recurrent.LstmCellGradients g) {
    Map<String, Matrix> m = new LinkedHashMap<>();
    m.put("dxt", g.dxt());
    m.put("da_prev", g.da_prev());
    m.put("dc_prev", g.dc_prev());
    m.put("dWf", g.dWf());
    m.put("dbf", g.dbf());
    m.put("dWi", g.dWi());
    m.put("dbi", g.dbi());
    m.put("dWc", g.dWc());
    m.put("dbc", g.dbc());
    m.put("dWo", g.dWo());
    m.put("dbo", g.dbo());
    return Expect.dict("gradients", m);
  }

  static JsonNode lstmCacheJson(LstmCache c, LstmParameters p) {
    return Values.tuple(arr(c.a_next()), arr(c.c_next()), arr(c.a_prev()), arr(c.c_prev()), arr(c.ft()), arr(c.it()),
        arr(c.cct()), arr(c.ot()), arr(c.xt()), dictJson(p.dict()));
  }

  private FunctionResult lstmCellBackward() {
    Random r = random(57);
    LstmParameters p = lstm(r);
    Matrix xt = gaussian(r, NX, M, 1);
    Matrix aPrev = gaussian(r, NA, M, 1);
    Matrix cPrev = gaussian(r, NA, M, 1);
    Matrix da = gaussian(r, NA, M, 1);
    Matrix dc = gaussian(r, NA, M, 1);
    LstmCache c = Recurrent.lstmCellForward(xt, aPrev, cPrev, p).cache();
    Recurrent.LstmCellGradients want = Recurrent.lstmCellBackward(da, dc, c);
    Hypotheses cause = (answer, first) -> {
      int[] s = answer.isObject() ? Values.shape(answer.get("da_prev")) : null;
      if (s != null && s.length == 2 && s[0] == NX) {
        return List.of(Cause.LSTM_CONCAT_SLICES_SWAPPED.say(Values.shapeText(answer.get("da_prev")), NX, NA));
      }
      List<String> old = oldNotebookEquations(answer, da, dc, c);
      if (!old.isEmpty()) {
        return List.of(Cause.LSTM_OLD_NOTEBOOK_EQUATIONS.say(String.join(", ", old.stream().map(e -> e.split(" ")[0])
            .toList()), (old.size() == 1 ? "equation " : "equations ") + String.join(", ", old.stream()
            .map(e -> e.split(" ")[1]).toList())));
      }
      LstmCache throughCNext = new LstmCache(c.a_next(), c.c_next(), c.a_prev(), c.c_next(), c.ft(), c.it(), c.cct(),
          c.ot(), c.xt(), p);
      Recurrent.LstmCellGradients slip = Recurrent.lstmCellBackward(da, dc, throughCNext);
      if (answer.isObject() && matches(answer.get("dWf"), Expect.tensor("dWf", slip.dWf()))) {
        return List.of(Cause.LSTM_DFT_C_NEXT.say());
      }
      if (answer.isObject() && matches(answer.get("dc_prev"), Expect.tensor("dc_prev", want.dc_prev().times(c.ft()
          .map(f -> 1 / f))))) {
        return List.of(Cause.LSTM_DC_PREV_WITHOUT_FT.say());
      }
      return List.of();
    };
    return run("lstm_cell_backward", List.of(new Trial("da_next, dc_next (5, 10), the cache of xt (3, 10), a_prev, "
        + "c_prev (5, 10)", List.of(arr(da), arr(dc), lstmCacheJson(c, p)), new String[] {"da_next", "dc_next",
            "cache"}, shown("da_next", da, "dc_next", dc), lstmCellGradients(want), cause)));
  }

  /**
   * Which of dWc, dWi, dWf in the answer are the 2018 notebook's printed equations (8)–(10) taken literally, as
   * "dcct (8)", "dit (9)", "dft (10)". With T = ot·(1 − tanh²(c_next))·da_next, as printed: dcct = dc_next·it +
   * T·it·cct·(1 − tanh²(cct)), dit = dc_next·cct + T·cct·it·(1 − it), dft = dc_next·c_prev + T·c_prev·ft·(1 − ft).
   */
  static List<String> oldNotebookEquations(JsonNode answer, Matrix da, Matrix dc, LstmCache c) {
    if (!answer.isObject()) {
      return List.of();
    }
    Matrix t = c.ot().times(c.c_next().map(v -> 1 - Math.tanh(v) * Math.tanh(v))).times(da);
    Matrix dcct = dc.times(c.it()).plus(t.times(c.it()).times(c.cct()).times(c.cct().map(v -> 1 - Math.tanh(v)
        * Math.tanh(v))));
    Matrix dit = dc.times(c.cct()).plus(t.times(c.cct()).times(c.it().map(i -> i * (1 - i))));
    Matrix dft = dc.times(c.c_prev()).plus(t.times(c.c_prev()).times(c.ft().map(f -> f * (1 - f))));
    double[][] v = new double[NA + NX][M];
    for (int i = 0; i < M; i++) {
      for (int j = 0; j < NA; j++) {
        v[j][i] = c.a_prev().get(j, i);
      }
      for (int j = 0; j < NX; j++) {
        v[NA + j][i] = c.xt().get(j, i);
      }
    }
    Matrix concatT = Matrix.of(v).transpose();
    List<String> found = new ArrayList<>();
    String[][] names = {{"dWc", "dcct (8)"}, {"dWi", "dit (9)"}, {"dWf", "dft (10)"}};
    Matrix[] gates = {dcct, dit, dft};
    for (int k = 0; k < 3; k++) {
      if (matches(answer.get(names[k][0]), Expect.tensor(names[k][0], gates[k].dot(concatT)))) {
        found.add(names[k][1]);
      }
    }
    return found;
  }

  // ---- lstm_backward(da, caches) → gradients ----

  private FunctionResult lstmBackward() {
    Random r = random(58);
    LstmParameters p = lstm(r);
    List<Matrix> x = sequence(r, NX);
    Matrix a0 = gaussian(r, NA, M, 1);
    List<Matrix> da = sequence(r, NA);
    Recurrent.LstmForward f = Recurrent.lstmForward(x, a0, p);
    Recurrent.LstmGradients g = Recurrent.lstmBackward(da, f);
    List<JsonNode> caches = new ArrayList<>();
    for (LstmCache c : f.caches()) {
      caches.add(lstmCacheJson(c, p));
    }
    JsonNode cachesJson = Values.tuple(Values.tuple(caches.toArray(JsonNode[]::new)), seq(x));
    Map<String, Expect> m = new LinkedHashMap<>();
    m.put("dx", new Expect.Array3("gradients[\"dx\"]", g.dx()));
    m.put("da0", Expect.tensor("gradients[\"da0\"]", g.da0()));
    Matrix[] v = {g.dWf(), g.dbf(), g.dWi(), g.dbi(), g.dWc(), g.dbc(), g.dWo(), g.dbo()};
    String[] k = {"dWf", "dbf", "dWi", "dbi", "dWc", "dbc", "dWo", "dbo"};
    for (int i = 0; i < k.length; i++) {
      m.put(k[i], Expect.tensor("gradients[\"" + k[i] + "\"]", v[i]));
    }
    return run("lstm_backward", List.of(new Trial("da (5, 10, 4), the caches of x (3, 10, 4) from a0 (5, 10)",
        List.of(seq(da), cachesJson), new String[] {"da", "caches"}, shown("da[:, :, 0]", da.get(0), "a0", a0),
        new Expect.Dict("gradients", m), NONE)));
  }
}
