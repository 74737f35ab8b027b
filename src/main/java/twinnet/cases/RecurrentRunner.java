package twinnet.cases;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntConsumer;
import twinnet.dl4j.Dl4jCharModel;
import twinnet.model.Matrix;
import twinnet.scratch.CharModel;

/**
 * Trains a recurrent case's two sides step by step on the same batches from the same weights, and compares
 * everything each step saw: the loss, a⟨t⟩ and ŷ⟨t⟩ at every time step, dx⟨t⟩, every gradient before and after
 * clipping, every parameter after the step.
 *
 * <p>Agreement: every tensor's relative difference max|Δ| / max|scratch| at most the case's tolerance (1e-9: the dense
 * comparisons' bound for the cost and the parameters along training). Measured on the shipped cases: one step agrees to
 * ~1e-15, 100 to 150 steps to 8e-13 at most. A value that is not finite (NaN, ±∞) on either side never agrees. No rounding floor (the dense comparisons' exactly-zero tensors, compare/Tolerances,
 * do not arise here: every gradient of a softmax output and a tanh or LSTM cell is dense).
 */
public final class RecurrentRunner {
  private RecurrentRunner() {}

  /** The scratch side of a step: (x, y, parameters) → optimize's result. */
  public interface ScratchStep {
    CharModel.Optimized optimize(List<Matrix> x, int[][] y, Map<String, Matrix> parameters);
  }

  /** The case's own sides: CharModel.optimize with the course's backward, and the DL4J twin. */
  public static RecurrentResult run(RecurrentCase c, IntConsumer progress) {
    CharModel.Cell cell = cell(c);
    return run(c, (x, y, p) -> CharModel.optimize(cell, x, y, p, c.learningRate(), c.clip(),
        CharModel.COURSE_BACKWARD), p -> new Dl4jCharModel(cell == CharModel.Cell.LSTM, p, c.learningRate(),
        c.clip()), progress);
  }

  static CharModel.Cell cell(RecurrentCase c) {
    return c.cell().equals("lstm") ? CharModel.Cell.LSTM : CharModel.Cell.RNN;
  }

  /** The initial parameters of a case. */
  public static Map<String, Matrix> initial(RecurrentCase c) {
    return initial(c, new CharText.Batches(c));
  }

  private static Map<String, Matrix> initial(RecurrentCase c, CharText.Batches b) {
    return CharModel.initializeParameters(cell(c), b.nX(), c.nA(), b.nY(), c.initScale(), c.initSeed());
  }

  /** Runs with the given sides (a test's broken variants). */
  public static RecurrentResult run(RecurrentCase c, ScratchStep scratch,
      Function<Map<String, Matrix>, Dl4jCharModel> twin, IntConsumer progress) {
    CharText.Batches batches = new CharText.Batches(c);
    Map<String, Matrix> initial = initial(c, batches);
    Map<String, Matrix> p = initial;
    Dl4jCharModel dl4j = twin.apply(initial);
    List<RecurrentResult.Step> steps = new ArrayList<>();
    RecurrentResult.Divergence first = null;
    for (int s = 0; s < c.steps(); s++) {
      final int at = s;
      twinnet.io.Stop.check(() -> "training " + c.name() + " (step " + at + " of " + c.steps() + ")");
      CharText.Batch b = batches.next();
      CharModel.Optimized o = scratch.optimize(b.x(), b.y(), p);
      Dl4jCharModel.Step d = dl4j.step(b.x(), b.y());
      p = o.parameters();
      RecurrentResult.Step step = compare(s, b, c, o, d, dl4j.parameters());
      steps.add(step);
      if (first == null) {
        first = diagnose(step, c);
        if (first != null && s > 0) {
          first = compounded(first, steps, c.tolerance());
        }
      }
      progress.accept(s + 1);
      if (!Double.isFinite(o.pass().loss()) && !Double.isFinite(d.loss())) {
        break; // both diverged: nothing more to compare
      }
    }
    List<String> sampledScratch = null;
    List<String> sampledDl4j = null;
    if (batches.vocabulary() != null) {
      CharModel.Cell cell = cell(c);
      Map<String, Matrix> trained = p;
      sampledScratch = samples(batches.vocabulary(), c, (end, draws) -> CharModel.sample(cell, trained, end, draws,
          SAMPLE_LENGTH));
      sampledDl4j = samples(batches.vocabulary(), c, (end, draws) -> dl4j.sample(end, draws, SAMPLE_LENGTH));
    }
    return new RecurrentResult(c, batches.vocabulary(), initial, steps, first, p, dl4j.parameters(), sampledScratch,
        sampledDl4j);
  }

  /** Sequences sampled from each trained side, and the longest one (the course's 50). */
  static final int SAMPLES = 5;
  static final int SAMPLE_LENGTH = 50;

  interface Sampler {
    List<Integer> sample(int end, java.util.function.DoubleSupplier draws);
  }

