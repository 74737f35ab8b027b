package twinnet.dl4j;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import twinnet.model.Gradients;
import twinnet.model.Initializer;
import twinnet.model.Matrix;
import twinnet.model.Network;
import twinnet.model.NetworkSpec;
import twinnet.model.Parameters;

/**
 * The DL4J twin of a {@link NetworkSpec}: a double-precision {@link MultiLayerNetwork} of {@code
 * DenseLayer}s and an {@code OutputLayer}, updated by {@code Sgd} and nothing else. Its numbers cross
 * the {@link Network} interface in the spec's convention, mapped by {@link Conventions}.
 */
public final class Dl4jNetwork implements Network {
  static {
    // Without this, Nd4j.create/rand/ones default to FLOAT even in a DOUBLE network.
    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
  }

  private final NetworkSpec spec;
  private final twinnet.model.ConvStack stack; // the conv stages before the dense layers, or null
  private final Conventions.Layout layout; // where each course layer is in DL4J's list
  private final MultiLayerNetwork net;
  private final DataType dtype;
  private final twinnet.model.Optimizer optimizer;
  private final int l2BatchSize; // the batch size DL4J's fixed l2 coefficient was mapped for (0: no L2)
  private double dl4jLearningRate;

  private Dl4jNetwork(NetworkSpec spec, MultiLayerNetwork net, DataType dtype, twinnet.model.Optimizer optimizer,
      int l2BatchSize) {
    this(spec, null, net, dtype, optimizer, l2BatchSize);
  }

  private Dl4jNetwork(NetworkSpec spec, twinnet.model.ConvStack stack, MultiLayerNetwork net, DataType dtype,
      twinnet.model.Optimizer optimizer, int l2BatchSize) {
    this.spec = spec;
    this.stack = stack;
    this.layout = Conventions.Layout.of(spec, stack == null ? 0 : stack.stages().size());
    this.net = net;
    this.dtype = dtype;
    this.optimizer = optimizer;
    this.l2BatchSize = l2BatchSize;
    this.dl4jLearningRate = Double.NaN;
  }

  /**
   * A twin trained by {@code optimizer}, in double precision. With L2 (λ > 0), DL4J's l2 coefficient is
   * fixed at construction while the course's term is λ/m: {@code batchSize} is the m every step and every
   * comparison must use.
   */
  public static Dl4jNetwork withParameters(NetworkSpec spec, Parameters initial, twinnet.model.Optimizer optimizer,
      int batchSize) {
    Dl4jNetwork twin = build(spec, WeightInit.ZERO, null, 0L, DataType.DOUBLE, optimizer, batchSize);
    twin.setParameters(initial);
    return twin;
  }

  /**
   * The twin of a network with a conv stack (the scratch package's ConvNetwork): its stages as DL4J's
   * ConvolutionLayer (ConvolutionMode.Truncate, the stage's activation) and SubsamplingLayer, on NHWC images, so that
   * DL4J's flatten into the first dense layer is the course's (h, w, c) order (see {@link ConvConventions}).
   */
  public static Dl4jNetwork withParameters(twinnet.model.ConvStack stack, NetworkSpec spec, Parameters initial,
      twinnet.model.Optimizer optimizer, int batchSize) {
    stack.requireSupports(spec, optimizer);
    Dl4jNetwork twin = build(spec, stack, WeightInit.ZERO, null, 0L, DataType.DOUBLE, optimizer, batchSize);
    twin.setParameters(initial);
    return twin;
  }

  /**
   * A twin around a network restored by {@code ModelSerializer} (with its updater state, for resuming a
   * run): it must have been built by this class for the same spec and optimizer.
   */
  public static Dl4jNetwork wrap(NetworkSpec spec, MultiLayerNetwork restored, twinnet.model.Optimizer optimizer,
      int batchSize) {
    return new Dl4jNetwork(spec, restored, DataType.DOUBLE, optimizer, optimizer.l2() > 0 ? batchSize : 0);
  }

