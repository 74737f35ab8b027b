package twinnet.scratch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import twinnet.model.Tensor4;
import twinnet.scratch.Convolution.ConvForward;
import twinnet.scratch.Convolution.ConvGrads;
import twinnet.scratch.Convolution.ConvParams;
import twinnet.scratch.Convolution.Mode;
import twinnet.scratch.Convolution.PoolForward;
import twinnet.scratch.Convolution.PoolParams;

/**
 * The convolution notebook's functions: the loops against the course's public test values (inputs from numpy's own
 * seed-1 draws; printed values held to 1e-8, their 8 decimals' rounding being 5e-9), against finite differences
 * (independent of the loops' own algebra), and the im2col form against the loops on odd shapes.
 */
class ConvolutionTest {
  private static final double PRINTED = 1e-8;

  static double mean(Tensor4 t) {
    double s = 0;
    for (double v : t.backingArray()) {
      s += v;
    }
    return s / t.size();
  }

  static void row(Tensor4 t, int i, int j, int k, double[] expected, String name) {
    for (int l = 0; l < expected.length; l++) {
      assertThat(t.get(i, j, k, l)).as(name + "[" + i + ", " + j + ", " + k + ", " + l + "]").isCloseTo(expected[l],
          within(PRINTED));
    }
  }

  @Test
  void zeroPadAndConvSingleStepGiveTheNotebooksValues() {
    Tensor4 x = NumpyDraws.randn(0, 4, 3, 3, 2);
    Tensor4 xPad = Convolution.zeroPad(x, 3);
    assertThat(xPad.shape()).containsExactly(4, 9, 9, 2);
    row(xPad, 1, 4, 3, new double[] {0.90085595, -0.68372786}, "x_pad"); // x[1, 1, 0]
    row(xPad, 1, 1, 1, new double[] {0, 0}, "x_pad");
    // conv_single_step(a_slice_prev (4, 4, 3), W (4, 4, 3), b (1, 1, 1)) = -6.999089450680221
    Tensor4 a = NumpyDraws.randn(0, 1, 4, 4, 3);
    Tensor4 w = NumpyDraws.randn(48, 4, 4, 3, 1);
    double b = NumpyDraws.seed1(96, 1)[0];
    assertThat(Convolution.convSingleStep(a, 0, 0, 0, w, 0, b)).isCloseTo(-6.999089450680221, within(1e-12));
  }

  @Test
  void convForwardAndBackwardGiveTheNotebooksValues() {
    Tensor4 aPrev = NumpyDraws.randn(0, 2, 5, 7, 4);
    Tensor4 W = NumpyDraws.randn(280, 3, 3, 4, 8);
    Tensor4 b = NumpyDraws.randn(568, 1, 1, 1, 8);
    ConvForward f = Convolution.convForward(aPrev, W, b, new ConvParams(2, 1));
    assertThat(f.Z().shape()).containsExactly(2, 3, 4, 8);
    assertThat(mean(f.Z())).isCloseTo(0.5511276474566768, within(1e-12));
    row(f.Z(), 0, 2, 1, new double[] {-2.17796037, 8.07171329, -0.5772704, 3.36286738, 4.48113645, -2.89198428,
        10.99288867, 3.03171932}, "Z");
    // the notebook's conv_backward cell: A_prev (10, 4, 4, 3), W (2, 2, 3, 8), pad 2, stride 2, dZ = Z
    Tensor4 a2 = NumpyDraws.randn(0, 10, 4, 4, 3);
    ConvForward f2 = Convolution.convForward(a2, NumpyDraws.randn(480, 2, 2, 3, 8), NumpyDraws.randn(576, 1, 1, 1, 8),
        new ConvParams(2, 2));
    ConvGrads g = Convolution.convBackward(f2.Z(), f2);
    assertThat(mean(g.dAprev())).isCloseTo(1.4524377775388075, within(1e-12));
    assertThat(mean(g.dW())).isCloseTo(1.7269914583139097, within(1e-12));
    assertThat(mean(g.db())).isCloseTo(7.839232564616838, within(1e-12));
  }

