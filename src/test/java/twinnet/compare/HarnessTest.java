package twinnet.compare;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import twinnet.data.Dataset;
import twinnet.data.Datasets;
import twinnet.dl4j.Dl4jNetwork;
import twinnet.model.Activation;
import twinnet.model.Initializer;
import twinnet.model.Loss;
import twinnet.model.Matrix;
import twinnet.model.NetworkSpec;
import twinnet.model.Parameters;
import twinnet.scratch.ScratchNetwork;

/** The harness's own semantics: relative error, messages, divergence in failure. */
class HarnessTest {

  @Test
  void relativeErrorIsNormOfDifferenceOverLargerNorm() {
    TensorDiff d = TensorDiff.of("dW1", 1, Matrix.row(3, 4), Matrix.row(3, 4.5));
    // ‖(0, −0.5)‖ / max(5, √(9 + 20.25))
    assertThat(d.relativeError()).isEqualTo(0.5 / Math.sqrt(29.25));
    assertThat(d.maxAbsDiff()).isEqualTo(0.5);
    assertThat(d.col()).isEqualTo(1);
    assertThat(d.a()).isEqualTo(4.0);
    assertThat(d.b()).isEqualTo(4.5);
  }

  @Test
  void twoZeroTensorsAgreeExactly() {
    TensorDiff d = TensorDiff.of("db1", 1, Matrix.zeros(3, 1), Matrix.zeros(3, 1));
    assertThat(d.relativeError()).isZero();
    assertThat(d.within(0)).isTrue();
  }

  @Test
  void differentShapesOrNonFiniteValuesNeverAgree() {
    TensorDiff shapes = TensorDiff.of("db2", 2, Matrix.zeros(3, 1), Matrix.zeros(3, 20));
    assertThat(shapes.shapeMismatch()).isTrue();
    assertThat(shapes.agrees(1, 1, 1e300)).isFalse();
    assertThat(shapes.describe("scratch", "dl4j")).contains("layer 2 db2", "shapes differ", "3×1", "3×20");

    TensorDiff nan = TensorDiff.of("W1", 1, Matrix.row(1, Double.NaN), Matrix.row(1, Double.NaN));
    assertThat(nan.agrees(1, 1, 1e300)).isFalse();
    assertThat(nan.col()).isEqualTo(1);
  }

  @Test
  void theRoundingFloorIsRelativeToTheSetNotAbsolute() {
    TensorDiff tiny = TensorDiff.of("db3", 3, Matrix.row(1e-16), Matrix.row(-2e-16));
    assertThat(tiny.within(1e-10)).isFalse();
    assertThat(tiny.agrees(1e-10, 1e-13, 1.0)).isTrue(); // noise against a set of size 1
    assertThat(tiny.agrees(1e-10, 1e-13, 1e-3)).isFalse(); // but not against a set of size 1e-3
  }