  /**
   * A twin read from DL4J's {@code ModelSerializer} zip (with the updater's state when {@code withUpdater},
   * for resuming a run), checked against {@code spec}: the same number of layers, each with the spec's
   * sizes and activation. Anything else (not a zip, another network) is one sentence naming the file.
   *
   * @param fix what the user can do when the zip does not fit ("retrain the model")
   */
  public static Dl4jNetwork restore(NetworkSpec spec, java.nio.file.Path zip, boolean withUpdater,
      twinnet.model.Optimizer optimizer, int batchSize, String fix) {
    if (!java.nio.file.Files.isRegularFile(zip)) {
      throw new IllegalArgumentException(zip + " is missing; " + fix);
    }
    MultiLayerNetwork restored;
    try {
      restored = org.deeplearning4j.util.ModelSerializer.restoreMultiLayerNetwork(zip.toFile(), withUpdater);
    } catch (java.io.IOException | RuntimeException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
      throw new IllegalArgumentException(zip + " is not a DL4J model zip that can be read (" + why + "); " + fix);
    }
    var confs = restored.getLayerWiseConfigurations().getConfs();
    Conventions.Layout layout = Conventions.Layout.of(spec);
    if (confs.size() != layout.size()) {
      throw new IllegalArgumentException(zip + " holds a network of " + confs.size() + " DL4J layers, but model.json "
          + "describes " + layout.size() + " (" + java.util.Arrays.toString(spec.layers())
          + (spec.batchNorm() != null ? ", batch-normalised" : "") + "); " + fix);
    }
    for (int l = 1; l <= spec.depth(); l++) {
      var layer = confs.get(layout.dense()[l - 1]).getLayer();
      if (!(layer instanceof org.deeplearning4j.nn.conf.layers.FeedForwardLayer ff)
          || ff.getNIn() != spec.size(l - 1) || ff.getNOut() != spec.size(l)) {
        String got = layer instanceof org.deeplearning4j.nn.conf.layers.FeedForwardLayer f
            ? f.getNIn() + " → " + f.getNOut() : layer.getClass().getSimpleName();
        throw new IllegalArgumentException(zip + ": layer " + l + " is " + got + ", but model.json describes "
            + spec.size(l - 1) + " → " + spec.size(l) + "; " + fix);
      }
      var actLayer = spec.normalises(l) ? confs.get(layout.activation()[l - 1]).getLayer() : layer;
      var act = actLayer instanceof org.deeplearning4j.nn.conf.layers.BaseLayer bl ? bl.getActivationFn()
          : actLayer instanceof org.deeplearning4j.nn.conf.layers.ActivationLayer al ? al.getActivationFn() : null;
      if (act == null || !act.getClass().equals(Dl4jConfigs.activation(spec.activation(l), spec.alpha(l)).getClass())) {
        throw new IllegalArgumentException(zip + ": layer " + l + "'s activation is " + act + ", but model.json "
            + "describes " + spec.activation(l).id() + "; " + fix);
      }
      if (spec.normalises(l)
          && !(confs.get(layout.norm()[l - 1]).getLayer() instanceof org.deeplearning4j.nn.conf.layers.BatchNormalization)) {
        throw new IllegalArgumentException(zip + ": layer " + l + " has no BatchNormalization, but model.json "
            + "describes batch norm; " + fix);
      }
    }
    return wrap(spec, restored, optimizer, batchSize);
  }

  /** A twin whose initial parameters are a copy of {@code initial} (course layout), in double precision. */
  public static Dl4jNetwork withParameters(NetworkSpec spec, Parameters initial) {
    return withParameters(spec, initial, DataType.DOUBLE);
  }

  /**
   * A twin in the given precision: {@code DOUBLE} for comparisons, {@code FLOAT} for speed on large data
   * (compare it with {@code Tolerances.FLOAT32}).
   */
  public static Dl4jNetwork withParameters(NetworkSpec spec, Parameters initial, DataType dtype) {
    if (dtype != DataType.DOUBLE && dtype != DataType.FLOAT) {
      throw new IllegalArgumentException("the twin runs in double or float, not " + dtype);
    }
    Dl4jNetwork twin = build(spec, WeightInit.ZERO, null, 0L, dtype, twinnet.model.Optimizer.GD, 0);
    twin.setParameters(initial);
    return twin;
  }

