package twinnet.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import twinnet.check.CheckResult.FunctionResult;
import twinnet.model.Matrix;
import twinnet.model.Tensor4;
import twinnet.scratch.Convolution;
import twinnet.scratch.Convolution.ConvParams;
import twinnet.scratch.Convolution.Mode;
import twinnet.scratch.Convolution.PoolForward;
import twinnet.scratch.Convolution.PoolParams;

/**
 * Course 4, week 1, "Convolutional Model: Step by Step": the eight functions against {@link Convolution} (the
 * notebook's loops in its names), arrays in the notebook's layout (m, n_H, n_W, n_C). Each slip is the reference on
 * other inputs where one exists (the stride left out of the window corners is a stride-1 convolution's top-left
 * corner; a tied maximum's gradient to the first is DL4J's rule), so that no slip is a second copy of the loops.
 */
final class C4W1ConvStepByStep extends Checks {
  static final List<String> FUNCTIONS = List.of("zero_pad", "conv_single_step", "conv_forward", "pool_forward",
      "conv_backward", "create_mask_from_window", "distribute_value", "pool_backward");
  static final Notebook NOTEBOOK = new Notebook("c4w1-conv-step-by-step",
      "course 4, week 1: Convolutional Model, Step by Step", FUNCTIONS, List.of(), Set.copyOf(FUNCTIONS), Map.of(),
      Map.of("conv_forward", List.of("zero_pad", "conv_single_step"), "conv_backward", List.of("zero_pad"),
          "pool_backward", List.of("create_mask_from_window", "distribute_value")),
      C4W1ConvStepByStep::new);

  C4W1ConvStepByStep(Session session, DeclaredModel model, long seed) {
    super(session, model, seed);
  }

  @Override
  FunctionResult check(String function) {
    return switch (function) {
      case "zero_pad" -> zeroPad();
      case "conv_single_step" -> convSingleStep();
      case "conv_forward" -> convForward();
      case "pool_forward" -> poolForward();
      case "conv_backward" -> convBackward();
      case "create_mask_from_window" -> createMaskFromWindow();
      case "distribute_value" -> distributeValue();
      case "pool_backward" -> poolBackward();
      default -> throw new IllegalArgumentException(function + " is not " + NOTEBOOK.id() + "'s");
    };
  }

  @Override
  List<String> raisedCause(String fn, Bridge.Reply r) {
    String text = r.errorText();
    if (fn.equals("conv_single_step") && text.contains("not aligned")) {
      return List.of(Cause.CONV_STEP_DOT.say());
    }
    if (fn.equals("conv_backward") && text.contains("broadcast")) {
      return List.of(text.contains("(0,0,") || text.contains("(0, 0,") ? Cause.CONV_BACKWARD_PAD_ZERO.say()
          : Cause.CONV_BACKWARD_SHORT_SLICE.say());
    }
    return List.of();
  }

  // ---- inputs ----

