package twinnet.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import twinnet.data.Dataset;
import twinnet.dl4j.Dl4jNetwork;
import twinnet.model.Activation;
import twinnet.model.Initializer;
import twinnet.model.Loss;
import twinnet.model.Matrix;
import twinnet.model.NetworkSpec;
import twinnet.scratch.ScratchNetwork;

/**
 * Property tests: random networks (depth, widths, activations, loss, outputs), random data and random
 * weights, 200 of each per run. Every case is drawn from its own seed; a failure prints it, and
 * {@code -Dtwinnet.seed=S} moves the whole run (the case with seed S is then the first).
 */
class RandomAgreementTest {
  static final long BASE = Long.getLong("twinnet.seed", 20261127L);
  static final int CASES = Integer.getInteger("twinnet.cases", 200);

  static Stream<Long> seeds() {
    return LongStream.range(0, CASES).map(i -> BASE + i).boxed();
  }

  /** α exact in float, where DL4J's float cast of α changes nothing. */
  private static final double[] ALPHAS = {0.25, 0.5, 0.0078125, 0.125};

  /** A random network and data set, reproducible from the seed. */
  record Drawn(NetworkSpec spec, Dataset data, Initializer init, long weightSeed) {}

  /**
   * A draw inside the domain where each property is claimed, redrawn (deterministically, from the same
   * seed) until it is: (1) sigmoid outputs of a cross-entropy network inside [1e-5, 1 − 1e-5], where DL4J
   * does not clip them (its clipping is a documented difference, pinned in Dl4jQuirksTest); (2) for the
   * gradient check, a gradient that stands above the check's own rounding: central differences of a cost
   * J carry an error of about ε_mach·J/ε ≈ 2e-9·J per component, so ‖grad‖ ≥ 1e-3·max(J, 1) is asked.
   */
  static Drawn draw(long seed, boolean smoothOnly) {
    Random seeds = new Random(seed);
    for (int attempt = 0; attempt < 1000; attempt++) {
      Drawn d = drawOnce(new Random(seeds.nextLong()), smoothOnly);
      ScratchNetwork s = ScratchNetwork.initialized(d.spec(), d.init(), d.weightSeed());
      var bp = s.backprop(d.data().X(), d.data().Y());
      boolean inside = true;
      if (d.spec().loss() == Loss.BCE) {
        for (double a : bp.AL().toRowMajor()) {
          inside &= a > 1e-5 && a < 1 - 1e-5;
        }
      }
      double gradNorm = 0;
      for (var t : bp.grads().backwardOrder()) {
        gradNorm = Math.hypot(gradNorm, t.value().norm());
      }
      boolean aboveRounding = gradNorm >= 1e-3 * Math.max(Math.abs(bp.cost()), 1);
      if (inside && (!smoothOnly || aboveRounding)) {
        return d;
      }
    }
    throw new IllegalStateException("no draw inside the domain from seed " + seed);
  }

  private static Drawn drawOnce(Random r, boolean smoothOnly) {
    Activation[] hiddenChoices = smoothOnly
        ? new Activation[] {Activation.TANH, Activation.SIGMOID, Activation.IDENTITY}
        : new Activation[] {Activation.RELU, Activation.LEAKY_RELU, Activation.TANH, Activation.SIGMOID,
            Activation.IDENTITY, Activation.ELU};
    Activation hidden = hiddenChoices[r.nextInt(hiddenChoices.length)];
    int depth = 1 + r.nextInt(4);
    int inputs = 1 + r.nextInt(5);
    int outputs = 1 + r.nextInt(3);
    int[] layers = new int[depth + 1];
    layers[0] = inputs;
    for (int l = 1; l < depth; l++) {
      layers[l] = 1 + r.nextInt(smoothOnly ? 6 : 12);
    }
    layers[depth] = outputs;
    Loss loss = Loss.values()[r.nextInt(3)];
    Activation output;
    if (loss == Loss.BCE) {
      output = Activation.SIGMOID;
    } else {
      Activation[] outs = smoothOnly ? new Activation[] {Activation.IDENTITY, Activation.TANH, Activation.SIGMOID}
          : new Activation[] {Activation.IDENTITY, Activation.RELU, Activation.LEAKY_RELU, Activation.TANH,
              Activation.SIGMOID, Activation.ELU};
      output = outs[r.nextInt(outs.length)];
    }
    double hiddenAlpha = hidden == Activation.ELU ? 1.0 : ALPHAS[r.nextInt(ALPHAS.length)];
    double outputAlpha = output == Activation.ELU ? 1.0 : ALPHAS[r.nextInt(ALPHAS.length)];
    NetworkSpec spec = new NetworkSpec(layers, hidden, hiddenAlpha, output, outputAlpha, loss);
    int m = 1 + r.nextInt(smoothOnly ? 12 : 40);
    double scale = Math.pow(10, r.nextDouble() * 2 - 1); // features of size 0.1 to 10
    Matrix X = gaussian(r, inputs, m).scale(scale);
    Matrix Y = loss == Loss.BCE ? gaussian(r, outputs, m).map(v -> v > 0 ? 1.0 : 0.0) : gaussian(r, outputs, m);
    Initializer init = Initializer.values()[1 + r.nextInt(2)];
    return new Drawn(spec, new Dataset("random", X, Y), init, r.nextLong());
  }

  private static Matrix gaussian(Random r, int rows, int cols) {
    double[] v = new double[rows * cols];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextGaussian();
    }
    return Matrix.of(rows, cols, v);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void randomNetworksAgreeWithTheirTwin(long seed) {
    Drawn d = draw(seed, false);
    ScratchNetwork scratch = ScratchNetwork.initialized(d.spec(), d.init(), d.weightSeed());
    Dl4jNetwork twin = Dl4jNetwork.withParameters(d.spec(), scratch.parameters());
    String replay = "seed " + seed + " (replay: -Dtwinnet.seed=" + seed + " -Dtwinnet.cases=1), " + d.spec() + ", m = "
        + d.data().examples();

    Comparison c = Harness.compare(scratch, twin, d.data().X(), d.data().Y());
    assertThat(c.agrees()).as(replay + ": " + c.verdict()).isTrue();

    // Large random weights and features make some draws diverge; both sides diverging at the same step,
    // with agreement before it, is agreement in failure.
    SideBySide run = Harness.trainSideBySide(scratch, twin, d.data().X(), d.data().Y(), 0.01, 20, Tolerances.DEFAULT);
    assertThat(run.status()).as(replay + ": " + run.verdict()).isIn(SideBySide.Status.AGREE,
        SideBySide.Status.BOTH_DIVERGED);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void theNumericalGradientCheckAgreesOnSmoothNetworks(long seed) {
    Drawn d = draw(seed, true);
    ScratchNetwork scratch = ScratchNetwork.initialized(d.spec(), d.init(), d.weightSeed());
    GradientCheck.Result r = GradientCheck.check(scratch, d.data().X(), d.data().Y());
    assertThat(r.passes()).as("seed " + seed + " (replay: -Dtwinnet.seed=" + seed + " -Dtwinnet.cases=1), "
        + d.spec() + ": " + r).isTrue();
  }
}