  /**
   * A twin initialised by DL4J itself with the scheme's distribution, from {@code seed}: small →
   * N(0, 0.01²), he → {@code WeightInit.RELU} (N(0, 2/n_in)), xavier → {@code LECUN_NORMAL} (N(0,
   * 1/n_in), the course's Xavier; DL4J's own XAVIER is N(0, 2/(n_in + n_out))). Biases are zero.
   */
  public static Dl4jNetwork initializedByDl4j(NetworkSpec spec, Initializer scheme, long seed) {
    return switch (scheme) {
      case SMALL -> build(spec, null, new NormalDistribution(0, 0.01), seed, DataType.DOUBLE,
          twinnet.model.Optimizer.GD, 0);
      case HE -> build(spec, WeightInit.RELU, null, seed, DataType.DOUBLE, twinnet.model.Optimizer.GD, 0);
      case XAVIER -> build(spec, WeightInit.LECUN_NORMAL, null, seed, DataType.DOUBLE, twinnet.model.Optimizer.GD, 0);
    };
  }

  private static Dl4jNetwork build(NetworkSpec spec, WeightInit init, NormalDistribution dist, long seed,
      DataType dtype, twinnet.model.Optimizer optimizer, int batchSize) {
    return build(spec, null, init, dist, seed, dtype, optimizer, batchSize);
  }

  private static Dl4jNetwork build(NetworkSpec spec, twinnet.model.ConvStack stack, WeightInit init,
      NormalDistribution dist, long seed, DataType dtype, twinnet.model.Optimizer optimizer, int batchSize) {
    int l2Batch = optimizer.l2() > 0 ? batchSize : 0;
    MultiLayerNetwork net = new MultiLayerNetwork(Dl4jConfigs.configuration(spec, stack, init, dist, seed, dtype,
        optimizer, batchSize));
    net.init();
    return new Dl4jNetwork(spec, stack, net, dtype, optimizer, l2Batch);
  }

  private void requireL2Batch(Matrix X) {
    if (l2BatchSize > 0 && X.cols() != l2BatchSize) {
      throw new IllegalArgumentException("with L2 the twin was mapped for batches of " + l2BatchSize
          + " examples (DL4J's l2 coefficient is fixed, the course's term is λ/m), got " + X.cols());
    }
  }

  /**
   * How many threads ND4J's operations use from now on in this JVM (OpenMP's; at start it takes
   * OMP_NUM_THREADS): one suits tiny networks, and many of them running side by side.
   */
  public static void useThreads(int n) {
    Nd4j.getEnvironment().setMaxThreads(n);
    Nd4j.getEnvironment().setMaxMasterThreads(n);
  }

  /** The underlying DL4J network (for DL4J users and for tests that pin DL4J's conventions). */
  public MultiLayerNetwork dl4j() {
    return net;
  }

  @Override
  public String name() {
    return dtype == DataType.DOUBLE ? "dl4j" : "dl4j-float";
  }

  /** Course data in this twin's layout and precision. */
  private INDArray in(Matrix m) {
    return Conventions.toDl4jData(m).castTo(dtype);
  }

  /**
   * Each conv and pool stage's output at the current weights (inference), in the course's layout (m, n_H, n_W, n_C):
   * DL4J's layer i is stage i, its activation inside (study mode's feature maps).
   */
  public List<twinnet.model.Tensor4> stageOutputs(Matrix X) {
    if (stack == null) {
      throw new IllegalArgumentException("a network without conv stages has no feature maps");
    }
    requireData(X, null);
    List<INDArray> acts = net.feedForward(inputs(X), false); // acts[0] is the input, acts[i + 1] layer i's output
    List<twinnet.model.Tensor4> out = new ArrayList<>();
    for (int i = 0; i < stack.stages().size(); i++) {
      out.add(ConvConventions.toCourseImages(acts.get(i + 1).castTo(DataType.DOUBLE),
          org.deeplearning4j.nn.conf.CNN2DFormat.NHWC));
    }
    return out;
  }

  /** X in this twin's layout: [m, n_x], or with a conv stack the images [m, n_H, n_W, n_C] (NHWC). */
  private INDArray inputs(Matrix X) {
    INDArray x = in(X);
    return stack == null ? x : x.reshape('c', X.cols(), stack.height(), stack.width(), stack.channels());
  }

