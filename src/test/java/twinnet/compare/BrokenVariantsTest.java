package twinnet.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import twinnet.data.Dataset;
import twinnet.data.Datasets;
import twinnet.dl4j.Dl4jNetwork;
import twinnet.model.Activation;
import twinnet.model.Dropout;
import twinnet.model.Initializer;
import twinnet.model.Loss;
import twinnet.model.NetworkSpec;
import twinnet.model.Parameters;
import twinnet.scratch.Initialization;
import twinnet.scratch.ScratchNetwork;

/**
 * The harness is only worth what it catches. Each broken variant (one step replaced, see {@link
 * BrokenVariants}) is compared with the DL4J twin at the same weights: the harness must flag it and
 * name the first wrong tensor, and the correct scratch network on the same setup must agree (so the
 * flag is the bug's, not the setup's).
 */
class BrokenVariantsTest {

  private static NetworkSpec spec(int[] layers, Activation hidden, Activation output, Loss loss) {
    return NetworkSpec.of(layers, hidden, output, loss);
  }

  static Stream<Arguments> variants() {
    Dataset random = Datasets.random(4, 3, 20, 7);
    Dataset binary = Datasets.randomBinary(4, 1, 20, 7);
    // Raw x (so x = 0 gives Z = 0 exactly with zero biases) and centred targets: y(0) = 0 would make the
    // residual, and so the gradient flowing into the kink, exactly 0 there, hiding the bug.
    Dataset seedRaw = Datasets.seedQuadratic();
    Dataset seedKink = new Dataset("x raw, y standardised", seedRaw.X(), Datasets.standardize(seedRaw.Y()));
    NetworkSpec reluOut = spec(new int[] {4, 6, 5, 3}, Activation.TANH, Activation.RELU, Loss.HALF_MSE);
    NetworkSpec identityOut = spec(new int[] {4, 6, 5, 3}, Activation.RELU, Activation.IDENTITY, Loss.HALF_MSE);
    NetworkSpec mseOut = spec(new int[] {4, 6, 5, 3}, Activation.TANH, Activation.IDENTITY, Loss.MSE);
    NetworkSpec classifier = spec(new int[] {4, 6, 1}, Activation.RELU, Activation.SIGMOID, Loss.BCE);
    NetworkSpec square = spec(new int[] {4, 4, 4, 4}, Activation.TANH, Activation.IDENTITY, Loss.HALF_MSE);
    NetworkSpec dropout = identityOut.withDropout(new Dropout(new double[] {0.8, 0.5}, 11));
    NetworkSpec batchNorm = identityOut.withBatchNorm(twinnet.model.BatchNorm.DEFAULT);
    NetworkSpec seedRelu = spec(new int[] {1, 8, 1}, Activation.RELU, Activation.IDENTITY, Loss.HALF_MSE);
    return Stream.of(
        Arguments.of("dAL = activation derivative", v(BrokenVariants::dALIsActivationDerivative), reluOut, random,
            "dW3"),
        Arguments.of("dAL = Σ(A−Y)/m scalar", v(BrokenVariants::dALIsSummedScalar), identityOut, random, "dW3"),
        Arguments.of("last activation derivative forgotten", v(BrokenVariants::lastActivationDerivativeForgotten),
            classifier, binary, "dW2"),
        Arguments.of("dW without 1/m", v(BrokenVariants::dWWithoutOneOverM), identityOut, random, "dW3"),
        Arguments.of("db not summed over examples", v(BrokenVariants::dbNotSummed), identityOut, random, "db3"),
        Arguments.of("A_prev not transposed (square layers)", v(BrokenVariants::aPrevNotTransposed), square, random(4),
            "dW3"),
        Arguments.of("ReLU′(0) = 1 (x = 0, zero biases)", v(BrokenVariants::reluDerivativeOneAtZero), seedRelu,
            seedKink, "db1"),
        Arguments.of("half-MSE gradient with MSE loss", v(BrokenVariants::halfMseGradientWithMseLoss), mseOut, random,
            "dW3"),
        Arguments.of("sigmoid′ = s(1+s)", v(BrokenVariants::sigmoidDerivativeTypo), classifier, binary, "dW2"),
        Arguments.of("softmax + cce: dZ = A, Y forgotten", v(BrokenVariants::softmaxYForgotten),
            spec(new int[] {4, 6, 3}, Activation.TANH, Activation.SOFTMAX, Loss.CCE), Datasets.randomClasses(4, 3, 20, 7),
            "dW2"),
        // the mask after hidden layer 2 enters the backward pass at dA2, so dW3 and db3 are still right
        Arguments.of("dropout: mask not reused in backward", v(BrokenVariants::dropoutMaskNotReused), dropout, random,
            "dW2"),
        Arguments.of("dropout: forward not divided by keep_prob", v(BrokenVariants::dropoutForwardNotScaled), dropout,
            random, "AL"),
        Arguments.of("dropout: backward not divided by keep_prob", v(BrokenVariants::dropoutBackwardNotScaled), dropout,
            random, "dW2"),
        Arguments.of("dropout: applied at prediction time", v(BrokenVariants::dropoutAtPrediction), dropout, random,
            "predict"),
        // batch norm's backward enters at dZ2 (after dγ2, dβ2): dW2 is the first wrong tensor
        Arguments.of("batch norm: backward without the terms through μ and σ²",
            v(BrokenVariants::batchNormWithoutMeanAndVarianceTerms), batchNorm, random, "dW2"),
        Arguments.of("batch norm: sample variance 1/(m−1)", v(BrokenVariants::batchNormSampleVariance), batchNorm,
            random, "AL"),
        Arguments.of("batch norm: ε outside the square root", v(BrokenVariants::batchNormEpsilonOutsideTheRoot),
            batchNorm, random, "AL"));
  }