  @Test
  void poolForwardAndBackwardGiveTheNotebooksValues() {
    Tensor4 aPrev = NumpyDraws.randn(0, 2, 5, 5, 3);
    PoolForward max = Convolution.poolForward(aPrev, new PoolParams(3, 1), Mode.MAX);
    assertThat(max.A().shape()).containsExactly(2, 3, 3, 3);
    row(max.A(), 1, 1, 0, new double[] {1.96710175, 0.84616065, 1.27375593}, "A (max)");
    PoolForward avg = Convolution.poolForward(aPrev, new PoolParams(3, 1), Mode.AVERAGE);
    row(avg.A(), 1, 1, 0, new double[] {0.44497696, -0.00261695, -0.31040307}, "A (average)");
    // pool_backward: A_prev (5, 5, 3, 2), f 2, stride 1, dA (5, 4, 2, 2)
    Tensor4 a2 = NumpyDraws.randn(0, 5, 5, 3, 2);
    Tensor4 dA = NumpyDraws.randn(150, 5, 4, 2, 2);
    Tensor4 dMax = Convolution.poolBackward(dA, Convolution.poolForward(a2, new PoolParams(2, 1), Mode.MAX));
    assertThat(mean(dA)).isCloseTo(0.145713902729, within(1e-12));
    row(dMax, 1, 1, 1, new double[] {5.05844394, -1.68282702}, "dA_prev (max)");
    row(dMax, 1, 1, 0, new double[] {0, 0}, "dA_prev (max)");
    Tensor4 dAvg = Convolution.poolBackward(dA, Convolution.poolForward(a2, new PoolParams(2, 1), Mode.AVERAGE));
    row(dAvg, 1, 1, 0, new double[] {0.08485462, 0.2787552}, "dA_prev (average)");
    row(dAvg, 1, 1, 1, new double[] {1.26461098, -0.25749373}, "dA_prev (average)");
  }

  @Test
  void theMaskGivesEveryTiedMaximumTheGradientAndDistributeValueSpreadsEvenly() {
    boolean[][] mask = Convolution.createMaskFromWindow(new double[][] {{1, 3}, {3, -1}});
    assertThat(mask[0]).containsExactly(false, true);
    assertThat(mask[1]).containsExactly(true, false);
    double[][] d = Convolution.distributeValue(2, 2, 2);
    assertThat(d[0]).containsExactly(0.5, 0.5);
    assertThat(d[1]).containsExactly(0.5, 0.5);
  }

  /** Loss L = Σ G ⊙ conv(A, W, b) for a fixed G: dL/dθ by central differences against conv_backward(G). */
  @ParameterizedTest(name = "f {0}, stride {1}, pad {2}")
  @MethodSource("smallGrid")
  void convBackwardIsTheGradientOfConvForward(int f, int stride, int pad) {
    Random r = new Random(f * 100 + stride * 10 + pad);
    Tensor4 A = random(r, 2, 5, 6, 2);
    Tensor4 W = random(r, f, f, 2, 3);
    Tensor4 b = random(r, 1, 1, 1, 3);
    ConvParams hp = new ConvParams(stride, pad);
    ConvForward fw = Convolution.convForward(A, W, b, hp);
    Tensor4 G = random(r, fw.Z().dim(0), fw.Z().dim(1), fw.Z().dim(2), fw.Z().dim(3));
    ConvGrads g = Convolution.convBackward(G, fw);
    assertNumerical(g.dAprev(), A, t -> dot(G, Convolution.convForward(t, W, b, hp).Z()));
    assertNumerical(g.dW(), W, t -> dot(G, Convolution.convForward(A, t, b, hp).Z()));
    assertNumerical(g.db(), b, t -> dot(G, Convolution.convForward(A, W, t, hp).Z()));
  }

  @ParameterizedTest(name = "f {0}, stride {1}")
  @MethodSource("smallGrid")
  void poolBackwardIsTheGradientOfPoolForward(int f, int stride, int unused) {
    Random r = new Random(f * 10 + stride);
    Tensor4 A = random(r, 2, 6, 5, 2); // continuous draws: no ties, so max pooling is differentiable here
    for (Mode mode : Mode.values()) {
      PoolParams hp = new PoolParams(f, stride);
      PoolForward fw = Convolution.poolForward(A, hp, mode);
      Tensor4 G = random(r, fw.A().dim(0), fw.A().dim(1), fw.A().dim(2), fw.A().dim(3));
      assertNumerical(Convolution.poolBackward(G, fw), A, t -> dot(G, Convolution.poolForward(t, hp, mode).A()));
    }
  }

  static Stream<Arguments> smallGrid() {
    return Stream.of(Arguments.of(1, 1, 0), Arguments.of(2, 2, 0), Arguments.of(3, 1, 1), Arguments.of(3, 2, 2),
        Arguments.of(2, 3, 1));
  }