  /** X (images with a conv stack) and Y fit the network. */
  private void requireData(Matrix X, Matrix Y) {
    if (stack == null) {
      spec.requireData(X, Y);
    } else {
      stack.requireImages(spec, X, Y);
    }
  }

  @Override
  public NetworkSpec spec() {
    return spec;
  }

  @Override
  public Backprop backprop(Matrix X, Matrix Y) {
    requireData(X, Y);
    requireL2Batch(X);
    net.setInput(inputs(X));
    net.setLabels(in(Y));
    net.computeGradientAndScore();
    double cost = Conventions.costFromScore(spec, net.score());
    Gradients grads = courseGradients(X.cols());
    // A^[L] of this pass: with dropout or batch norm, the training forward pass (the same masks, the batch's
    // statistics; output(x, true) updates nothing)
    Matrix AL = trainsDifferently() ? Conventions.toCourseData(net.output(inputs(X), true)) : predict(X);
    // not net.clear(): it also drops the solver, and with it a stateful updater's moments
    return new Backprop(cost, AL, grads);
  }

  /**
   * The gradient DL4J holds after its last computeGradientAndScore, in the course's convention, copied (its
   * arrays are views that the next pass overwrites and the updater scales in place).
   */
  private Gradients courseGradients(int m) {
    // dJ/dθ = c·G/m
    double factor = Conventions.gradientFactor(spec, m);
    Gradient g = net.gradient();
    List<Matrix> dW = new ArrayList<>();
    List<Matrix> db = new ArrayList<>();
    List<Gradients.NormGrads> dNorms = new ArrayList<>();
    for (int l = 1; l <= spec.depth(); l++) {
      Matrix dWl = Conventions.toCourseWeights(g.getGradientFor(layout.key("W", l)), factor);
      if (optimizer.l2() > 0) {
        // DL4J adds l2·W in its updater, not in backprop: the course's (λ/m)·W is added here
        dWl = dWl.plus(Conventions.toCourseWeights(net.getParam(layout.key("W", l)),
            Conventions.courseL2Factor(optimizer.l2(), m)));
      }
      dW.add(dWl);
      if (spec.normalises(l)) {
        // γ and β like W; the "gradients" DL4J reports for mean and var are the running averages' updates
        // (state, applied by a no-op updater), not derivatives: they are not gradients here
        db.add(Matrix.zeros(spec.size(l), 1));
        dNorms.add(new Gradients.NormGrads(Conventions.toCourseBias(g.getGradientFor(layout.key("gamma", l)), factor),
            Conventions.toCourseBias(g.getGradientFor(layout.key("beta", l)), factor)));
      } else {
        db.add(Conventions.toCourseBias(g.getGradientFor(layout.key("b", l)), factor));
        dNorms.add(null);
      }
    }
    List<Parameters.ConvLayer> dConvs = new ArrayList<>();
    for (int i : convLayers()) { // DL4J sums over the batch as conv_backward does: the same c/m
      dConvs.add(new Parameters.ConvLayer(ConvConventions.toCourseFilters(g.getGradientFor(i + "_W")).scale(factor),
          ConvConventions.toCourseBias(g.getGradientFor(i + "_b")).scale(factor)));
    }
    return new Gradients(dW, db, dNorms, dConvs);
  }

  /**
   * One step with the backprop it started from: the gradient is the one {@code fit} computes and then applies,
   * read by a listener as soon as DL4J has it (before its updater scales it in place), so the pass runs once,
   * not twice (~0.6 ms of a ~1.5 ms side-by-side step on the seed's networks). A^[L] is predict(X) before the
   * update. With dropout or batch norm (a training pass that is not the prediction): backprop, then step.
   * The listener is among the network's only during the step (it is not serialisable).
   */
  @Override
  public Stepped stepWithBackprop(Matrix X, Matrix Y, double learningRate) {
    if (trainsDifferently()) {
      return Network.super.stepWithBackprop(X, Y, learningRate);
    }
    requireData(X, Y);
    requireL2Batch(X);
    Matrix AL = predict(X);
    GradientCapture capture = new GradientCapture(X.cols());
    net.addListeners(capture);
    double cost;
    try {
      cost = step(X, Y, learningRate);
    } finally {
      net.getListeners().remove(capture);
      // and from the solver's: the first fit built it from a copy of the list; addListeners() hands it the list
      net.addListeners();
    }
    if (capture.grads == null) {
      throw new IllegalStateException("DL4J's fit did not report its gradient to the twin's listener");
    }
    return new Stepped(cost, new Backprop(cost, AL, capture.grads));
  }