  private static Dataset random(int n) {
    return Datasets.random(n, n, 20, 7);
  }

  private static BiFunction<NetworkSpec, Parameters, ScratchNetwork> v(
      BiFunction<NetworkSpec, Parameters, ScratchNetwork> f) {
    return f;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("variants")
  void harnessFlagsTheVariantAtTheFirstWrongTensor(String name,
      BiFunction<NetworkSpec, Parameters, ScratchNetwork> variant, NetworkSpec spec, Dataset data,
      String firstWrong) {
    Parameters p = Initialization.forSpec(spec, Initializer.HE, 3);
    Dl4jNetwork twin = Dl4jNetwork.withParameters(spec, p);

    Comparison control = Harness.compare(new ScratchNetwork(spec, p), twin, data.X(), data.Y());
    assertThat(control.agrees()).as("the correct network agrees: " + control.verdict()).isTrue();

    Comparison broken = Harness.compare(variant.apply(spec, p), twin, data.X(), data.Y());
    assertThat(broken.agrees()).as(name + " must be flagged").isFalse();
    assertThat(broken.firstMismatch().orElseThrow().tensor()).as(broken.verdict()).isEqualTo(firstWrong);
    assertThat(broken.verdict()).contains(firstWrong, "scratch", "dl4j");
    if (firstWrong.startsWith("d")) {
      assertThat(broken.verdict()).contains("layer " + firstWrong.substring(2));
    }
  }

  @Test
  void updateAddedInsteadOfSubtractedIsFlaggedAtTheFirstStep() {
    NetworkSpec spec = spec(new int[] {4, 6, 3}, Activation.TANH, Activation.IDENTITY, Loss.HALF_MSE);
    Dataset data = Datasets.random(4, 3, 20, 7);
    Parameters p = Initialization.initializeParametersDeep(spec.layers(), Initializer.HE, 3);
    Dl4jNetwork twin = Dl4jNetwork.withParameters(spec, p);
    ScratchNetwork broken = BrokenVariants.updateAdded(spec, p);

    // Its gradients are right, so the comparison at one point cannot see it ...
    assertThat(Harness.compare(broken, twin, data.X(), data.Y()).agrees()).isTrue();
    // ... but side by side, the first update parts them.
    SideBySide run = Harness.trainSideBySide(broken, twin, data.X(), data.Y(), 0.05, 10, Tolerances.DEFAULT);
    assertThat(run.status()).isEqualTo(SideBySide.Status.DISAGREE);
    assertThat(run.firstDivergence().step()).isZero();
    assertThat(run.firstDivergence().diff().tensor()).isEqualTo("W1");
    assertThat(run.verdict()).contains("step 0", "W1 after the update");
  }

  @Test
  void noVariantHidesUnderTheRoundingFloor() {
    // The floor excuses differences below 1e-13 of the set's scale; every variant is far above it.
    variants().forEach(a -> {
      Object[] args = a.get();
      @SuppressWarnings("unchecked")
      var variant = (BiFunction<NetworkSpec, Parameters, ScratchNetwork>) args[1];
      NetworkSpec spec = (NetworkSpec) args[2];
      Dataset data = (Dataset) args[3];
      Parameters p = Initialization.forSpec(spec, Initializer.HE, 3);
      Comparison c = Harness.compare(variant.apply(spec, p), Dl4jNetwork.withParameters(spec, p), data.X(), data.Y());
      TensorDiff d = c.firstMismatch().orElseThrow();
      double scale = c.gradients().stream().mapToDouble(TensorDiff::norm).max().orElseThrow();
      assertThat(d.diffNorm()).as((String) args[0]).isGreaterThan(1e-6 * scale);
    });
  }
}