  static Tensor4 gaussian4(Random r, int d0, int d1, int d2, int d3) {
    double[] v = new double[d0 * d1 * d2 * d3];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextGaussian();
    }
    return Tensor4.adopt(d0, d1, d2, d3, v);
  }

  static JsonNode arr(Tensor4 t) {
    return Values.array(t);
  }

  static Expect.Array4 array(String name, Tensor4 t) {
    return new Expect.Array4(name, t);
  }

  private static ObjectNode hparameters(String k1, int v1, String k2, int v2) {
    ObjectNode o = Bridge.JSON.createObjectNode();
    o.put(k1, v1);
    o.put(k2, v2);
    return o;
  }

  /** A 4-D input as the report shows it: one row per (i, h, w), one column per channel. */
  static String rows(String name) {
    return name + " (rows i,h,w; columns c)";
  }

  private static String shape(int... s) {
    return "(" + join(s) + ")";
  }

  // ---- the slips as the reference on other inputs ----

  /** The top-left n_H × n_W corner of a tensor: what windows starting at (h, w) give, of a stride-1 output. */
  static Tensor4 corner(Tensor4 t, int nH, int nW) {
    Tensor4 out = Tensor4.zeros(t.dim(0), nH, nW, t.dim(3));
    for (int i = 0; i < t.dim(0); i++) {
      for (int h = 0; h < nH; h++) {
        for (int w = 0; w < nW; w++) {
          for (int c = 0; c < t.dim(3); c++) {
            out.add(i, h, w, c, t.get(i, h, w, c));
          }
        }
      }
    }
    return out;
  }

  /** {@code d} in the top-left corner of zeros of n_H × n_W: a gradient of the windows starting at (h, w). */
  static Tensor4 inCorner(Tensor4 d, int nH, int nW) {
    Tensor4 out = Tensor4.zeros(d.dim(0), nH, nW, d.dim(3));
    for (int i = 0; i < d.dim(0); i++) {
      for (int h = 0; h < d.dim(1); h++) {
        for (int w = 0; w < d.dim(2); w++) {
          for (int c = 0; c < d.dim(3); c++) {
            out.add(i, h, w, c, d.get(i, h, w, c));
          }
        }
      }
    }
    return out;
  }

  // ---- zero_pad(X, pad) → X_pad ----

  // X_pad = np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0))): zeros around the height and width only
  private FunctionResult zeroPad() {
    Random r = random(41);
    int[][] shapes = {{2, 3, 3, 2}, {1, 2, 4, 1}, {3, 2, 2, 3}};
    int[] pads = {2, 1, 0};
    List<Trial> trials = new ArrayList<>();
    for (int k = 0; k < shapes.length; k++) {
      int[] s = shapes[k];
      int p = pads[k];
      Tensor4 X = gaussian4(r, s[0], s[1], s[2], s[3]);
      Hypotheses cause = (answer, first) -> {
        int[] got = Values.shape(answer);
        if (got == null || got.length != 4) {
          return List.of();
        }
        String text = Values.shapeText(answer);
        if (got[0] == s[0] + 2 * p && got[3] == s[3] + 2 * p) {
          return List.of(Cause.ZERO_PAD_EVERY_AXIS.say(text));
        }
        if (got[0] == s[0] && got[3] == s[3] && got[1] == s[1] + p && got[2] == s[2] + p) {
          return List.of(Cause.ZERO_PAD_ONE_SIDE.say(text));
        }
        return List.of(Cause.ZERO_PAD_WRONG_AXES.say(text));
      };
      trials.add(new Trial("X " + shape(s) + ", pad = " + p, List.of(arr(X), num(p)), new String[] {"X", "pad"},
          shown(rows("X"), X.asRows()), array("X_pad", Convolution.zeroPad(X, p)), cause));
    }
    return run("zero_pad", trials);
  }

  // ---- conv_single_step(a_slice_prev, W, b) → Z ----

  // Z = Σ a_slice_prev ⊙ W + b, a number; the reference is the scratch step on a one-window input
  private FunctionResult convSingleStep() {
    Random r = random(42);
    int[][] shapes = {{4, 4, 3}, {3, 3, 3}, {2, 2, 1}}; // (f, f, n_C_prev); 3 = 3 lets np.dot run
    List<Trial> trials = new ArrayList<>();
    for (int[] s : shapes) {
      Tensor4 a = gaussian4(r, 1, s[0], s[1], s[2]);
      Tensor4 W = gaussian4(r, s[0], s[1], s[2], 1);
      double b = r.nextGaussian();
      double z = Convolution.convSingleStep(a, 0, 0, 0, W, 0, b);
      double sum = Convolution.convSingleStep(a, 0, 0, 0, W, 0, 0);
      int n = s[0] * s[1] * s[2];
      Hypotheses cause = (answer, first) -> {
        int[] got = Values.shape(answer);
        double v = Values.scalar(answer);
        if (got != null && got.length == 4) {
          return List.of(Cause.CONV_STEP_DOT.say());
        }
        if (got != null && got.length > 0 && close(v, z)) {
          return List.of(Cause.CONV_STEP_B_AS_ARRAY.say(Values.shapeText(answer)));
        }
        if (close(v, sum)) {
          return List.of(Cause.CONV_STEP_WITHOUT_B.say());
        }
        if (close(v, sum / n + b)) {
          return List.of(Cause.CONV_STEP_MEAN.say());
        }
        return List.of();
      };
      JsonNode bj = Values.array(new int[] {1, 1, 1}, new double[] {b});
      Tensor4 a3 = Tensor4.of(s[0], s[1], s[2], 1, a.toArray());
      trials.add(new Trial("a_slice_prev and W " + shape(s) + ", b (1, 1, 1)", List.of(Values.array(s, a.toArray()), Values.array(s, W.toArray()), bj),
          new String[] {"a_slice_prev", "W", "b"}, shown(rows("a_slice_prev"), a3.asRows(), rows("W"), W.asRows()),
          new Expect.Scalar("Z", z, true), cause));
    }
    return run("conv_single_step", trials);
  }

  private static boolean close(double a, double b) {
    return Math.abs(a - b) <= 1e-12 * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
  }

  // ---- conv_forward(A_prev, W, b, hparameters) → (Z, cache) ----

  /** A conv layer to check: A_prev (m, n_H_prev, n_W_prev, n_C_prev), f, n_C, stride, pad. */
  private record Layer(int m, int nH, int nW, int nCprev, int f, int nC, int stride, int pad) {
    String label() {
      return "A_prev " + shape(m, nH, nW, nCprev) + ", W " + shape(f, f, nCprev, nC) + ", stride = " + stride
          + ", pad = " + pad;
    }
  }

  /**
   * A generic layer (its last window's unpadded slice is 2 rows short: a slip that takes it raises), a stride that
   * does not divide evenly on a non-square input, and pad = 0 (a "valid" convolution).
   */
  private static final Layer[] LAYERS = {new Layer(2, 6, 6, 3, 3, 4, 2, 1), new Layer(2, 6, 5, 1, 3, 2, 3, 2),
      new Layer(1, 4, 4, 2, 2, 3, 1, 0)};

  private FunctionResult convForward() {
    Random r = random(43);
    List<Trial> trials = new ArrayList<>();
    for (Layer l : LAYERS) {
      Tensor4 A = gaussian4(r, l.m(), l.nH(), l.nW(), l.nCprev());
      Tensor4 W = gaussian4(r, l.f(), l.f(), l.nCprev(), l.nC());
      Tensor4 b = gaussian4(r, 1, 1, 1, l.nC());
      ConvParams hp = new ConvParams(l.stride(), l.pad());
      Tensor4 Z = Convolution.convForward(A, W, b, hp).Z();
      int nH = Z.dim(1);
      int nW = Z.dim(2);
      Hypotheses cause = (answer, first) -> {
        JsonNode z = answer.isArray() && answer.size() == 2 ? answer.get(0) : answer;
        int[] got = Values.shape(z);
        if (got != null && got.length == 4 && got[0] == l.m() && got[3] == l.nC() && (got[1] != nH
            || got[2] != nW)) {
          return List.of(Cause.CONV_OUTPUT_SIZE.say(Values.shapeText(z), sizeSlip(l, got[1], l.nH())));
        }
        if (matches(z, array("Z", corner(Convolution.convForward(A, W, b, new ConvParams(1, l.pad())).Z(), nH,
            nW))) && l.stride() > 1) {
          return List.of(Cause.CONV_STRIDE_NOT_IN_CORNERS.say());
        }
        if (matches(z, array("Z", Convolution.convForward(A, W, b.scale(0), hp).Z()))) {
          return List.of(Cause.CONV_WITHOUT_B.say());
        }
        if (matches(z, array("Z", Convolution.convForward(A, W, b.map(v -> b.get(0, 0, 0, 0)), hp).Z()))) {
          return List.of(Cause.CONV_FIRST_BIAS.say());
        }
        if (matches(z, array("Z", Z.map(v -> Math.max(0, v))))) {
          return List.of(Cause.CONV_Z_ACTIVATED.say());
        }
        if (answer.isArray() && answer.size() == 2 && answer.get(1).isArray() && answer.get(1).size() == 4
            && l.pad() > 0 && matches(answer.get(1).get(0), array("A_prev", Convolution.zeroPad(A, l.pad())))) {
          return List.of(Cause.CONV_CACHE_PADDED.say());
        }
        return List.of();
      };
      Expect cache = new Expect.Tuple("cache", array("cache[0] (A_prev)", A), array("cache[1] (W)", W),
          array("cache[2] (b)", b), new Expect.Any("cache[3] (hparameters)"));
      trials.add(new Trial(l.label(), List.of(arr(A), arr(W), arr(b), hparameters("stride", l.stride(), "pad",
          l.pad())), new String[] {"A_prev", "W", "b", "hparameters"}, shown(rows("A_prev"), A.asRows(), rows("W"),
          W.asRows()), new Expect.Tuple("conv_forward's result", array("Z", Z), cache), cause));
    }
    return run("conv_forward", trials);
  }

  /** Which formula gives n_H = {@code got}: the course's (n − f + 2p)/s + 1 with a term changed. */
  private static String sizeSlip(Layer l, int got, int n) {
    int f = l.f();
    int p = l.pad();
    int s = l.stride();
    if (got == (n - f + 2 * p) / s) {
      return "(n_H_prev − f + 2·pad)/stride, without the + 1";
    }
    if (got == (n - f + p) / s + 1) {
      return "(n_H_prev − f + pad)/stride + 1, the pad counted once";
    }
    if (got == (n - f) / s + 1) {
      return "(n_H_prev − f)/stride + 1, the padding left out";
    }
    if (got == n - f + 2 * p + 1) {
      return "n_H_prev − f + 2·pad + 1, the stride left out";
    }
    return "another formula (n_H = " + got + " where the course's gives " + Convolution.outputSize(n, f, p, s) + ")";
  }

  // ---- pool_forward(A_prev, hparameters, mode) → (A, cache) ----

  /** A pooling to check: A_prev (m, n_H_prev, n_W_prev, n_C), f, stride, mode. */
  private record Pool(int m, int nH, int nW, int nC, int f, int stride, Mode mode) {
    String label() {
      return "A_prev " + shape(m, nH, nW, nC) + ", f = " + f + ", stride = " + stride + ", mode = \"" + mode.id
          + "\"";
    }
  }

  /** Windows that tile, windows that overlap (stride < f), both modes. */
  private static final Pool[] POOLS = {new Pool(2, 5, 5, 3, 3, 2, Mode.MAX), new Pool(1, 4, 6, 2, 2, 2,
      Mode.AVERAGE), new Pool(2, 3, 4, 2, 2, 1, Mode.MAX), new Pool(1, 5, 4, 2, 3, 1, Mode.AVERAGE)};

  private static Mode other(Mode m) {
    return m == Mode.MAX ? Mode.AVERAGE : Mode.MAX;
  }

  private FunctionResult poolForward() {
    Random r = random(44);
    List<Trial> trials = new ArrayList<>();
    for (Pool p : POOLS) {
      Tensor4 A = gaussian4(r, p.m(), p.nH(), p.nW(), p.nC());
      PoolParams hp = new PoolParams(p.f(), p.stride());
      Tensor4 out = Convolution.poolForward(A, hp, p.mode()).A();
      Hypotheses cause = (answer, first) -> {
        JsonNode a = answer.isArray() && answer.size() == 2 ? answer.get(0) : answer;
        int[] got = Values.shape(a);
        if (got != null && got.length == 4 && got[0] == p.m() && got[3] == p.nC() && got[1] != out.dim(1)) {
          int n = p.nH();
          String like = got[1] == (n - p.f()) / p.stride() ? "(n_H_prev − f)/stride, without the 1 +"
              : got[1] == n - p.f() + 1 ? "n_H_prev − f + 1, the stride left out" : "another formula";
          return List.of(Cause.POOL_OUTPUT_SIZE.say(Values.shapeText(a), like));
        }
        if (p.stride() > 1 && matches(a, array("A", corner(Convolution.poolForward(A, new PoolParams(p.f(), 1),
            p.mode()).A(), out.dim(1), out.dim(2))))) {
          return List.of(Cause.POOL_STRIDE_NOT_IN_CORNERS.say());
        }
        if (matches(a, array("A", Convolution.poolForward(A, hp, other(p.mode())).A()))) {
          return List.of(Cause.POOL_MODE_IGNORED.say(p.mode().id, other(p.mode()) == Mode.MAX ? "maximum"
              : "mean"));
        }
        return List.of();
      };
      Expect cache = new Expect.Tuple("cache", array("cache[0] (A_prev)", A), new Expect.Any("cache[1] "
          + "(hparameters)"));
      trials.add(new Trial(p.label(), List.of(arr(A), hparameters("f", p.f(), "stride", p.stride()), text(p.mode()
          .id)), new String[] {"A_prev", "hparameters", "mode"}, shown(rows("A_prev"), A.asRows()),
          new Expect.Tuple("pool_forward's result", array("A", out), cache), cause));
    }
    return run("pool_forward", trials);
  }

  // ---- conv_backward(dZ, cache) → (dA_prev, dW, db) ----

  // dA_prev_pad[window] += W[..., c]·dZ[i, h, w, c]; dW[..., c] += a_slice·dZ[i, h, w, c]; db[..., c] += dZ[i, h, w, c]
  private FunctionResult convBackward() {
    Random r = random(45);
    List<Trial> trials = new ArrayList<>();
    for (Layer l : LAYERS) {
      Tensor4 A = gaussian4(r, l.m(), l.nH(), l.nW(), l.nCprev());
      Tensor4 W = gaussian4(r, l.f(), l.f(), l.nCprev(), l.nC());
      Tensor4 b = gaussian4(r, 1, 1, 1, l.nC());
      ConvParams hp = new ConvParams(l.stride(), l.pad());
      Convolution.ConvForward f = Convolution.convForward(A, W, b, hp);
      Tensor4 dZ = gaussian4(r, f.Z().dim(0), f.Z().dim(1), f.Z().dim(2), f.Z().dim(3));
      Convolution.ConvGrads g = Convolution.convBackward(dZ, f);
      Hypotheses cause = (answer, first) -> {
        if (!answer.isArray() || answer.size() != 3) {
          return List.of();
        }
        int[] got = Values.shape(answer.get(0));
        if (l.pad() > 0 && got != null && got.length == 4 && got[1] == l.nH() + 2 * l.pad()) {
          return List.of(Cause.CONV_BACKWARD_NOT_UNPADDED.say(Values.shapeText(answer.get(0))));
        }
        if (l.stride() > 1) {
          Convolution.ConvForward one = Convolution.convForward(A, W, b, new ConvParams(1, l.pad()));
          Convolution.ConvGrads s = Convolution.convBackward(inCorner(dZ, one.Z().dim(1), one.Z().dim(2)), one);
          if (matches(answer, grads(s))) {
            return List.of(Cause.CONV_BACKWARD_STRIDE.say());
          }
        }
        int m = l.m();
        if (m > 1 && matches(answer.get(1), array("dW", g.dW().scale(1.0 / m)))) {
          return List.of(Cause.CONV_BACKWARD_OVER_M.say("dW"));
        }
        if (m > 1 && matches(answer.get(2), array("db", g.db().scale(1.0 / m)))) {
          return List.of(Cause.CONV_BACKWARD_OVER_M.say("db"));
        }
        return List.of();
      };
      ObjectNode hpj = hparameters("stride", l.stride(), "pad", l.pad());
      trials.add(new Trial(l.label() + ", dZ " + f.Z().shapeText(), List.of(arr(dZ), Values.tuple(arr(A), arr(W),
          arr(b), hpj)), new String[] {"dZ", "cache"}, shown(rows("dZ"), dZ.asRows(), rows("A_prev"), A.asRows()),
          grads(g), cause));
    }
    return run("conv_backward", trials);
  }

  private static Expect grads(Convolution.ConvGrads g) {
    return new Expect.Tuple("conv_backward's result", array("dA_prev", g.dAprev()), array("dW", g.dW()),
        array("db", g.db()));
  }

  // ---- create_mask_from_window(x) → mask ----

  // mask = (x == np.max(x)): True at every maximum of the window, tied ones too
  private FunctionResult createMaskFromWindow() {
    Random r = random(46);
    double[][] tied = gaussian(r, 3, 3, 1).toArray();
    tied[2][1] = tied[0][2] = 5; // two maxima
    double[][][] windows = {gaussian(r, 2, 3, 1).toArray(), tied, gaussian(r, 4, 4, 1).toArray()};
    List<Trial> trials = new ArrayList<>();
    for (double[][] x : windows) {
      Matrix X = Matrix.of(x);
      Matrix mask = bits(Convolution.createMaskFromWindow(x));
      double max = java.util.Arrays.stream(X.toRowMajor()).max().orElse(0);
      double min = java.util.Arrays.stream(X.toRowMajor()).min().orElse(0);
      Hypotheses cause = (answer, first) -> {
        if (matches(answer, Expect.tensor("mask", Matrix.zeros(X.rows(), X.cols())))) {
          return List.of(Cause.MASK_STRICT.say());
        }
        if (matches(answer, Expect.tensor("mask", firstOnly(mask)))) {
          return List.of(Cause.MASK_FIRST_ONLY.say());
        }
        if (matches(answer, Expect.tensor("mask", X.map(v -> v == min ? 1.0 : 0.0)))) {
          return List.of(Cause.MASK_OF_MIN.say());
        }
        if (matches(answer, Expect.tensor("mask", mask.times(X))) && max != 1) {
          return List.of(Cause.MASK_TIMES_X.say());
        }
        return List.of();
      };
      trials.add(new Trial("x " + X.rows() + "×" + X.cols() + (x == tied ? " with two equal maxima" : ""),
          List.of(arr(X)), new String[] {"x"}, shown("x", X), Expect.tensor("mask", mask), cause));
    }
    return run("create_mask_from_window", trials);
  }

  static Matrix bits(boolean[][] b) {
    double[][] a = new double[b.length][];
    for (int i = 0; i < b.length; i++) {
      a[i] = new double[b[i].length];
      for (int j = 0; j < b[i].length; j++) {
        a[i][j] = b[i][j] ? 1 : 0;
      }
    }
    return Matrix.of(a);
  }

  /** The mask with only its first 1 (row-major) kept: np.argmax's one maximum. */
  private static Matrix firstOnly(Matrix mask) {
    double[][] a = new double[mask.rows()][mask.cols()];
    for (int k = 0; k < mask.rows() * mask.cols(); k++) {
      if (mask.get(k / mask.cols(), k % mask.cols()) == 1) {
        a[k / mask.cols()][k % mask.cols()] = 1;
        break;
      }
    }
    return Matrix.of(a);
  }

  // ---- distribute_value(dz, shape) → a ----

  // a = np.ones(shape) · dz / (n_H · n_W)
  private FunctionResult distributeValue() {
    double[] dzs = {2.0, -1.5, 0.7};
    int[][] shapes = {{2, 2}, {3, 4}, {1, 5}};
    List<Trial> trials = new ArrayList<>();
    for (int k = 0; k < dzs.length; k++) {
      double dz = dzs[k];
      int h = shapes[k][0];
      int w = shapes[k][1];
      Matrix a = Matrix.of(Convolution.distributeValue(dz, h, w));
      Hypotheses cause = (answer, first) -> {
        String[] said = {"not divided", "divided by n_H alone", "divided by n_W alone", "divided by n_H + n_W",
            "times n_H · n_W"};
        double[] times = {h * w, w, h, h * w / (double) (h + w), h * w * h * w};
        for (int i = 0; i < said.length; i++) {
          if (times[i] != 1 && matches(answer, Expect.tensor("a", a.scale(times[i])))) {
            return List.of(Cause.DISTRIBUTE_DIVISOR.say(said[i]));
          }
        }
        return List.of();
      };
      trials.add(new Trial("dz = " + dz + ", shape = (" + h + ", " + w + ")", List.of(num(dz), ints(h, w)),
          new String[] {"dz", "shape"}, shown("dz", Matrix.row(dz)), Expect.tensor("a", a), cause));
    }
    return run("distribute_value", trials);
  }

  // ---- pool_backward(dA, cache, mode) → dA_prev ----

  // max: dA_prev[window] += mask ⊙ dA[i, h, w, c]; average: dA_prev[window] += distribute_value(dA[i, h, w, c], (f, f))
  private FunctionResult poolBackward() {
    Random r = random(47);
    List<Trial> trials = new ArrayList<>();
    for (Pool p : POOLS) {
      Tensor4 A = gaussian4(r, p.m(), p.nH(), p.nW(), p.nC());
      if (p.mode() == Mode.MAX && p.stride() == 1) { // a tie inside one window: the course's mask marks both
        A = A.map(v -> Math.round(v * 2) / 2.0);
      }
      PoolParams hp = new PoolParams(p.f(), p.stride());
      PoolForward f = Convolution.poolForward(A, hp, p.mode());
      Tensor4 dA = gaussian4(r, f.A().dim(0), f.A().dim(1), f.A().dim(2), f.A().dim(3));
      Tensor4 want = Convolution.poolBackward(dA, f);
      Tensor4 Aprev = A; // the lambda's copy (A is reassigned above)
      Hypotheses cause = (answer, first) -> {
        if (p.stride() > 1) {
          PoolForward one = Convolution.poolForward(Aprev, new PoolParams(p.f(), 1), p.mode());
          if (matches(answer, array("dA_prev", Convolution.poolBackward(inCorner(dA, one.A().dim(1), one.A().dim(2)),
              one)))) {
            return List.of(Cause.POOL_BACKWARD_STRIDE.say());
          }
        }
        if (matches(answer, array("dA_prev", Convolution.poolBackward(dA, new PoolForward(f.A(), Aprev, hp,
            other(p.mode())))))) {
          return List.of(Cause.POOL_BACKWARD_MODE.say(p.mode().id, other(p.mode()).id));
        }
        if (p.mode() == Mode.MAX && matches(answer, array("dA_prev", twinnet.cases.Quirks.firstMaximum(dA, f)))) {
          return List.of(Cause.POOL_BACKWARD_FIRST_MAX.say());
        }
        if (p.mode() == Mode.AVERAGE) {
          double ff = p.f() * p.f();
          for (double k : new double[] {ff, ff / (2 * p.f()), ff * ff, p.f()}) {
            if (matches(answer, array("dA_prev", want.scale(k)))) {
              return List.of(Cause.POOL_BACKWARD_AVERAGE_SCALE.say(k == Math.rint(k) ? String.valueOf((int) k)
                  : String.valueOf(k)));
            }
          }
        }
        return List.of();
      };
      trials.add(new Trial(p.label() + ", dA " + dA.shapeText(), List.of(arr(dA), Values.tuple(arr(A), hparameters(
          "f", p.f(), "stride", p.stride())), text(p.mode().id)), new String[] {"dA", "cache", "mode"},
          shown(rows("dA"), dA.asRows(), rows("A_prev"), Aprev.asRows()), array("dA_prev", want), cause));
    }
    return run("pool_backward", trials);
  }
}
