package twinnet.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import twinnet.data.Dataset;
import twinnet.data.Datasets;
import twinnet.dl4j.Dl4jNetwork;
import twinnet.model.Activation;
import twinnet.model.Initializer;
import twinnet.model.Loss;
import twinnet.model.Matrix;
import twinnet.model.NetworkSpec;
import twinnet.model.Parameters;
import twinnet.scratch.Initialization;
import twinnet.scratch.ScratchNetwork;

/** The course's numerical gradient check as a third witness, at its threshold 2e-7 (ε = 1e-7). */
class GradientCheckTest {
  private static final Dataset REG = Datasets.random(3, 2, 10, 5);
  private static final Dataset BIN = Datasets.randomBinary(3, 2, 10, 5);
  private static final Dataset CLASSES = Datasets.randomClasses(3, 4, 10, 5);

  static Stream<Arguments> smooth() {
    return Stream.of(
        Arguments.of(NetworkSpec.of(new int[] {3, 5, 4, 2}, Activation.TANH, Activation.IDENTITY, Loss.HALF_MSE), REG),
        Arguments.of(NetworkSpec.of(new int[] {3, 5, 2}, Activation.SIGMOID, Activation.IDENTITY, Loss.MSE), REG),
        Arguments.of(NetworkSpec.of(new int[] {3, 4, 2}, Activation.TANH, Activation.TANH, Loss.MSE), REG),
        Arguments.of(NetworkSpec.of(new int[] {3, 6, 2}, Activation.TANH, Activation.SIGMOID, Loss.BCE), BIN),
        Arguments.of(NetworkSpec.of(new int[] {3, 4, 4, 2}, Activation.SIGMOID, Activation.SIGMOID, Loss.BCE), BIN),
        // softmax with categorical cross-entropy: the combined dZ = A − Y against finite differences of J
        Arguments.of(NetworkSpec.of(new int[] {3, 5, 4}, Activation.TANH, Activation.SOFTMAX, Loss.CCE), CLASSES),
        Arguments.of(NetworkSpec.of(new int[] {3, 4, 6, 4}, Activation.SIGMOID, Activation.SOFTMAX, Loss.CCE), CLASSES));
  }

  @ParameterizedTest
  @MethodSource("smooth")
  void scratchGradientsPassTheCoursesCheck(NetworkSpec spec, Dataset data) {
    ScratchNetwork net = ScratchNetwork.initialized(spec, Initializer.XAVIER, 17);
    Parameters before = net.parameters();
    GradientCheck.Result r = GradientCheck.check(net, data.X(), data.Y());
    assertThat(r.passes()).as(r.toString()).isTrue();
    assertThat(r.difference()).isLessThan(GradientCheck.THRESHOLD);
    assertThat(net.parameters()).as("parameters restored").isEqualTo(before);
  }

  @Test
  void theTwinPassesTooThroughTheSameInterface() {
    NetworkSpec spec = NetworkSpec.of(new int[] {3, 5, 2}, Activation.TANH, Activation.IDENTITY, Loss.HALF_MSE);
    Dl4jNetwork twin = Dl4jNetwork.initializedByDl4j(spec, Initializer.XAVIER, 17);
    assertThat(GradientCheck.check(twin, REG.X(), REG.Y()).passes()).isTrue();
  }

  @Test
  void brokenVariantsFailTheCheck() {
    // One output: MSE's dAL is 2·(A − Y), so half-MSE's A − Y is off by 2. (With n_y = 2, MSE's 2/n_y is 1
    // and the two gradients coincide: the slip is invisible there.)
    NetworkSpec spec = NetworkSpec.of(new int[] {3, 5, 1}, Activation.TANH, Activation.IDENTITY, Loss.MSE);
    Dataset reg1 = Datasets.random(3, 1, 10, 5);
    Parameters p = Initialization.initializeParametersDeep(spec.layers(), Initializer.XAVIER, 17);
    GradientCheck.Result factor2 = GradientCheck.check(BrokenVariants.halfMseGradientWithMseLoss(spec, p), reg1.X(),
        reg1.Y());
    assertThat(factor2.passes()).isFalse();
    assertThat(factor2.difference()).isGreaterThan(0.1); // grad = ½·gradapprox → difference ⅓
    GradientCheck.Result noM = GradientCheck.check(BrokenVariants.dWWithoutOneOverM(spec, p), reg1.X(), reg1.Y());
    assertThat(noM.passes()).isFalse();
    assertThat(noM.worstParameter()).startsWith("W");

    NetworkSpec sig = NetworkSpec.of(new int[] {3, 4, 2}, Activation.SIGMOID, Activation.SIGMOID, Loss.BCE);
    Parameters ps = Initialization.initializeParametersDeep(sig.layers(), Initializer.XAVIER, 17);
    assertThat(GradientCheck.check(BrokenVariants.sigmoidDerivativeTypo(sig, ps), BIN.X(), BIN.Y()).passes()).isFalse();
  }

  @Test
  void theDifferenceIsTheCoursesFormulaOnAKnownGradient() {
    Matrix x = Matrix.row(1);
    Parameters p = QuadraticNetwork.params(0.5, -1.5, 2.0, 0.25);
    // true gradient 2θ: central differences are exact for a quadratic, up to rounding
    GradientCheck.Result right = GradientCheck.check(new QuadraticNetwork(2, p), x, x);
    assertThat(right.difference()).isLessThan(1e-8);
    assertThat(right.passes()).isTrue();
    // grad = 3θ, gradapprox = 2θ: ‖θ‖ / (3‖θ‖ + 2‖θ‖) = 1/5
    GradientCheck.Result wrong = GradientCheck.check(new QuadraticNetwork(3, p), x, x);
    assertThat(wrong.difference()).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-8));
    // the worst element is the largest |θ|: b1(0,0) = 2, grad 6, gradapprox 4
    assertThat(wrong.worstParameter()).isEqualTo("b1(0,0)");
    assertThat(wrong.grad()).isEqualTo(6.0);
    assertThat(wrong.gradApprox()).isCloseTo(4.0, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(wrong.toString()).contains("difference 2.000e-01", "≥ 2e-7", "b1(0,0)");
    assertThat(right.toString()).contains("< 2e-7");
  }

  @Test
  void aZeroGradientEverywhereIsADifferenceOfZeroNotNaN() {
    Matrix x = Matrix.row(1);
    GradientCheck.Result r = GradientCheck.check(new QuadraticNetwork(2, QuadraticNetwork.params(0, 0, 0, 0)), x, x);
    assertThat(r.difference()).isZero();
  }

  @Test
  void theThresholdItselfFails() {
    assertThat(new GradientCheck.Result(GradientCheck.THRESHOLD, "W1(0,0)", 1, 1).passes()).isFalse();
    assertThat(new GradientCheck.Result(Math.nextDown(GradientCheck.THRESHOLD), "W1(0,0)", 1, 1).passes()).isTrue();
  }
}