  /**
   * The im2col form against the loops: pad 0–3, stride 1–3, f 1–5, and sizes where the floor drops rows and columns
   * (5 − 2 over stride 2 leaves one). 1e-12 relative: the same products summed in another order.
   */
  @ParameterizedTest(name = "f {0}, stride {1}, pad {2}, {3} × {4}")
  @MethodSource("oddShapes")
  void theFastFormIsTheLoops(int f, int stride, int pad, int h, int w) {
    Random r = new Random(31L * f + 7L * stride + pad + 1000L * h + w);
    Tensor4 A = random(r, 3, h, w, 2);
    Tensor4 W = random(r, f, f, 2, 4);
    Tensor4 b = random(r, 1, 1, 1, 4);
    ConvParams hp = new ConvParams(stride, pad);
    ConvForward loops = Convolution.convForward(A, W, b, hp);
    ConvForward fast = ConvolutionFast.convForward(A, W, b, hp);
    assertClose(fast.Z(), loops.Z(), "Z");
    Tensor4 dZ = random(r, loops.Z().dim(0), loops.Z().dim(1), loops.Z().dim(2), loops.Z().dim(3));
    ConvGrads gl = Convolution.convBackward(dZ, loops);
    ConvGrads gf = ConvolutionFast.convBackward(dZ, fast);
    assertClose(gf.dAprev(), gl.dAprev(), "dA_prev");
    assertClose(gf.dW(), gl.dW(), "dW");
    assertClose(gf.db(), gl.db(), "db");
  }

  static Stream<Arguments> oddShapes() {
    List<Arguments> out = new ArrayList<>();
    for (int f = 1; f <= 5; f++) {
      for (int stride = 1; stride <= 3; stride++) {
        for (int pad = 0; pad <= 3; pad++) {
          int h = 5 + (f + stride + pad) % 3; // 5, 6 or 7: some floors drop a row, some do not
          int w = 4 + (f * stride + pad) % 4;
          if (h + 2 * pad >= f && w + 2 * pad >= f) {
            out.add(Arguments.of(f, stride, pad, h, w));
          }
        }
      }
    }
    return out.stream();
  }

  @Test
  void aWindowThatDoesNotFitAndFiltersThatDoNotMatchAreNamed() {
    assertThat(Convolution.outputSize(5, 2, 0, 2)).isEqualTo(2); // the floor drops the last row
    assertThatThrownBy(() -> Convolution.outputSize(2, 5, 1, 1)).hasMessageContaining("does not fit");
    assertThatThrownBy(() -> Convolution.convForward(Tensor4.zeros(1, 4, 4, 3), Tensor4.zeros(2, 2, 2, 5),
        Tensor4.zeros(1, 1, 1, 5), new ConvParams(1, 0))).hasMessageContaining("filters 2 channels but A_prev");
    assertThatThrownBy(() -> Convolution.convForward(Tensor4.zeros(1, 4, 4, 3), Tensor4.zeros(2, 2, 3, 5),
        Tensor4.zeros(1, 1, 5, 1), new ConvParams(1, 0))).hasMessageContaining("it is (1, 1, 1, 5)");
  }

  // ---- helpers ----

  static Tensor4 random(Random r, int a, int b, int c, int d) {
    double[] v = new double[a * b * c * d];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextGaussian();
    }
    return Tensor4.of(a, b, c, d, v);
  }

  static double dot(Tensor4 a, Tensor4 b) {
    double s = 0;
    for (int i = 0; i < a.size(); i++) {
      s += a.backingArray()[i] * b.backingArray()[i];
    }
    return s;
  }

  /**
   * Central differences, ε = 1e-6: the loss is linear in each of A, W and b (and piecewise linear for max pooling),
   * so the difference is exact up to rounding, ~1e-16·|L|/ε ≈ 1e-9; held to 1e-7 absolute.
   */
  static void assertNumerical(Tensor4 analytic, Tensor4 at, java.util.function.ToDoubleFunction<Tensor4> loss) {
    double eps = 1e-6;
    double[] base = at.toArray();
    for (int n = 0; n < base.length; n++) {
      double[] plus = base.clone();
      plus[n] += eps;
      double[] minus = base.clone();
      minus[n] -= eps;
      double numeric = (loss.applyAsDouble(Tensor4.of(at.dim(0), at.dim(1), at.dim(2), at.dim(3), plus))
          - loss.applyAsDouble(Tensor4.of(at.dim(0), at.dim(1), at.dim(2), at.dim(3), minus))) / (2 * eps);
      assertThat(analytic.backingArray()[n]).as("element " + n).isCloseTo(numeric, within(1e-7));
    }
  }

  static void assertClose(Tensor4 a, Tensor4 b, String name) {
    assertThat(a.shape()).as(name + " shape").containsExactly(b.shape());
    double scale = Math.max(a.norm(), b.norm());
    assertThat(a.minus(b).norm()).as(name).isLessThanOrEqualTo(1e-12 * Math.max(scale, 1e-300));
  }
}
