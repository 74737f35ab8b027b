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
    return new ScratchNetwork(spec,
        Initialization.initializeParametersDeep(spec.layers(), scheme, seed).withInitialNorms(spec));
  }

  /**
   * What {@code L_model_forward} returns: AL, one cache per layer (its activation cache is the
   * activation's input: Z, or Z̃ where the layer is batch-normalised), the dropout mask D^[l] of each
   * hidden layer l = 1..L−1 (null where nothing is dropped, and at prediction time), and each layer's
   * batch-norm pass in training (null elsewhere).
   */
  public record ForwardPass(Matrix AL, List<Cache> caches, List<Matrix> masks, List<NormPass> norms) {
    public ForwardPass(Matrix AL, List<Cache> caches) {
      this(AL, caches, java.util.Collections.nCopies(Math.max(caches.size() - 1, 0), null),
          java.util.Collections.nCopies(caches.size(), null));
    }
  }

  /** A batch-normalised layer's Z = W·A_prev (before the normalisation) and its batch-norm cache. */
  public record NormPass(Matrix Z, BatchNormalization.Cache cache) {}

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
    List<NormPass> norms = new ArrayList<>();
    Matrix A = X;
    for (int l = 1; l <= spec.depth(); l++) {
      Matrix A_prev = A;
      Matrix Z = Linear.linearForward(A_prev, parameters.W(l), parameters.b(l));
      NormPass norm = null;
      if (spec.normalises(l)) { // Z̃ = γ ⊙ Z_norm + β takes Z's place before the activation
        Parameters.Norm n = parameters.norm(l);
        if (training) {
          BatchNormalization.Forward f = batchNormForward(Z, l);
          norm = new NormPass(Z, f.cache());
          Z = f.Ztilde();
        } else {
          Z = BatchNormalization.batchNormPredict(Z, n.gamma(), n.beta(), n.mean(), n.var(), spec.batchNorm().epsilon());
        }
      }
      norms.add(norm);
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
    return new ForwardPass(A, caches, masks, norms);
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

  // backward_propagation_with_dropout: as above, and dA^[l] ← dA^[l] ⊙ D^[l] / keep_prob with the forward's masks;
  // a batch-normalised layer: dZ̃ = dA ⊙ g′(Z̃), then (dZ, dγ, dβ) from the batch norm's backward pass
  public BackwardPass lModelBackward(ForwardPass forward, Matrix Y) {
    Matrix AL = forward.AL();
    List<Cache> caches = forward.caches();
    int L = spec.depth();
    Matrix[] dW = new Matrix[L];
    Matrix[] db = new Matrix[L];
    Gradients.NormGrads[] dNorm = new Gradients.NormGrads[L];
    Matrix[] dA = new Matrix[L];
    Matrix dAl = costBackward(AL, Y);
    for (int l = L; l >= 1; l--) {
      Cache cache = caches.get(l - 1);
      Matrix dZ = l == L && combinedOutput() ? outputBackward(AL, Y) : activationBackward(dAl, cache.Z(), l);
      NormPass norm = forward.norms().get(l - 1);
      if (norm != null) {
        BatchNormalization.Grads g = batchNormBackward(dZ, norm.cache(), l);
        dZ = g.dZ();
        dNorm[l - 1] = new Gradients.NormGrads(g.dgamma(), g.dbeta());
      }
      LinearGrads g = linearBackward(dZ, cache.linear());
      dAl = g.dA_prev();
      Matrix D = l >= 2 ? forward.masks().get(l - 2) : null;
      if (D != null) {
        dAl = dropoutBackward(dAl, D, l - 1);
      }
      dW[l - 1] = g.dW();
      // with batch norm b is not a parameter (β takes its place): its gradient, exactly 0, is not kept
      db[l - 1] = norm != null ? Matrix.zeros(g.db().rows(), 1) : g.db();
      dA[l - 1] = dAl;
    }
    return new BackwardPass(new Gradients(Arrays.asList(dW), Arrays.asList(db), Arrays.asList(dNorm)),
        Arrays.asList(dA));
  }

  // update_parameters: W[l] ← W[l] − α·dW[l];  b[l] ← b[l] − α·db[l]  (Optimization.updateParameters), or the
  // optimizer's rule
  protected Parameters updateParameters(Parameters p, Gradients grads, double learningRate) {
    return updates.apply(p, grads, learningRate);
  }

  // after a training step: running μ ← momentum·running μ + (1 − momentum)·μ_B, and σ² alike (see BatchNorm)
  private Parameters updateRunningAverages(Parameters p, ForwardPass forward) {
    double momentum = spec.batchNorm().momentum();
    for (int l = 1; l < spec.depth(); l++) {
      BatchNormalization.Cache c = forward.norms().get(l - 1).cache();
      p = p.withRunning(l, BatchNormalization.runningAverage(p.norm(l).mean(), c.mu(), momentum),
          BatchNormalization.runningAverage(p.norm(l).var(), c.var(), momentum));
    }
    return p;
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

  /** Batch norm in training, Z → Z̃ with the batch's μ and σ² (see {@link BatchNormalization#batchNormForward}). */
  protected BatchNormalization.Forward batchNormForward(Matrix Z, int l) {
    Parameters.Norm n = parameters.norm(l);
    return BatchNormalization.batchNormForward(Z, n.gamma(), n.beta(), spec.batchNorm().epsilon());
  }

  /** (dZ, dγ, dβ) from dZ̃ (see {@link BatchNormalization#batchNormBackward}). */
  protected BatchNormalization.Grads batchNormBackward(Matrix dZtilde, BatchNormalization.Cache cache, int l) {
    return BatchNormalization.batchNormBackward(dZtilde, cache);
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

  /**
   * Z, A, dA, dZ, dW, db of every layer (and D where it drops units, Z_norm, Z̃, dZ̃, dγ, dβ where it is
   * batch-normalised): the forward caches and the backward pass of a training step, step by step. A and
   * dA are after the dropout mask.
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
      NormPass norm = f.norms().get(l - 1);
      twinnet.model.LayerQuantities.Norm nq = null;
      Matrix Z = cache.Z();
      if (norm != null) {
        BatchNormalization.Grads g = batchNormBackward(dZ, norm.cache(), l);
        nq = new twinnet.model.LayerQuantities.Norm(norm.cache().Znorm(), cache.Z(), dZ, g.dgamma(), g.dbeta());
        dZ = g.dZ();
        Z = norm.Z();
      }
      LinearGrads g = linearBackward(dZ, cache.linear());
      out[l - 1] = new twinnet.model.LayerQuantities(l, Z, A, dA, dZ, g.dW(), norm != null ? null : g.db(), D, nq);
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
    return trainingPass(X, Y).backprop();
  }

  /** A training forward and backward pass: the cost, AL and the gradients, and the forward pass itself. */
  private record Pass(ForwardPass forward, Backprop backprop) {}

  private Pass trainingPass(Matrix X, Matrix Y) {
    spec.requireData(X, Y);
    ForwardPass forward = lModelForwardWithDropout(X);
    double cost = cost(forward, Y);
    Gradients grads = lModelBackward(forward, Y).grads();
    if (optimizer.l2() > 0) {
      // L2: J += λ/(2m)·Σ‖W[l]‖²;  dW[l] += (λ/m)·W[l]  (biases, γ and β are not regularised)
      cost = Regularization.addL2Cost(cost, parameters, optimizer.l2(), X.cols());
      grads = Regularization.addL2Gradients(grads, parameters, optimizer.l2(), X.cols());
    }
    return new Pass(forward, new Backprop(cost, forward.AL(), grads));
  }

  /**
   * The course's step, L_model_forward → compute_cost → L_model_backward → update_parameters (and, with
   * batch norm, the running averages). The network as written here (not a subclass that replaces one of
   * its steps) with plain gradient descent, no dropout and no batch norm takes it through {@link
   * FastStep}: the same arithmetic, bit for bit, in buffers reused from step to step.
   */
  @Override
  public double step(Matrix X, Matrix Y, double learningRate) {
    if (getClass() == ScratchNetwork.class && optimizer.kind() == twinnet.model.Optimizer.Kind.GD
        && optimizer.l2() == 0 && !spec.hasDropout() && spec.batchNorm() == null) {
      spec.requireData(X, Y);
      if (fast == null) {
        fast = new FastStep(spec);
      }
      FastStep.Result r = fast.step(parameters, X, Y, learningRate);
      parameters = r.parameters();
      stepsTaken++;
      return r.cost();
    }
    Pass pass = trainingPass(X, Y);
    Parameters next = updateParameters(parameters, pass.backprop().grads(), learningRate);
    parameters = spec.batchNorm() == null ? next : updateRunningAverages(next, pass.forward());
    stepsTaken++;
    return pass.backprop().cost();
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