  /** Reads the gradient in the middle of {@code fit}, between DL4J's backprop and its updater. */
  private final class GradientCapture extends org.deeplearning4j.optimize.api.BaseTrainingListener {
    private final int m; // the batch's examples
    private Gradients grads;

    GradientCapture(int m) {
      this.m = m;
    }

    @Override
    public void onGradientCalculation(org.deeplearning4j.nn.api.Model model) {
      grads = courseGradients(m);
    }
  }

  /**
   * Sets DL4J's learning rate for the course's α: η = {@link Conventions#dl4jLearningRate} (c·α for gd and
   * nesterov, α for rmsprop and adam). The one place the mapping is applied, for {@link #step} and for
   * callers that fit the underlying network themselves (streaming, Spark). Every step passes its α (the
   * {@code Network} contract), but DL4J is told only when η changes: its {@code setLearningRate} walks every
   * layer's updater, measured at 290–430 µs a call against 5.9–6.5 ns for this check and ~1.9 ms for a whole step
   * of the seed's [1, 8, 1] network (one thread, 2 000 calls each after 3 000 warm steps; a throwaway harness).
   */
  public void setCourseLearningRate(double learningRate) {
    double eta = Conventions.dl4jLearningRate(spec, optimizer, learningRate);
    if (eta != dl4jLearningRate) {
      net.setLearningRate(eta);
      dl4jLearningRate = eta;
    }
  }

  @Override
  public double step(Matrix X, Matrix Y, double learningRate) {
    requireData(X, Y);
    requireL2Batch(X);
    setCourseLearningRate(learningRate);
    net.fit(new DataSet(inputs(X), in(Y)));
    // After fit, score() is the score of the batch before the update.
    return Conventions.costFromScore(spec, net.score());
  }

