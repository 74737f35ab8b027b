package twinnet.dl4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import twinnet.model.Loss;
import twinnet.model.Matrix;
import twinnet.model.NetworkSpec;

/**
 * The one place where DL4J's conventions are mapped onto the course's. Notation: m examples, n_y
 * outputs, SSE = Σ (a − y)² over all outputs and examples, G the raw gradient DL4J's backprop
 * produces ({@code computeGradientAndScore}), S DL4J's score.
 *
 * <p>Facts this mapping rests on (pinned by {@code ConventionsTest}):
 *
 * <ul>
 *   <li>{@code LossMSE}: S = SSE / (m · n_y); {@code LossBinaryXENT}: S = −Σ[y log a + (1−y) log(1−a)] / m.
 *   <li>G is summed over the batch: G = m · ∂S/∂θ. The 1/m is applied by the updater (miniBatch).
 *   <li>One {@code fit} with {@code Sgd(η)} is θ ← θ − η · G / m.
 *   <li>DL4J's W is [n_{l−1}, n_l] (the course's Wᵀ); its b is [n_l] or [1, n_l]; data are [m, n].
 * </ul>
 */
public final class Conventions {
  private Conventions() {}

  /**
   * c such that the case's cost J = c · S (and so dJ/dθ = c · G / m):
   *
   * <ul>
   *   <li>half_mse: J = SSE/(2m) = (n_y/2) · SSE/(m·n_y) → c = n_y / 2;
   *   <li>mse: J = S → c = 1;
   *   <li>bce: J = S → c = 1.
   * </ul>
   */
  public static double costScale(NetworkSpec spec) {
    return spec.loss() == Loss.HALF_MSE ? spec.outputs() / 2.0 : 1.0;
  }

  /** J = c · S. */
  public static double costFromScore(NetworkSpec spec, double score) {
    return costScale(spec) * score;
  }

  /** dJ/dθ = c · G / m, element-wise (layout is mapped separately). */
  public static double gradientFactor(NetworkSpec spec, int m) {
    return costScale(spec) / m;
  }

  /**
   * DL4J's learning rate η for the case's learning rate α: θ ← θ − α·dJ/dθ = θ − α·c·G/m, and a DL4J
   * step is θ ← θ − η·G/m, so η = c · α.
   */
  public static double dl4jLearningRate(NetworkSpec spec, double learningRate) {
    return dl4jLearningRate(spec, twinnet.model.Optimizer.GD, learningRate);
  }

  /**
   * η for an optimizer. Rules linear in the gradient (gd, nesterov) take η = c·α as above. Rules that
   * divide by the gradient's size (rmsprop, adam) see DL4J's gradient G/m = dW/c and give the same step
   * for η = α once ε is scaled too: (dW/c) / (√s/c + ε′) = dW / (√s + c·ε′), so ε′ = ε/c
   * ({@link #dl4jEpsilon}).
   */
  public static double dl4jLearningRate(NetworkSpec spec, twinnet.model.Optimizer o, double learningRate) {
    return switch (o.kind()) {
      case GD, MOMENTUM, NESTEROV -> costScale(spec) * learningRate;
      case RMSPROP, ADAM, ADAM_DL4J -> learningRate;
    };
  }

  /** ε′ = ε / c (see {@link #dl4jLearningRate(NetworkSpec, twinnet.model.Optimizer, double)}). */
  public static double dl4jEpsilon(NetworkSpec spec, twinnet.model.Optimizer o) {
    return o.epsilon() / costScale(spec);
  }

  /**
   * DL4J's l2 coefficient for the course's λ at batch size m. The course adds (λ/m)·W to dJ/dW; DL4J's
   * updater adds l2·W to G/m, which the step scales like the gradient (by η/α = c for gd and nesterov, by
   * 1/c through the ε-mapped ratio for adam): both give l2 = λ / (c·m). DL4J's score then carries
   * ½·l2·Σw², and c times it is the course's λ/(2m)·Σ‖W‖².
   */
  /**
   * The course's L2 term of dJ/dW, (λ/m)·W: DL4J adds its l2·W in the updater, not in backprop, so the twin's
   * gradients in the course's convention get this factor of W added.
   */
  public static double courseL2Factor(double lambda, int m) {
    return lambda / m;
  }

  public static double dl4jL2(NetworkSpec spec, double lambda, int m) {
    return lambda / (costScale(spec) * m);
  }

  // ---- layers ----

  /**
   * Where the course's layer l lives in DL4J's list of layers. A plain layer is one {@code DenseLayer} (or
   * the {@code OutputLayer}) with its activation. A batch-normalised one is three, because DL4J's {@code
   * BatchNormalization} applies no activation: {@code DenseLayer} (identity, no bias: β takes b's place)
   * → {@code BatchNormalization} → {@code ActivationLayer} (the activation).
   *
   * @param dense DL4J's index of layer l's dense (or output) layer, by l − 1
   * @param norm its BatchNormalization layer, or −1
   * @param activation its ActivationLayer, or −1
   */
  public record Layout(int[] dense, int[] norm, int[] activation) {
    public static Layout of(NetworkSpec spec) {
      return of(spec, 0);
    }

