package twinnet.scratch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import twinnet.model.Gradients;
import twinnet.model.Initializer;
import twinnet.model.Matrix;
import twinnet.model.Network;
import twinnet.model.NetworkSpec;
import twinnet.model.Parameters;
import twinnet.scratch.Linear.Cache;
import twinnet.scratch.Linear.LinearCache;
import twinnet.scratch.Linear.LinearGrads;

/**
 * The L-layer model of the course: {@code L_model_forward → compute_cost → L_model_backward →
 * update_parameters}, in plain Java.
 *
 * <p>Each step of the backward pass is a protected method ({@link #costBackward}, {@link
 * #activationBackward}, {@link #linearBackward}, {@link #updateParameters}) so that a test can replace
 * exactly one of them with a broken variant and check that the harness notices.
 */
public class ScratchNetwork implements Network {
  private final NetworkSpec spec;
  private final twinnet.model.Optimizer optimizer;
  private final Updates updates;
  private Parameters parameters;
  private FastStep fast; // the training step's buffers, made at the first step
  private long stepsTaken; // training steps taken so far: the dropout masks of step stepsTaken come next

  public ScratchNetwork(NetworkSpec spec, Parameters initial) {
    this(spec, initial, twinnet.model.Optimizer.GD);
  }

  /** A network trained by {@code optimizer} (its state starts empty). */
  public ScratchNetwork(NetworkSpec spec, Parameters initial, twinnet.model.Optimizer optimizer) {
    initial.requireFits(spec);
    this.spec = spec;
    this.optimizer = optimizer;
    this.updates = new Updates(optimizer);
    this.parameters = initial;
  }

  /** A network initialised by {@link Initialization#initializeParametersDeep}. */
  public static ScratchNetwork initialized(NetworkSpec spec, Initializer scheme, long seed) {
    return new ScratchNetwork(spec, Initialization.initializeParametersDeep(spec.layers(), scheme, seed));
  }

  /**
   * What {@code L_model_forward} returns: AL, one cache per layer, and the dropout mask D^[l] of each
   * hidden layer l = 1..L−1 (null where nothing is dropped, and at prediction time).
   */
  public record ForwardPass(Matrix AL, List<Cache> caches, List<Matrix> masks) {
    public ForwardPass(Matrix AL, List<Cache> caches) {
      this(AL, caches, java.util.Collections.nCopies(Math.max(caches.size() - 1, 0), null));
    }
  }

  /** What {@code L_model_backward} returns: the gradients, and dA[l] for l = 0..L−1 (dA[l] = ∂L/∂A^[l]). */
  public record BackwardPass(Gradients grads, List<Matrix> dA) {}

  // L_model_forward, as at prediction time: A^[0] = X;  A^[l] = g_l(W[l]·A^[l−1] + b[l]) for l = 1..L;  X is n_x × m
  public ForwardPass lModelForward(Matrix X) {
    return lModelForward(X, false);
  }

  // forward_propagation_with_dropout: as lModelForward, and after each hidden layer's activation
  // A^[l] ← A^[l] ⊙ D^[l] / keep_prob (the masks of the step to come; see Dropout)
  public ForwardPass lModelForwardWithDropout(Matrix X) {
    return lModelForward(X, true);
  }

  private ForwardPass lModelForward(Matrix X, boolean training) {
    List<Cache> caches = new ArrayList<>();
    List<Matrix> masks = new ArrayList<>();
    Matrix A = X;
    for (int l = 1; l <= spec.depth(); l++) {
      Matrix A_prev = A;
      Matrix Z = Linear.linearForward(A_prev, parameters.W(l), parameters.b(l));
      A = activationForward(Z, l);
      caches.add(new Cache(new LinearCache(A_prev, parameters.W(l), parameters.b(l)), Z));
      if (l < spec.depth()) {
        Matrix D = training && spec.dropout() != null && spec.dropout().drops(l) ? dropoutMask(l, A.rows(), A.cols())
            : null;
        if (D != null) {
          A = dropoutForward(A, D, l);
        }
        masks.add(D);
      }
    }
    return new ForwardPass(A, caches, masks);
  }

  // J in the spec's loss convention (see Costs): the course's compute_cost
  public double computeCost(Matrix AL, Matrix Y) {
    return Costs.computeCost(AL, Y, spec.loss());
  }

  /**
   * The cost of a forward pass: {@link #computeCost}, except for cross-entropy, which is computed from
   * Z^[L] (the same J, exact where σ(z) rounds to 0 or 1; see {@link Costs#crossEntropyFromLogits}).
   */
  protected double cost(ForwardPass forward, Matrix Y) {
    if (spec.loss() == twinnet.model.Loss.BCE) {
      return Costs.crossEntropyFromLogits(forward.caches().get(spec.depth() - 1).Z(), Y);
    }
    if (spec.loss() == twinnet.model.Loss.CCE) {
      return Costs.softmaxCrossEntropyFromLogits(forward.caches().get(spec.depth() - 1).Z(), Y);
    }
    return computeCost(forward.AL(), Y);
  }

