package twinnet.check;

import com.fasterxml.jackson.databind.JsonNode;
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
import twinnet.dl4j.Dl4jNetwork;
import twinnet.model.Activation;
import twinnet.model.Loss;
import twinnet.model.Matrix;
import twinnet.model.NetworkSpec;
import twinnet.model.Optimizer;
import twinnet.model.Parameters;
import twinnet.scratch.Activations;
import twinnet.scratch.Costs;
import twinnet.scratch.Initialization;
import twinnet.scratch.Regularization;
import twinnet.scratch.ScratchNetwork;

/**
 * Course 2, week 1, "Regularization": the L2 pair (the cost's λ/(2m)·Σ‖W‖² and the gradients' (λ/m)·W) against
 * {@link Regularization} and the DL4J twin's L2, and the inverted-dropout pair against the scratch network with the
 * learner's own masks, on the notebook's network LINEAR → RELU → LINEAR → RELU → LINEAR → SIGMOID.
 */
final class C2W1Regularization extends Checks {
  static final Notebook NOTEBOOK = new Notebook("c2w1-regularization", "course 2, week 1: Regularization",
      List.of("compute_cost_with_regularization", "backward_propagation_with_regularization",
          "forward_propagation_with_dropout", "backward_propagation_with_dropout"),
      List.of(),
      Set.of("compute_cost_with_regularization", "backward_propagation_with_regularization",
          "forward_propagation_with_dropout", "backward_propagation_with_dropout"),
      Map.of(), Map.of(), C2W1Regularization::new);

  C2W1Regularization(Session session, DeclaredModel model, long seed) {
    super(session, model, seed);
  }

  @Override
  FunctionResult check(String function) {
    return switch (function) {
      case "compute_cost_with_regularization" -> computeCostWithRegularization();
      case "backward_propagation_with_regularization" -> backwardPropagationWithRegularization();
      case "forward_propagation_with_dropout" -> forwardWithDropout();
      case "backward_propagation_with_dropout" -> backwardWithDropout();
      default -> throw new IllegalArgumentException(function + " is not " + NOTEBOOK.id() + "'s");
    };
  }

  /** The notebook's network: [n_x, n_1, n_2, 1], ReLU, ReLU, sigmoid, cross-entropy. */
  static NetworkSpec spec(int[] dims) {
    return NetworkSpec.of(dims, Activation.RELU, Activation.SIGMOID, Loss.BCE);
  }

  private static final double[] LAMBD = {0.7, 0.1, 1.5};

  // ---- compute_cost_with_regularization(A3, Y, parameters, lambd) → cost ----

  // J = −1/m·Σ(Y·log A3 + (1 − Y)·log(1 − A3)) + λ/(2m)·(‖W1‖² + ‖W2‖² + ‖W3‖²)
  private FunctionResult computeCostWithRegularization() {
    Random r = random(31);
    List<Trial> trials = new ArrayList<>();
    for (int k = 0; k < DROPOUT_DIMS.length; k++) {
      int[] dims = DROPOUT_DIMS[k];
      int m = DROPOUT_M[k] + 4;
      double lambd = LAMBD[k];
      Parameters p = Initialization.initializeParametersDeep(dims, twinnet.model.Initializer.HE, seed + 40 + k);
      Matrix A3 = gaussian(r, 1, m, 1).map(v -> 1 / (1 + Math.exp(-v)));
      Matrix Y = labels(r, 1, m);
      double ce = Costs.computeCost(A3, Y, Loss.BCE);
      double J = Regularization.computeCostWithRegularization(A3, Y, p, lambd);
      double[] sq = new double[4];
      double[] sum = new double[4];
      for (int l = 1; l <= 3; l++) {
        sq[l] = p.W(l).times(p.W(l)).sum();
        sum[l] = p.W(l).sum();
      }
      Hypotheses cause = (answer, first) -> {
        double v = Values.scalar(answer);
        double all = sq[1] + sq[2] + sq[3];
        if (close(v, ce + lambd / m * all)) {
          return List.of(Cause.L2_OVER_M.say());
        }
        if (close(v, ce + lambd / (2.0 * m) * (sum[1] + sum[2] + sum[3]))) {
          return List.of(Cause.L2_SUM_NOT_SQUARES.say());
        }
        if (close(v, ce + lambd / 2.0 * all)) {
          return List.of(Cause.L2_WITHOUT_M.say());
        }
        if (close(v, lambd / (2.0 * m) * all)) {
          return List.of(Cause.L2_WITHOUT_CROSS_ENTROPY.say());
        }
        for (int l = 1; l <= 3; l++) {
          if (close(v, ce + lambd / (2.0 * m) * (all - sq[l]))) {
            return List.of(Cause.L2_COST_LEAVES_OUT.say(l, l));
          }
        }
        return List.of();
      };
      trials.add(new Trial("A3 and Y 1×" + m + ", W of a [" + join(dims) + "] network, lambd = " + lambd,
          List.of(arr(A3), arr(Y), paramsJson(p), num(lambd)), new String[] {"A3", "Y", "parameters", "lambd"},
          shown("A3", A3, "Y", Y, "W1", p.W(1)), new Expect.Scalar("cost", J), cause));
    }
    return run("compute_cost_with_regularization", trials);
  }