  /**
   * {@link #SAMPLES} sequences drawn from one side, as text (the newline that ends a name left off): the same uniform
   * draws for both sides (java.util.Random from the case's seeds), so equal models give equal names.
   */
  static List<String> samples(String vocabulary, RecurrentCase c, Sampler side) {
    java.util.Random draws = new java.util.Random(c.batchSeed() * 31 + c.initSeed());
    List<String> out = new ArrayList<>();
    for (int k = 0; k < SAMPLES; k++) {
      StringBuilder b = new StringBuilder();
      for (int idx : side.sample(vocabulary.indexOf('\n'), draws::nextDouble)) {
        b.append(vocabulary.charAt(idx));
      }
      out.add(b.toString().replace("\n", ""));
    }
    return out;
  }

  private static RecurrentResult.Step compare(int s, CharText.Batch b, RecurrentCase c, CharModel.Optimized o,
      Dl4jCharModel.Step d, Map<String, Matrix> dl4jAfter) {
    CharModel.Pass sp = o.pass();
    double loss = !Double.isFinite(sp.loss()) || !Double.isFinite(d.loss()) ? Double.POSITIVE_INFINITY
        : Math.abs(sp.loss() - d.loss()) / Math.max(Math.abs(sp.loss()), Double.MIN_NORMAL);
    int clipped = 0;
    int entries = 0;
    for (Matrix g : sp.gradients().values()) {
      for (double v : g.backingArray()) {
        clipped += c.clip() != null && Math.abs(v) > c.clip() ? 1 : 0; // what the course's clip bounds
      }
      entries += g.rows() * g.cols();
    }
    double[] raw = new double[4]; // the maxima by part: forward, loss, backward, parameters
    double[] a = perTime(sp.a(), d.a(), raw, 0);
    double[] yHat = perTime(sp.y_hat(), d.y_hat(), raw, 0);
    raw[1] = loss;
    double[] dx = perTime(sp.dx(), d.dx(), raw, 2);
    Map<String, Double> gradients = perKey(sp.gradients(), d.gradients(), raw, 2);
    Map<String, Double> applied = perKey(o.clipped(), d.applied(), raw, 2);
    Map<String, Double> parameters = perKey(o.parameters(), dl4jAfter, raw, 3);
    return new RecurrentResult.Step(s, b.starts(), b.starts() == null ? b.x() : null, b.y(), sp.loss(), d.loss(),
        loss, a, yHat, dx, gradients, applied, parameters, clipped, entries, raw);
  }

  /** Each time step's relative difference. */
  private static double[] perTime(List<Matrix> s, List<Matrix> d, double[] raw, int kind) {
    double[] r = new double[s.size()];
    for (int t = 0; t < r.length; t++) {
      r[t] = relative(s.get(t), d.get(t), raw, kind);
    }
    return r;
  }

  private static Map<String, Double> perKey(Map<String, Matrix> s, Map<String, Matrix> d, double[] raw, int kind) {
    Map<String, Double> r = new LinkedHashMap<>();
    for (String k : s.keySet()) {
      r.put(k, relative(s.get(k), d.get(k), raw, kind));
    }
    return r;
  }