  // L_model_backward: dA^[L] = dAL;  for l = L..1: dZ = dA ⊙ g_l′(Z), (dA^[l−1], dW[l], db[l]) = linearBackward
  public BackwardPass lModelBackward(Matrix AL, Matrix Y, List<Cache> caches) {
    return lModelBackward(new ForwardPass(AL, caches), Y);
  }

  // backward_propagation_with_dropout: as above, and dA^[l] ← dA^[l] ⊙ D^[l] / keep_prob with the forward's masks
  public BackwardPass lModelBackward(ForwardPass forward, Matrix Y) {
    Matrix AL = forward.AL();
    List<Cache> caches = forward.caches();
    int L = spec.depth();
    Matrix[] dW = new Matrix[L];
    Matrix[] db = new Matrix[L];
    Matrix[] dA = new Matrix[L];
    Matrix dAl = costBackward(AL, Y);
    for (int l = L; l >= 1; l--) {
      LinearGrads g = l == L && combinedOutput() ? linearBackward(outputBackward(AL, Y), caches.get(l - 1).linear())
          : linearActivationBackward(dAl, caches.get(l - 1), l);
      dAl = g.dA_prev();
      Matrix D = l >= 2 ? forward.masks().get(l - 2) : null;
      if (D != null) {
        dAl = dropoutBackward(dAl, D, l - 1);
      }
      dW[l - 1] = g.dW();
      db[l - 1] = g.db();
      dA[l - 1] = dAl;
    }
    return new BackwardPass(new Gradients(Arrays.asList(dW), Arrays.asList(db)), Arrays.asList(dA));
  }

  // update_parameters: W[l] ← W[l] − α·dW[l];  b[l] ← b[l] − α·db[l]  (or the optimizer's rule)
  protected Parameters updateParameters(Parameters p, Gradients grads, double learningRate) {
    if (optimizer.kind() != twinnet.model.Optimizer.Kind.GD) {
      return updates.apply(p, grads, learningRate);
    }
    List<Matrix> W = new ArrayList<>();
    List<Matrix> b = new ArrayList<>();
    for (int l = 1; l <= p.depth(); l++) {
      W.add(p.W(l).minus(grads.dW(l).scale(learningRate)));
      b.add(p.b(l).minus(grads.db(l).scale(learningRate)));
    }
    return new Parameters(W, b);
  }

  // ---- one step each: the places a broken variant replaces ----

  /** A^[l] = g_l(Z^[l]). */
  protected Matrix activationForward(Matrix Z, int l) {
    return Activations.activationForward(Z, spec.activation(l), spec.alpha(l));
  }

  /** D^[l] of the step to come (see {@link twinnet.model.Dropout#mask}). */
  protected Matrix dropoutMask(int l, int rows, int cols) {
    return spec.dropout().mask(stepsTaken, l, rows, cols);
  }

  // inverted dropout, forward: A ← A ⊙ D / keep_prob (the kept units are scaled up, so E[A] is unchanged)
  protected Matrix dropoutForward(Matrix A, Matrix D, int l) {
    double keep = spec.dropout().keep(l);
    return A.times(D).map(a -> a / keep);
  }

  // inverted dropout, backward: dA ← dA ⊙ D / keep_prob, with the forward pass's D
  protected Matrix dropoutBackward(Matrix dA, Matrix D, int l) {
    double keep = spec.dropout().keep(l);
    return dA.times(D).map(a -> a / keep);
  }

  /** dAL = ∂L/∂A^[L], the loss's seed gradient (see {@link Costs#costBackward}). */
  protected Matrix costBackward(Matrix AL, Matrix Y) {
    return Costs.costBackward(AL, Y, spec.loss());
  }

  /** Whether the output layer's dZ comes in one step from AL and Y (softmax with cross-entropy). */
  protected boolean combinedOutput() {
    return spec.output() == twinnet.model.Activation.SOFTMAX && spec.loss() == twinnet.model.Loss.CCE;
  }

  /** dZ^[L] = A^[L] − Y: softmax with cross-entropy, combined (see {@link Costs#softmaxCrossEntropyBackward}). */
  protected Matrix outputBackward(Matrix AL, Matrix Y) {
    return Costs.softmaxCrossEntropyBackward(AL, Y);
  }

  /** dZ^[l] = dA^[l] ⊙ g_l′(Z^[l]). */
  protected Matrix activationBackward(Matrix dA, Matrix Z, int l) {
    return Activations.activationBackward(dA, Z, spec.activation(l), spec.alpha(l));
  }

  /** (dA_prev, dW, db) from dZ (see {@link Linear#linearBackward}). */
  protected LinearGrads linearBackward(Matrix dZ, LinearCache cache) {
    return Linear.linearBackward(dZ, cache);
  }

  // linear_activation_backward for layer l: the activation's backward, then the linear backward
  private LinearGrads linearActivationBackward(Matrix dA, Cache cache, int l) {
    return linearBackward(activationBackward(dA, cache.Z(), l), cache.linear());
  }