  /**
   * Z, A, dA, dZ, dW, db of every layer as DL4J computes them: activations from each layer's {@code
   * activate} in a training forward pass (so with its dropout: A is the next layer's dropped input),
   * pre-activations A_prev·W + b from DL4J's parameters with ND4J, dL/dZ of the output layer from the loss
   * function, and each hidden layer's dA (the epsilon the layer above passes down) and dZ from its
   * activation's {@code backprop}. DL4J never forms dA of the output layer (its loss returns dL/dZ
   * directly): that entry is null. dA and dZ are mapped by {@link Conventions#costScale} (DL4J's are
   * derivatives of m·S, the course's of m·J = c·m·S); dW and db as in {@link #backprop}.
   */
  @Override
  public List<twinnet.model.LayerQuantities> study(Matrix X, Matrix Y) {
    if (stack != null) {
      throw new UnsupportedOperationException("the twin's per-layer quantities are for dense networks");
    }
    requireData(X, Y);
    org.deeplearning4j.nn.workspace.LayerWorkspaceMgr mgr =
        org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces();
    INDArray x = in(X);
    INDArray y = in(Y);
    int L = spec.depth();
    boolean training = trainsDifferently();
    // a training forward pass, DL4J layer by DL4J layer: each dense layer drops its input with its dropout
    List<INDArray> acts = new ArrayList<>(List.of(x)); // [input, A1, …, AL], before the next layer drops any
    INDArray[] dropped = new INDArray[L]; // each dense layer's input after its dropout
    INDArray[] Z = new INDArray[L]; // W·A_prev + b (before batch norm)
    INDArray[] Zt = new INDArray[L]; // Z̃, batch norm's output (null without)
    for (int l = 1; l <= L; l++) {
      org.deeplearning4j.nn.api.Layer dense = net.getLayer(layout.dense()[l - 1]);
      INDArray out = dense.activate(acts.get(l - 1).dup(), training, mgr).dup();
      dropped[l - 1] = dense.input().dup();
      // BaseLayer.preOutput is protected: Z = A_prev·W + b with ND4J, as DenseLayer's preOutput computes it.
      Z[l - 1] = dropped[l - 1].mmul(net.getParam(layout.key("W", l)));
      if (!spec.normalises(l)) {
        INDArray b = net.getParam(layout.key("b", l));
        Z[l - 1].addiRowVector(b.reshape(1, b.length()));
      } else {
        Zt[l - 1] = net.getLayer(layout.norm()[l - 1]).activate(out, true, mgr).dup();
        out = net.getLayer(layout.activation()[l - 1]).activate(Zt[l - 1].dup(), true, mgr).dup();
      }
      acts.add(out);
    }
    Gradients grads = backprop(X, Y).grads();
    double c = Conventions.costScale(spec);
    twinnet.model.LayerQuantities[] res = new twinnet.model.LayerQuantities[L];
    org.deeplearning4j.nn.layers.BaseOutputLayer<?> outLayer =
        (org.deeplearning4j.nn.layers.BaseOutputLayer<?>) net.getLayer(layout.dense()[L - 1]);
    INDArray dZ = outLayer.layerConf().getLossFn().computeGradient(y, Z[L - 1].dup(),
        outLayer.layerConf().getActivationFn(), null);
    outLayer.setInput(acts.get(L - 1).dup(), mgr);
    outLayer.setLabels(y);
    INDArray epsilon = outLayer.backpropGradient(null, mgr).getSecond().dup();
    res[L - 1] = new twinnet.model.LayerQuantities(L, Conventions.toCourseData(Z[L - 1]),
        Conventions.toCourseData(acts.get(L)), null, Conventions.toCourseData(dZ.mul(c)), grads.dW(L), grads.db(L));
    for (int l = L - 1; l >= 1; l--) {
      org.deeplearning4j.nn.api.Layer dense = net.getLayer(layout.dense()[l - 1]);
      twinnet.model.LayerQuantities.Norm nq = null;
      INDArray dZl;
      if (spec.normalises(l)) {
        // ActivationLayer: dZ̃ = dA ⊙ g′(Z̃); BatchNormalization: dZ (its forward run again for its caches)
        org.deeplearning4j.nn.api.Layer act = net.getLayer(layout.activation()[l - 1]);
        act.setInput(Zt[l - 1].dup(), mgr);
        INDArray dZt = act.backpropGradient(epsilon.dup(), mgr).getSecond().dup();
        org.deeplearning4j.nn.api.Layer bn = net.getLayer(layout.norm()[l - 1]);
        bn.activate(Z[l - 1].dup(), true, mgr);
        dZl = bn.backpropGradient(dZt.dup(), mgr).getSecond().dup();
        Parameters.Norm n = parameters().norm(l);
        // DL4J keeps its Z_norm private: (Z̃ − β)/γ from its own output
        Matrix Ztc = Conventions.toCourseData(Zt[l - 1]);
        double[] zn = new double[Ztc.rows() * Ztc.cols()];
        for (int i = 0; i < Ztc.rows(); i++) {
          for (int j = 0; j < Ztc.cols(); j++) {
            zn[i * Ztc.cols() + j] = (Ztc.get(i, j) - n.beta().get(i, 0)) / n.gamma().get(i, 0);
          }
        }
        nq = new twinnet.model.LayerQuantities.Norm(Matrix.of(Ztc.rows(), Ztc.cols(), zn), Ztc, Conventions.toCourseData(dZt.mul(c)),
            grads.dNorm(l).dgamma(), grads.dNorm(l).dbeta());
      } else {
        org.deeplearning4j.nn.layers.BaseLayer<?> layer = (org.deeplearning4j.nn.layers.BaseLayer<?>) dense;
        dZl = layer.layerConf().getActivationFn().backprop(Z[l - 1].dup(), epsilon.dup()).getFirst();
      }
      res[l - 1] = new twinnet.model.LayerQuantities(l, Conventions.toCourseData(Z[l - 1]),
          Conventions.toCourseData(dropped[l]), Conventions.toCourseData(epsilon.mul(c)),
          Conventions.toCourseData(dZl.mul(c)), grads.dW(l), spec.normalises(l) ? null : grads.db(l),
          mask(l, X.cols()), nq);
      dense.setInput(acts.get(l - 1).dup(), mgr);
      // the dense layer's backward from dZ: identity before batch norm, else its activation from dA
      epsilon = dense.backpropGradient(spec.normalises(l) ? dZl : epsilon, mgr).getSecond().dup();
    }
    // not net.clear(): it also drops the solver, and with it a stateful updater's moments
    return java.util.Arrays.asList(res);
  }