    /** The layout of the dense layers after {@code front} DL4J layers (a conv stack's stages). */
    public static Layout of(NetworkSpec spec, int front) {
      int L = spec.depth();
      int[] dense = new int[L];
      int[] norm = new int[L];
      int[] act = new int[L];
      int i = front;
      for (int l = 1; l <= L; l++) {
        dense[l - 1] = i++;
        norm[l - 1] = spec.normalises(l) ? i++ : -1;
        act[l - 1] = spec.normalises(l) ? i++ : -1;
      }
      return new Layout(dense, norm, act);
    }

    /** DL4J's key of a course tensor of layer l: W, b (dense layer), gamma, beta, mean, var (batch norm). */
    public String key(String kind, int l) {
      boolean bn = kind.equals("gamma") || kind.equals("beta") || kind.equals("mean") || kind.equals("var");
      return (bn ? norm[l - 1] : dense[l - 1]) + "_" + kind;
    }

    /** How many layers DL4J's list holds (the output layer, never normalised, is the last). */
    public int size() {
      return dense[dense.length - 1] + 1;
    }
  }

  /**
   * DL4J's BatchNormalization for the course's batch norm: ε and the decay (the course's momentum, the
   * running averages' weight on their old value) as given, and {@code useLogStd(false)}: the running
   * variance stored as the variance (DL4J's builder default, true, stores log10 of the standard deviation,
   * {@code ConventionsTest}).
   */
  public static org.deeplearning4j.nn.conf.layers.BatchNormalization dl4jBatchNorm(NetworkSpec spec, int l) {
    return new org.deeplearning4j.nn.conf.layers.BatchNormalization.Builder()
        .nIn(spec.size(l)).nOut(spec.size(l))
        .eps(spec.batchNorm().epsilon())
        .decay(spec.batchNorm().momentum())
        .useLogStd(false)
        .build();
  }

  // ---- dropout ----

  /**
   * The dropout after the course's hidden layer {@code l}, or null. DL4J drops a layer's input, the course
   * a hidden layer's output: the course's D^[l] is the input dropout of the dense layer of course layer
   * l + 1 (the layer above, the output layer for l = L−1; {@link Layout#dense}). Both call the probability
   * the one of keeping a unit. See {@link CourseDropout}.
   */
  public static org.deeplearning4j.nn.conf.dropout.IDropout dl4jDropout(NetworkSpec spec, int l) {
    twinnet.model.Dropout d = spec.dropout();
    return d != null && d.drops(l) ? new CourseDropout(d.keep(l), d.seed(), l) : null;
  }

  // ---- layouts ----

  /** Course W (n_l × n_{l−1}) → DL4J W ([n_{l−1}, n_l]): a transpose. */
  public static INDArray toDl4jWeights(Matrix W) {
    return toNd4j(W.transpose());
  }

  /** DL4J W ([n_{l−1}, n_l]) → course W (n_l × n_{l−1}), optionally scaled. */
  public static Matrix toCourseWeights(INDArray w, double factor) {
    return fromNd4j(w, factor).transpose();
  }

  /** Course b (n_l × 1) → DL4J b, shaped like {@code like} (rank 1 [n_l], or [1, n_l]). */
  public static INDArray toDl4jBias(Matrix b, INDArray like) {
    return Nd4j.create(b.toRowMajor(), like.shape(), 'c').castTo(DataType.DOUBLE);
  }

  /** DL4J b (rank 1 [n_l] or [1, n_l]) → course b (n_l × 1). Reads by linear index: getDouble(j). */
  public static Matrix toCourseBias(INDArray b, double factor) {
    int n = (int) b.length();
    double[] v = new double[n];
    for (int j = 0; j < n; j++) {
      v[j] = b.getDouble(j) * factor;
    }
    return Matrix.of(n, 1, v);
  }

  /** Course data (n × m, examples in columns) → DL4J data ([m, n], examples in rows). */
  public static INDArray toDl4jData(Matrix X) {
    return toNd4j(X.transpose());
  }

  /** DL4J data ([m, n]) → course data (n × m). */
  public static Matrix toCourseData(INDArray a) {
    return fromNd4j(a, 1.0).transpose();
  }

  private static INDArray toNd4j(Matrix a) {
    return Nd4j.create(a.toRowMajor(), new long[] {a.rows(), a.cols()}, DataType.DOUBLE);
  }

  private static Matrix fromNd4j(INDArray a, double factor) {
    int r = (int) a.rows();
    int c = (int) a.columns();
    double[] v = new double[r * c];
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < c; j++) {
        v[i * c + j] = a.getDouble(i, j) * factor;
      }
    }
    return Matrix.of(r, c, v);
  }
}
