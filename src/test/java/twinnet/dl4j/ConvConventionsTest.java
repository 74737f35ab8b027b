package twinnet.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import twinnet.model.Tensor4;
import twinnet.scratch.Convolution;
import twinnet.scratch.Convolution.ConvForward;
import twinnet.scratch.Convolution.ConvGrads;
import twinnet.scratch.Convolution.ConvParams;
import twinnet.scratch.Convolution.Mode;
import twinnet.scratch.Convolution.PoolForward;
import twinnet.scratch.Convolution.PoolParams;

/**
 * The course's convolution layout against DL4J 1.0.0-M2.1's ConvolutionLayer and SubsamplingLayer, fact by fact
 * (docs/comparisons.md, "Convolution"): the layer twins agree with the notebook's loops to 1e-12 relative (double
 * precision; DL4J's im2col + GEMM sums in another order), in NHWC and in NCHW; and max pooling's one real difference,
 * the gradient of a tied maximum, is pinned as what it is.
 */
class ConvConventionsTest {
  static Tensor4 random(Random r, int a, int b, int c, int d) {
    double[] v = new double[a * b * c * d];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextGaussian();
    }
    return Tensor4.of(a, b, c, d, v);
  }

  static twinnet.model.ConvStack.Pooling pooling(Mode m) {
    return m == Mode.MAX ? twinnet.model.ConvStack.Pooling.MAX : twinnet.model.ConvStack.Pooling.AVERAGE;
  }

  static void assertClose(Tensor4 a, Tensor4 b, double tol, String name) {
    assertThat(a.shape()).as(name + " shape").containsExactly(b.shape());
    assertThat(a.minus(b).norm()).as(name).isLessThanOrEqualTo(tol * Math.max(Math.max(a.norm(), b.norm()), 1e-300));
  }

  static Stream<Arguments> shapes() {
    // f, stride, pad, n_H, n_W, format: floors that drop a row (6 − 3 over 2), pads 0–2, both formats
    return Stream.of(Arguments.of(3, 1, 1, 5, 5, CNN2DFormat.NHWC), Arguments.of(3, 2, 0, 6, 7, CNN2DFormat.NHWC),
        Arguments.of(2, 2, 2, 5, 4, CNN2DFormat.NCHW), Arguments.of(1, 3, 0, 7, 5, CNN2DFormat.NCHW),
        Arguments.of(4, 1, 2, 4, 6, CNN2DFormat.NHWC));
  }

  @ParameterizedTest(name = "f {0}, stride {1}, pad {2}, {3} × {4}, {5}")
  @MethodSource("shapes")
  void convolutionLayerIsConvForwardAndConvBackward(int f, int stride, int pad, int h, int w, CNN2DFormat format) {
    Random r = new Random(f * 1000 + stride * 100 + pad * 10 + h);
    Tensor4 A = random(r, 3, h, w, 2);
    Tensor4 W = random(r, f, f, 2, 4);
    Tensor4 b = random(r, 1, 1, 1, 4);
    ConvParams hp = new ConvParams(stride, pad);
    ConvForward course = Convolution.convForward(A, W, b, hp);
    Tensor4 dZ = random(r, course.Z().dim(0), course.Z().dim(1), course.Z().dim(2), course.Z().dim(3));
    ConvGrads g = Convolution.convBackward(dZ, course);
    Dl4jConvLayers.Conv twin = Dl4jConvLayers.conv(A, W, b, stride, pad, dZ, format);
    assertClose(twin.Z(), course.Z(), 1e-12, "Z");
    assertClose(twin.dAprev(), g.dAprev(), 1e-12, "dA_prev");
    assertClose(twin.dW(), g.dW(), 1e-12, "dW (a sum over the batch in both)");
    assertClose(twin.db(), g.db(), 1e-12, "db");
  }

  @Test
  void filtersAreNOutNInKhKwBiasIsRankOneAndComesFirstInTheFlatParameters() {
    MultiLayerNetwork oblong = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
        .convolutionMode(ConvolutionMode.Truncate).list()
        .layer(new ConvolutionLayer.Builder(3, 2).nOut(5).build())
        .setInputType(InputType.convolutional(6, 6, 4)).build());
    oblong.init();
    assertThat(oblong.getParam("0_W").shape()).containsExactly(5, 4, 3, 2); // kernel (kH, kW) = (3, 2)
    assertThat(oblong.getParam("0_b").shape()).containsExactly(5);
    // the course's filters are square: a 3 × 3 layer for the flat layout (DL4J's setParam does not check the shape
    // it is given: a 3 × 3 filter set into a 3 × 2 layer writes past the layer's parameters)
    MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
        .convolutionMode(ConvolutionMode.Truncate).list()
        .layer(new ConvolutionLayer.Builder(3, 3).nOut(5).build())
        .setInputType(InputType.convolutional(6, 6, 4)).build());
    net.init();
    Random r = new Random(2);
    Tensor4 W = random(r, 3, 3, 4, 5);
    Tensor4 b = random(r, 1, 1, 1, 5);
    net.setParam("0_W", ConvConventions.toDl4jFilters(W));
    net.setParam("0_b", ConvConventions.toDl4jBias(b));
    double[] flat = net.params().toDoubleVector();
    for (int o = 0; o < 5; o++) {
      assertThat(flat[o]).isEqualTo(b.get(0, 0, 0, o));
    }
    // then W_dl4j[o, i, p, q] = W[p, q, i, o], flattened in C order
    assertThat(flat[5 + ((2 * 4 + 1) * 3 + 2) * 3 + 0]).isEqualTo(W.get(2, 0, 1, 2));
    assertThat(ConvConventions.toCourseFilters(ConvConventions.toDl4jFilters(W))).isEqualTo(W);
  }

  @Test
  void truncateFloorsLikeTheCourseAndTheDroppedRowGetsNoGradient() {
    Random r = new Random(3);
    Tensor4 A = random(r, 2, 6, 6, 1); // (6 − 3)/2 = 1.5: the last row and column are never in a window
    Tensor4 W = random(r, 3, 3, 1, 2);
    Tensor4 b = random(r, 1, 1, 1, 2);
    Tensor4 dZ = random(r, 2, 2, 2, 2);
    Dl4jConvLayers.Conv twin = Dl4jConvLayers.conv(A, W, b, 2, 0, dZ, CNN2DFormat.NHWC);
    assertThat(twin.Z().shape()).containsExactly(2, 2, 2, 2);
    for (int k = 0; k < 6; k++) {
      assertThat(twin.dAprev().get(0, 5, k, 0)).isZero();
      assertThat(twin.dAprev().get(1, k, 5, 0)).isZero();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pools")
  void subsamplingLayerIsPoolForwardAndPoolBackwardWithoutTies(Mode mode, int f, int stride, CNN2DFormat format) {
    Random r = new Random(f * 10 + stride);
    Tensor4 A = random(r, 2, 7, 6, 3); // continuous draws: no two equal values in a window
    PoolForward course = Convolution.poolForward(A, new PoolParams(f, stride), mode);
    Tensor4 dA = random(r, course.A().dim(0), course.A().dim(1), course.A().dim(2), course.A().dim(3));
    Dl4jConvLayers.Pool twin = Dl4jConvLayers.pool(A, f, stride, pooling(mode), dA, format);
    assertClose(twin.A(), course.A(), 1e-12, "A");
    assertClose(twin.dAprev(), Convolution.poolBackward(dA, course), 1e-12, "dA_prev");
  }

  static Stream<Arguments> pools() {
    return Stream.of(Arguments.of(Mode.MAX, 2, 2, CNN2DFormat.NHWC), Arguments.of(Mode.MAX, 3, 1, CNN2DFormat.NCHW),
        Arguments.of(Mode.AVERAGE, 2, 2, CNN2DFormat.NHWC), Arguments.of(Mode.AVERAGE, 3, 2, CNN2DFormat.NCHW));
  }

  /**
   * The one real difference: a window whose maximum is tied (ReLU's zeros make it common). The course's mask, x ==
   * np.max(x), gives dA to every tied maximum; libnd4j's maxpool2d_bp (strict {@code >}) to the first one in row-major
   * order only. The forward pass is the same.
   */
  @Test
  void aTiedMaximumGetsTheGradientOnceInDl4jAndAtEveryTieInTheCourse() {
    // one 2 × 2 window per output; window 0 ties at 0 (a ReLU's output), window 1 has one maximum
    Tensor4 A = Tensor4.of(1, 2, 4, 1, new double[] {0, 0, 1, 3, 0, -0.0, 2, 0.5});
    Tensor4 dA = Tensor4.of(1, 1, 2, 1, new double[] {1.5, -2});
    PoolForward course = Convolution.poolForward(A, new PoolParams(2, 2), Mode.MAX);
    Dl4jConvLayers.Pool twin = Dl4jConvLayers.pool(A, 2, 2, twinnet.model.ConvStack.Pooling.MAX, dA, CNN2DFormat.NHWC);
    assertThat(twin.A()).isEqualTo(course.A());
    Tensor4 mine = Convolution.poolBackward(dA, course);
    assertThat(mine.toArray()).containsExactly(1.5, 1.5, 0, -2, 1.5, 1.5, 0, 0); // every tie
    assertThat(twin.dAprev().toArray()).containsExactly(1.5, 0, 0, -2, 0, 0, 0, 0); // the first only
  }
}