  private static boolean close(double a, double b) {
    return Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));
  }

  // ---- backward_propagation_with_regularization(X, Y, cache, lambd) → gradients ----

  /** The course's cache (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) of a forward pass. */
  private static List<Matrix> l2Cache(ScratchNetwork.ForwardPass f, Parameters p) {
    List<Matrix> c = new ArrayList<>();
    for (int l = 1; l <= 3; l++) {
      c.add(f.caches().get(l - 1).Z());
      c.add(l < 3 ? f.caches().get(l).linear().A_prev() : f.AL());
      c.add(p.W(l));
      c.add(p.b(l));
    }
    return c;
  }

  /** The course's gradients dict {dZ3, dW3, db3, dA2, dZ2, dW2, db2, dA1, dZ1, dW1, db1} with L2 added to dW. */
  private static Map<String, Matrix> l2Gradients(ScratchNetwork.ForwardPass f, Parameters p, Matrix Y,
      double[] lambdOfLayer) {
    ScratchNetwork.BackwardPass b = new ScratchNetwork(spec(p.layers()), p)
        .lModelBackward(f, Y);
    int m = Y.cols();
    Map<String, Matrix> g = new LinkedHashMap<>();
    for (int l = 3; l >= 1; l--) {
      // dZ3 = A3 − Y (sigmoid with cross-entropy); dZl = dAl ⊙ 1{Zl > 0} below it
      g.put("dZ" + l, l == 3 ? f.AL().minus(Y) : Activations.activationBackward(b.dA().get(l), f.caches().get(l - 1)
          .Z(), Activation.RELU, Double.NaN));
      g.put("dW" + l, b.grads().dW(l).plus(p.W(l).scale(lambdOfLayer[l] / m)));
      g.put("db" + l, b.grads().db(l));
      if (l > 1) {
        g.put("dA" + (l - 1), b.dA().get(l - 1));
      }
    }
    return g;
  }

  // dW[l] = 1/m·dZ[l]·A[l−1]ᵀ + (λ/m)·W[l]; the rest as without regularization
  private FunctionResult backwardPropagationWithRegularization() {
    Random r = random(32);
    List<Trial> trials = new ArrayList<>();
    List<String> twinNotes = new ArrayList<>();
    for (int k = 0; k < DROPOUT_DIMS.length; k++) {
      int[] dims = DROPOUT_DIMS[k];
      int m = DROPOUT_M[k] + 2;
      double lambd = LAMBD[k];
      Parameters p = Initialization.initializeParametersDeep(dims, twinnet.model.Initializer.HE, seed + 50 + k);
      Matrix X = gaussian(r, dims[0], m, 1);
      Matrix Y = labels(r, 1, m);
      ScratchNetwork.ForwardPass f = new ScratchNetwork(spec(dims), p).lModelForward(X);
      List<JsonNode> cache = new ArrayList<>();
      l2Cache(f, p).forEach(c -> cache.add(arr(c)));
      Map<String, Matrix> want = l2Gradients(f, p, Y, new double[] {0, lambd, lambd, lambd});
      // against the twin: DL4J's L2 (its l2 coefficient mapped from λ at this m) gives the same dW
      twinnet.model.Network.Backprop twin = Dl4jNetwork.withParameters(spec(dims), p, Optimizer.GD.withL2(lambd), m)
          .backprop(X, Y);
      double worst = 0;
      for (int l = 1; l <= 3; l++) {
        worst = Math.max(worst, twinnet.compare.TensorDiff.of("dW" + l, l, want.get("dW" + l), twin.grads().dW(l))
            .relativeError());
      }
      twinNotes.add(String.format(java.util.Locale.ROOT, "%.1e", worst));
      Hypotheses cause = (answer, first) -> {
        if (matches(answer, Expect.dict("gradients", l2Gradients(f, p, Y, new double[] {0, lambd / 2, lambd / 2,
            lambd / 2})))) {
          return List.of(Cause.L2_DW_OVER_2M.say());
        }
        if (matches(answer, Expect.dict("gradients", l2Gradients(f, p, Y, new double[] {0, lambd * m, lambd * m,
            lambd * m})))) {
          return List.of(Cause.L2_DW_WITHOUT_M.say());
        }
        for (int l = 1; l <= 3; l++) {
          double[] without = {0, lambd, lambd, lambd};
          without[l] = 0;
          if (matches(answer, Expect.dict("gradients", l2Gradients(f, p, Y, without)))) {
            return List.of(Cause.L2_DW_LEAVES_OUT.say(l, l, l));
          }
        }
        if (first.user() != null && first.reference() != null && !first.kind().equals("nonfinite")) {
          String pattern = Diagnosis.pattern(first.part(), first.user(), first.reference(), spec(dims), m);
          if (pattern != null) {
            return List.of(Cause.GRADIENT_PATTERN.say(pattern));
          }
        }
        return List.of();
      };
      trials.add(new Trial("a [" + join(dims) + "] network on m = " + m + ", lambd = " + lambd, List.of(arr(X), arr(Y),
          Values.tuple(cache.toArray(JsonNode[]::new)), num(lambd)), new String[] {"X", "Y", "cache", "lambd"},
          shown("X", X, "Y", Y, "W1", p.W(1)), Expect.dict("gradients", want), cause));
    }
    FunctionResult res = run("backward_propagation_with_regularization", trials);
    if (res.status() != Status.OK) {
      return res;
    }
    List<String> notes = new ArrayList<>(res.diagnosis());
    notes.add("The DL4J twin, with its l2 coefficient mapped from λ (λ/(c·m), docs/comparisons.md), gives the same dW: "
        + "worst relative difference " + String.join(", ", twinNotes) + " on the three networks.");
    return new FunctionResult(res.name(), res.status(), null, notes, res.worstRelativeError(), null);
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
      return Cause.DROPOUT_CACHE_LAYOUT.say();
    }
    List<Matrix> masks = new ArrayList<>();
    for (int l = 1; l <= 2; l++) {
      JsonNode d = answer.get(1).get(l == 1 ? 1 : 6);
      Matrix A = plain.caches().get(l).linear().A_prev();
      int[] shape = Values.shape(d);
      if (shape == null || shape.length != 2 || shape[0] != A.rows() || shape[1] != A.cols()) {
        return Cause.DROPOUT_MASK_SHAPE.say(l, l == 1 ? 1 : 6, l, A.rows(), A.cols(), l, l, l);
      }
      Matrix D = Values.matrix(d);
      for (int i = 0; i < D.rows(); i++) {
        for (int j = 0; j < D.cols(); j++) {
          if (D.get(i, j) != 0 && D.get(i, j) != 1) {
            return Cause.DROPOUT_MASK_NOT_BINARY.say(l, D.get(i, j), l, l, l, l, l);
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
      List<JsonNode> args = List.of(arr(X), paramsJson(p), num(KEEP[k]));
      String label = "a [" + join(dims) + "] network on m = " + DROPOUT_M[k] + ", keep_prob = " + KEEP[k];
      long callSeed = seed + k;
      // the masks are the learner's own draws (np.random.seed before the call): read them, then compute with them
      Bridge.Reply first = session.call("forward_propagation_with_dropout", args, null, null, callSeed);
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
      Hypotheses cause = (answer, mismatch) -> {
        if (matches(answer.get(0), Expect.tensor("A3", new MaskedNetwork(spec, p, D, true, false, true, true)
            .lModelForwardWithDropout(X).AL()))) {
          return List.of(Cause.DROPOUT_FORWARD_NOT_SCALED.say());
        }
        if (matches(answer.get(0), Expect.tensor("A3", plain.AL()))) {
          return List.of(Cause.DROPOUT_MASK_NOT_APPLIED.say());
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
          num(KEEP[k]));
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
      Hypotheses cause = (answer, mismatch) -> {
        if (matches(answer, Expect.dict("gradients", unmaskedDA))) {
          return List.of(Cause.DROPOUT_BACKWARD_DA_UNMASKED.say());
        }
        if (matches(answer, gradients.apply(new MaskedNetwork(spec, p, D, true, true, false, true)))
            || matches(answer, gradients.apply(new MaskedNetwork(spec, p, D, true, true, false, false)))) {
          return List.of(Cause.DROPOUT_BACKWARD_NO_MASK.say());
        }
        if (matches(answer, gradients.apply(new MaskedNetwork(spec, p, D, true, true, true, false)))) {
          return List.of(Cause.DROPOUT_BACKWARD_NOT_SCALED.say());
        }
        if (mismatch.user() != null && mismatch.reference() != null && !mismatch.kind().equals("nonfinite")) {
          String pattern = Diagnosis.pattern(mismatch.part(), mismatch.user(), mismatch.reference(), spec, m);
          if (pattern != null) {
            return List.of(Cause.GRADIENT_PATTERN.say(pattern));
          }
        }
        return List.of();
      };
      trials.add(new Trial("a [" + join(dims) + "] network on m = " + m + ", keep_prob = " + KEEP[k], args,
          new String[] {"X", "Y", "cache", "keep_prob"}, shown("X", X, "Y", Y), expect, cause));
    }
    return run("backward_propagation_with_dropout", trials);
  }
}