  @Test
  void aFailureMessageNamesLayerTensorBothValuesAndTheRelativeError() {
    Dataset d = Datasets.random(2, 1, 5, 1);
    NetworkSpec spec = NetworkSpec.of(new int[] {2, 3, 1}, Activation.TANH, Activation.IDENTITY, Loss.HALF_MSE);
    ScratchNetwork s = ScratchNetwork.initialized(spec, Initializer.HE, 1);
    ScratchNetwork broken = BrokenVariants.dWWithoutOneOverM(spec, s.parameters());
    Comparison c = Harness.compare(broken, s, d.X(), d.Y());
    TensorDiff first = c.firstMismatch().orElseThrow();
    String verdict = c.verdict();
    assertThat(verdict).startsWith("DISAGREE at layer 2 dW2 at (");
    assertThat(verdict).contains(String.format("scratch=%.17g", first.a()), String.format("relative error %.3e",
        first.relativeError()), "tolerance 1.0E-10");
    // m = 5: dW without 1/m is 5× too large, relative error 4/5
    assertThat(first.relativeError()).isCloseTo(0.8, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(c.table()).contains("dW2", "NOT OK", "db2");
  }

  @Test
  void bothSidesDivergingIsReportedAsSuchNotAsAPass() {
    Dataset raw = Datasets.seedQuadratic();
    NetworkSpec spec = NetworkSpec.of(new int[] {1, 8, 1}, Activation.IDENTITY, Activation.IDENTITY, Loss.HALF_MSE);
    ScratchNetwork s = ScratchNetwork.initialized(spec, Initializer.HE, 4);
    Dl4jNetwork t = Dl4jNetwork.withParameters(spec, s.parameters());
    // Raw x up to 19 (curvature ~x² ≫ 2/0.1) and targets up to 1140: the cost overflows within a few steps.
    SideBySide run = Harness.trainSideBySide(s, t, raw.X(), raw.Y(), 0.1, 300, Tolerances.DEFAULT);
    assertThat(run.status()).isEqualTo(SideBySide.Status.BOTH_DIVERGED);
    assertThat(run.agrees()).isFalse();
    assertThat(run.steps()).isLessThan(300);
    assertThat(Double.isFinite(run.costA()[run.steps() - 1])).isFalse();
    assertThat(run.verdict()).contains("BOTH DIVERGED at step " + (run.steps() - 1));
    // detected at the step it happens, on each side, naming the first non-finite tensor
    assertThat(run.faults()).extracting(SideBySide.NumericalFault::side).containsExactly("scratch", "dl4j");
    assertThat(run.faults()).allMatch(f -> f.step() == run.steps() - 1 && f.layer() >= 0);
    assertThat(run.verdict()).contains("scratch at step", "dl4j at step");
  }

  @Test
  void aParameterTurningInfiniteIsCaughtInItsLayerEvenWhileTheCostIsFinite() {
    Dataset d = Datasets.random(2, 1, 5, 1);
    NetworkSpec spec = NetworkSpec.of(new int[] {2, 3, 1}, Activation.TANH, Activation.IDENTITY, Loss.HALF_MSE);
    ScratchNetwork good = ScratchNetwork.initialized(spec, Initializer.HE, 1);
    ScratchNetwork blowsUp = new ScratchNetwork(spec, good.parameters()) {
      private int steps;

      @Override
      protected Parameters updateParameters(Parameters p, twinnet.model.Gradients g, double lr) {
        Parameters next = super.updateParameters(p, g, lr);
        if (++steps < 3) {
          return next;
        }
        return new Parameters(next.weights(), java.util.List.of(next.b(1), next.b(2).map(v -> Double.POSITIVE_INFINITY)));
      }
    };
    SideBySide run = Harness.trainSideBySide(blowsUp, good, d.X(), d.Y(), 0.1, 50, Tolerances.DEFAULT);
    assertThat(run.status()).isEqualTo(SideBySide.Status.DISAGREE);
    assertThat(run.faults()).singleElement().satisfies(f -> {
      assertThat(f.side()).isEqualTo("scratch");
      assertThat(f.step()).isEqualTo(2);
      assertThat(f.layer()).isEqualTo(2);
      assertThat(f.what()).contains("b2 became infinite");
    });
    assertThat(run.costA()[2]).isFinite(); // the cost before the step was still fine
    assertThat(run.verdict()).contains("step 2", "only scratch became non-finite");
  }

  @Test
  void oneSideDivergingIsADisagreement() {
    Dataset d = Datasets.random(2, 1, 5, 1);
    NetworkSpec spec = NetworkSpec.of(new int[] {2, 3, 1}, Activation.TANH, Activation.IDENTITY, Loss.HALF_MSE);
    ScratchNetwork good = ScratchNetwork.initialized(spec, Initializer.HE, 1);
    ScratchNetwork nan = new ScratchNetwork(spec, good.parameters()) {
      @Override
      protected double cost(ForwardPass f, Matrix Y) {
        return Double.NaN;
      }
    };
    SideBySide run = Harness.trainSideBySide(nan, good, d.X(), d.Y(), 0.1, 50, Tolerances.DEFAULT);
    assertThat(run.status()).isEqualTo(SideBySide.Status.DISAGREE);
    assertThat(run.firstDivergence().step()).isZero();
    assertThat(run.steps()).isEqualTo(1);
  }

  @Test
  void sideBySideStartsFromTheSameWeightsAndReportsEveryStep() {
    Dataset d = Datasets.seedQuadratic().standardized();
    NetworkSpec spec = NetworkSpec.of(new int[] {1, 8, 1}, Activation.TANH, Activation.IDENTITY, Loss.HALF_MSE);
    Dl4jNetwork t = Dl4jNetwork.initializedByDl4j(spec, Initializer.XAVIER, 3); // DL4J initialises ...
    ScratchNetwork s = new ScratchNetwork(spec, t.parameters()); // ... and the scratch network copies out
    Parameters start = s.parameters();
    SideBySide run = Harness.trainSideBySide(s, t, d.X(), d.Y(), 0.1, 40, Tolerances.DEFAULT);
    assertThat(run.agrees()).as(run.verdict()).isTrue();
    assertThat(run.costA()).hasSize(40);
    assertThat(run.costA()[39]).isLessThan(run.costA()[0]);
    assertThat(s.parameters()).isNotEqualTo(start);
    assertThat(run.verdict()).startsWith("AGREE over 40 steps");
  }

  @Test
  void hugeButFiniteValuesCompareWithoutOverflow() {
    TensorDiff d = TensorDiff.ofScalar("cost", 8.886046708864532e215, 8.886046708864307e215);
    assertThat(d.relativeError()).isCloseTo(2.53e-14, org.assertj.core.data.Percentage.withPercentage(1));
    TensorDiff big = TensorDiff.of("W1", 1, Matrix.row(1e200, 1e200), Matrix.row(1e200, 2e200));
    assertThat(big.norm()).isCloseTo(Math.sqrt(5) * 1e200, org.assertj.core.data.Percentage.withPercentage(1e-10));
    assertThat(big.relativeError()).isCloseTo(1 / Math.sqrt(5), org.assertj.core.data.Offset.offset(1e-12));
  }
}