  /** max|a − b| / max|a| (0 when both are exactly 0); raw[kind] keeps the largest (for the plots). */
  static double relative(Matrix a, Matrix b, double[] raw, int kind) {
    if (a.rows() != b.rows() || a.cols() != b.cols()) {
      return Double.POSITIVE_INFINITY;
    }
    double[] x = a.backingArray();
    double[] y = b.backingArray();
    double diff = 0;
    double scale = 0;
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
        raw[kind] = Double.POSITIVE_INFINITY; // NaN or ±∞ on either side: never agreement
        return Double.POSITIVE_INFINITY;
      }
      diff = Math.max(diff, Math.abs(x[i] - y[i]));
      scale = Math.max(scale, Math.abs(x[i]));
    }
    double r = diff == 0 ? 0 : diff / Math.max(scale, Double.MIN_NORMAL);
    raw[kind] = Math.max(raw[kind], r);
    return r;
  }

  /**
   * The step's first disagreement and its likely cause, in the order the step computes: forward (the earliest time
   * step), the loss, the backward (dx from the last time step back, then the gradients), the clipping, the update.
   */
  static RecurrentResult.Divergence diagnose(RecurrentResult.Step s, RecurrentCase c) {
    double tol = c.tolerance();
    int T = s.length();
    if (!Double.isFinite(s.lossScratch()) || !Double.isFinite(s.lossDl4j())) {
      return new RecurrentResult.Divergence(s.step(), -1, List.of("loss"), "diverged", "training diverged: the loss is "
          + s.lossScratch() + " on the scratch side and " + s.lossDl4j() + " on DL4J's (a smaller learning rate, or "
          + "clipping, keeps it finite)");
    }
    for (int t = 0; t < T; t++) {
      if (s.a()[t] > tol || s.yHat()[t] > tol) {
        List<String> which = new ArrayList<>();
        if (s.a()[t] > tol) {
          which.add("a⟨t⟩");
        }
        if (s.yHat()[t] > tol) {
          which.add("ŷ⟨t⟩");
        }
        String cause = s.a()[t] <= tol ? "the output layer: softmax(Wya·a + by) (DL4J's W = Wyaᵀ, b = byᵀ)"
            : s.step() > 0 ? "the parameters the last step left (see the step before) or the forward pass"
            : t == 0 ? "the first time step already: the input weights' mapping (SimpleRnn W = Waxᵀ; the LSTM's gate "
                + "blocks [c̃, f, o, i]) or the cell's activations (tanh, sigmoid gates)"
            : "the recurrence: a⟨t−1⟩'s weights (Waa, RW = Waaᵀ; the a_prev half of each gate) or c⟨t−1⟩";
        return new RecurrentResult.Divergence(s.step(), t, which, "forward", cause);
      }
    }
    if (s.loss() > tol) {
      double ratio = s.lossScratch() / s.lossDl4j();
      String cause = Math.abs(ratio - c.m()) < 1e-6 * c.m() || Math.abs(1 / ratio - c.m()) < 1e-6 * c.m()
          ? "the loss summed over the m = " + c.m() + " sequences on one side, averaged on the other (DL4J's "
              + "score: Σ over time and batch ÷ m)"
          : "the loss: the cross-entropy −Σ_t log ŷ⟨t⟩[y⟨t⟩], summed over the time steps";
      return new RecurrentResult.Divergence(s.step(), -1, List.of("loss"), "loss", cause);
    }
    List<String> grads = over(s.gradients(), tol);
    int dxAt = -1;
    for (int t = T - 1; t >= 0; t--) {
      if (s.dx()[t] > tol) {
        dxAt = t;
        break;
      }
    }
    if (!grads.isEmpty() || dxAt >= 0) {
      List<String> which = new ArrayList<>(grads);
      if (dxAt >= 0) {
        which.add(0, "dx⟨t⟩");
      }
      boolean output = grads.stream().anyMatch(k -> k.equals("dby") || k.startsWith("dWy"));
      String cause = output ? "the output's gradient: dz = (ŷ − y) ÷ m at every time step, dWya = Σ_t dz·a⟨t⟩ᵀ"
          : dxAt == T - 1 ? "the cell's backward at every time step (tanh′ = 1 − a², the gates' derivatives, the "
              + "concat slices)"
          : dxAt >= 0 ? "what flows back between time steps: the last time step agrees, time step " + dxAt + " does "
              + "not (da_prevt added to da⟨t⟩, dc_prev = dc·ft)"
          : "the gradients' sums over the time steps and the batch (db with keepdims, dW = dz·concatᵀ)";
      return new RecurrentResult.Divergence(s.step(), dxAt, which, "backward", cause);
    }
    List<String> applied = over(s.applied(), tol);
    if (!applied.isEmpty()) {
      String cause = s.clipped() > 0 || c.clip() != null
          ? "the clipping: " + s.clipped() + " of " + s.entries() + " gradient entries lie past ±" + c.clip()
              + " (the course's clip on dJ; DL4J's ClipElementWiseAbsoluteValue after its division by m)"
          : "the update: W − learning_rate · dW";
      return new RecurrentResult.Divergence(s.step(), -1, applied, "clip", cause);
    }
    List<String> params = over(s.parameters(), tol);
    if (!params.isEmpty()) {
      return new RecurrentResult.Divergence(s.step(), -1, params, "update", "the update: W − learning_rate · dW");
    }
    return null;
  }

  /**
   * A disagreement after steps that all agreed, grown step by step out of step 0's rounding: round-off compounded by
   * the training. Named so, with how it grew; a jump (a slip that starts acting at a later step) keeps its own cause.
   */
  static RecurrentResult.Divergence compounded(RecurrentResult.Divergence d, List<RecurrentResult.Step> steps,
      double tolerance) {
    double start = steps.get(0).largest();
    RecurrentResult.Step before = steps.get(steps.size() - 2);
    RecurrentResult.Step now = steps.get(steps.size() - 1);
    double was = before.largest();
    double is = now.largest();
    // growth, not a jump: step 0 at rounding, the step before already within 1000× of the tolerance, and this step
    // at most 1000× the one before (a slip that starts acting later jumps from rounding to far past the tolerance)
    if (start > 1e-12 || was < tolerance * 1e-3 || is > was * 1e3) {
      return d;
    }
    return new RecurrentResult.Divergence(d.step(), d.timeStep(), d.tensors(), d.where(), String.format(
        "round-off compounding: every step before agreed, step 0 to %.0e, step %d to %.0e; the training amplifies "
            + "rounding (loss per time step %.3g at step 0, %.3g now): a slip shows as a jump, not as this growth "
            + "(a smaller learning rate or more clipping keeps it stable)", start, before.step(),
        was, steps.get(0).lossScratch() / steps.get(0).length(),
        now.lossScratch() / now.length()));
  }

  private static List<String> over(Map<String, Double> m, double tol) {
    List<String> r = new ArrayList<>();
    m.forEach((k, v) -> {
      if (v > tol) {
        r.add(k);
      }
    });
    return r;
  }
}