  /**
   * Z, A, dA, dZ, dW, db of every layer (and D where it drops units): the forward caches and the
   * backward pass of a training step, step by step. A and dA are after the dropout mask.
   */
  @Override
  public List<twinnet.model.LayerQuantities> study(Matrix X, Matrix Y) {
    spec.requireData(X, Y);
    ForwardPass f = lModelForwardWithDropout(X);
    int L = spec.depth();
    twinnet.model.LayerQuantities[] out = new twinnet.model.LayerQuantities[L];
    Matrix dA = costBackward(f.AL(), Y);
    for (int l = L; l >= 1; l--) {
      Cache cache = f.caches().get(l - 1);
      Matrix A = l == L ? f.AL() : f.caches().get(l).linear().A_prev();
      Matrix D = l < L ? f.masks().get(l - 1) : null;
      Matrix dZ = l == L && combinedOutput() ? outputBackward(f.AL(), Y) : activationBackward(dA, cache.Z(), l);
      LinearGrads g = linearBackward(dZ, cache.linear());
      out[l - 1] = new twinnet.model.LayerQuantities(l, cache.Z(), A, dA, dZ, g.dW(), g.db(), D);
      dA = g.dA_prev();
      if (l >= 2 && f.masks().get(l - 2) != null) {
        dA = dropoutBackward(dA, f.masks().get(l - 2), l - 1);
      }
    }
    return Arrays.asList(out);
  }

  /** The optimizer's state (v, s per tensor W1, b1, …; null where unused; and t), for checkpoints. */
  public record OptimizerState(List<Matrix> v, List<Matrix> s, int t) {}

  public OptimizerState optimizerState() {
    Updates.State st = updates.state();
    return new OptimizerState(st.v(), st.s(), st.t());
  }

  public void restoreOptimizerState(OptimizerState st) {
    updates.restore(new Updates.State(new ArrayList<>(st.v()), new ArrayList<>(st.s()), st.t()));
  }

  public twinnet.model.Optimizer optimizer() {
    return optimizer;
  }

  // ---- the Network interface ----

  @Override
  public String name() {
    return "scratch";
  }

  @Override
  public NetworkSpec spec() {
    return spec;
  }

  @Override
  public Backprop backprop(Matrix X, Matrix Y) {
    spec.requireData(X, Y);
    ForwardPass forward = lModelForwardWithDropout(X);
    double cost = cost(forward, Y);
    Gradients grads = lModelBackward(forward, Y).grads();
    if (optimizer.l2() > 0) {
      // L2: J += λ/(2m)·Σ‖W[l]‖²;  dW[l] += (λ/m)·W[l]  (biases are not regularised)
      double lm = optimizer.l2() / X.cols();
      List<Matrix> dW = new ArrayList<>();
      for (int l = 1; l <= spec.depth(); l++) {
        cost += lm / 2 * parameters.W(l).times(parameters.W(l)).sum();
        dW.add(grads.dW(l).plus(parameters.W(l).scale(lm)));
      }
      grads = new Gradients(dW, grads.db());
    }
    return new Backprop(cost, forward.AL(), grads);
  }

  /**
   * The course's step, L_model_forward → compute_cost → L_model_backward → update_parameters. The network
   * as written here (not a subclass that replaces one of its steps) with plain gradient descent takes it
   * through {@link FastStep}: the same arithmetic, bit for bit, in buffers reused from step to step.
   */
  @Override
  public double step(Matrix X, Matrix Y, double learningRate) {
    if (getClass() == ScratchNetwork.class && optimizer.kind() == twinnet.model.Optimizer.Kind.GD
        && optimizer.l2() == 0 && !spec.hasDropout()) {
      spec.requireData(X, Y);
      if (fast == null) {
        fast = new FastStep(spec);
      }
      FastStep.Result r = fast.step(parameters, X, Y, learningRate);
      parameters = r.parameters();
      stepsTaken++;
      return r.cost();
    }
    Backprop bp = backprop(X, Y);
    parameters = updateParameters(parameters, bp.grads(), learningRate);
    stepsTaken++;
    return bp.cost();
  }

  /** How many training steps this network has taken: the step whose dropout masks come next. */
  public long stepsTaken() {
    return stepsTaken;
  }

  /** Sets the step count (a run resumed after {@code steps} steps draws the masks of step {@code steps}). */
  public void setStepsTaken(long steps) {
    if (steps < 0) {
      throw new IllegalArgumentException("steps must be ≥ 0, got " + steps);
    }
    stepsTaken = steps;
  }

  @Override
  public Matrix predict(Matrix X) {
    spec.requireData(X, null);
    return lModelForward(X).AL();
  }

  @Override
  public Parameters parameters() {
    return parameters; // immutable
  }

  @Override
  public void setParameters(Parameters p) {
    p.requireFits(spec);
    parameters = p;
  }
}
