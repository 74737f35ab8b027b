package twinnet.compare;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import twinnet.data.Dataset;
import twinnet.data.Datasets;
import twinnet.dl4j.Dl4jNetwork;
import twinnet.model.Activation;
import twinnet.model.Initializer;
import twinnet.model.Loss;
import twinnet.model.NetworkSpec;
import twinnet.model.Parameters;
import twinnet.scratch.Initialization;
import twinnet.scratch.ScratchNetwork;

/**
 * DL4J's known quirks are detected by the harness, in the right layer, not hidden: a correct scratch
 * network disagrees with DL4J exactly where DL4J departs from the formula.
 */
class Dl4jQuirksTest {
  private static final Dataset DATA = Datasets.random(3, 2, 50, 21);

  private static Comparison compare(NetworkSpec spec) {
    Parameters p = Initialization.initializeParametersDeep(spec.layers(), Initializer.HE, 9);
    return Harness.compare(new ScratchNetwork(spec, p), Dl4jNetwork.withParameters(spec, p), DATA.X(), DATA.Y());
  }

  private static NetworkSpec hidden(Activation a, double alpha) {
    return new NetworkSpec(new int[] {3, 8, 6, 2}, a, alpha, Activation.IDENTITY, Double.NaN, Loss.HALF_MSE);
  }

  @Test
  void leakyReluWithAlphaNotExactInFloatDisagreesNearOneEMinusEight() {
    Comparison c = compare(hidden(Activation.LEAKY_RELU, 0.01));
    // Forward passes use α in double: predictions, cost and the output layer agree.
    assertThat(c.predictions().relativeError()).isLessThan(1e-14);
    assertThat(c.gradient("dW3").relativeError()).isLessThan(1e-14);
    // The first tensor through a leaky ReLU′ is dW2: DL4J's backprop used (float) 0.01.
    assertThat(c.firstMismatch().orElseThrow().tensor()).isEqualTo("dW2");
    assertThat(c.gradient("dW2").relativeError()).isBetween(1e-10, 1e-7);
    assertThat(c.gradient("dW1").relativeError()).isBetween(1e-10, 1e-7);
  }

  @Test
  void leakyReluWithAlphaExactInFloatAgreesExactly() {
    for (double alpha : new double[] {0.25, 0.0078125}) { // 2⁻², 2⁻⁷
      Comparison c = compare(hidden(Activation.LEAKY_RELU, alpha));
      assertThat(c.agrees()).as(c.verdict()).isTrue();
      assertThat(c.worstGradientError()).isLessThan(1e-14);
    }
  }

  @Test
  void leakyReluOutputWithAlphaPointZeroOneDisagreesInTheOutputLayer() {
    NetworkSpec spec = new NetworkSpec(new int[] {3, 8, 2}, Activation.TANH, Double.NaN, Activation.LEAKY_RELU, 0.01,
        Loss.MSE);
    Parameters p = Initialization.initializeParametersDeep(spec.layers(), Initializer.HE, 9);
    // Every output pre-activation negative (b2 = −10): every dZ2 goes through α, so the relative error of
    // dW2 is the relative error of α itself, |(float) 0.01 − 0.01| / 0.01 ≈ 2.2e-8. (With mixed signs
    // the α-side terms are 100× smaller than the others and the error is diluted to ~1e-10.)
    Parameters negative = new Parameters(p.weights(), java.util.List.of(p.b(1), p.b(2).map(b -> -10.0)));
    Comparison c = Harness.compare(new ScratchNetwork(spec, negative), Dl4jNetwork.withParameters(spec, negative),
        DATA.X(), DATA.Y());
    double alphaError = Math.abs((float) 0.01 - 0.01) / 0.01;
    assertThat(c.firstMismatch().orElseThrow().tensor()).isEqualTo("dW2");
    assertThat(c.gradient("dW2").relativeError()).isCloseTo(alphaError, org.assertj.core.data.Percentage.withPercentage(1));
  }

  @Test
  void eluWithAlphaOtherThanOneDisagreesInTheLayerThatUsesIt() {
    // ELU only in the output layer: the output layer is where it shows.
    NetworkSpec out = new NetworkSpec(new int[] {3, 8, 2}, Activation.TANH, Double.NaN, Activation.ELU, 0.5,
        Loss.HALF_MSE);
    Comparison c = compare(out);
    assertThat(c.predictions().relativeError()).isLessThan(1e-14); // forward uses α correctly
    assertThat(c.firstMismatch().orElseThrow().tensor()).isEqualTo("dW2");
    assertThat(c.firstMismatch().orElseThrow().relativeError()).isGreaterThan(1e-3);

    // ELU in the hidden layers: the output layer agrees, the last hidden layer is the first to part.
    Comparison h = compare(hidden(Activation.ELU, 0.5));
    assertThat(h.gradient("dW3").relativeError()).isLessThan(1e-14);
    assertThat(h.gradient("db3").relativeError()).isLessThan(1e-14);
    assertThat(h.firstMismatch().orElseThrow().tensor()).isEqualTo("dW2");
    assertThat(h.verdict()).contains("layer 2 dW2");
  }

  @Test
  void eluWithAlphaOneAgrees() {
    Comparison c = compare(hidden(Activation.ELU, 1.0));
    assertThat(c.agrees()).as(c.verdict()).isTrue();
  }

  @Test
  void crossEntropyOnSaturatedOutputsShowsDl4jsClipping() {
    // DL4J clips sigmoid outputs to [1e-5, 1 − 1e-5] in LossBinaryXENT; the course's formula does not.
    NetworkSpec spec = NetworkSpec.of(new int[] {3, 4, 1}, Activation.TANH, Activation.SIGMOID, Loss.BCE);
    Dataset binary = Datasets.randomBinary(3, 1, 20, 4);
    Parameters p = Initialization.initializeParametersDeep(spec.layers(), Initializer.HE, 9);
    // Push the output bias far positive: every A ≈ 1 − e^(−15) ≈ 1 − 3e-7, beyond 1 − 1e-5.
    Parameters saturated = new Parameters(p.weights(),
        java.util.List.of(p.b(1), p.b(2).map(b -> 15.0)));
    Comparison c = Harness.compare(new ScratchNetwork(spec, saturated), Dl4jNetwork.withParameters(spec, saturated),
        binary.X(), binary.Y());
    assertThat(c.predictions().relativeError()).isLessThan(1e-14);
    assertThat(c.firstMismatch().orElseThrow().tensor()).isEqualTo("cost");
    assertThat(c.gradient("dW2").relativeError()).isGreaterThan(1e-3);
  }
}