  /** The mask DL4J layer l (0-based) applies to its input this step, in the course's layout, or null. */
  private Matrix mask(int l, int m) {
    var d = net.getLayer(layout.dense()[l]).conf().getLayer().getIDropout();
    return d instanceof CourseDropout cd ? cd.courseMask(net.getIterationCount(), spec.size(l), m) : null;
  }

  @Override
  public Matrix predict(Matrix X) {
    requireData(X, null);
    return Conventions.toCourseData(net.output(inputs(X), false));
  }

  /** The DL4J layer indices of the conv stages (pools have no parameters). */
  private List<Integer> convLayers() {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; stack != null && i < stack.stages().size(); i++) {
      if (stack.stages().get(i) instanceof twinnet.model.ConvStack.Conv) {
        out.add(i);
      }
    }
    return out;
  }

  @Override
  public Parameters parameters() {
    List<Parameters.ConvLayer> convs = new ArrayList<>();
    for (int i : convLayers()) {
      convs.add(new Parameters.ConvLayer(ConvConventions.toCourseFilters(net.getParam(i + "_W")),
          ConvConventions.toCourseBias(net.getParam(i + "_b"))));
    }
    List<Matrix> W = new ArrayList<>();
    List<Matrix> b = new ArrayList<>();
    List<Parameters.Norm> norms = new ArrayList<>();
    for (int l = 1; l <= spec.depth(); l++) {
      W.add(Conventions.toCourseWeights(net.getParam(layout.key("W", l)), 1.0));
      if (spec.normalises(l)) {
        b.add(Matrix.zeros(spec.size(l), 1));
        norms.add(new Parameters.Norm(courseVector("gamma", l), courseVector("beta", l), courseVector("mean", l),
            courseVector("var", l)));
      } else {
        b.add(Conventions.toCourseBias(net.getParam(layout.key("b", l)), 1.0));
        norms.add(null);
      }
    }
    return new Parameters(W, b, norms, convs);
  }

  private Matrix courseVector(String kind, int l) {
    return Conventions.toCourseBias(net.getParam(layout.key(kind, l)), 1.0);
  }

  @Override
  public void setParameters(Parameters p) {
    p.requireFits(spec);
    p.requireFits(stack);
    List<Integer> convs = convLayers();
    for (int k = 0; k < convs.size(); k++) {
      net.setParam(convs.get(k) + "_W", ConvConventions.toDl4jFilters(p.convs().get(k).W()).castTo(dtype));
      net.setParam(convs.get(k) + "_b", ConvConventions.toDl4jBias(p.convs().get(k).b()).castTo(dtype));
    }
    for (int l = 1; l <= spec.depth(); l++) {
      net.setParam(layout.key("W", l), Conventions.toDl4jWeights(p.W(l)).castTo(dtype));
      if (spec.normalises(l)) {
        Parameters.Norm n = p.norm(l);
        setVector("gamma", l, n.gamma());
        setVector("beta", l, n.beta());
        setVector("mean", l, n.mean());
        setVector("var", l, n.var());
      } else {
        setVector("b", l, p.b(l));
      }
    }
  }

  private void setVector(String kind, int l, Matrix v) {
    String key = layout.key(kind, l);
    net.setParam(key, Conventions.toDl4jBias(v, net.getParam(key)).castTo(dtype));
  }

  /** Whether a training pass differs from a prediction: dropout, or batch norm's batch statistics. */
  private boolean trainsDifferently() {
    return spec.hasDropout() || spec.batchNorm() != null;
  }
}
