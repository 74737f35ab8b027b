package twinnet.compare;

import twinnet.cases.ComparisonRun;
import twinnet.cases.ComparisonRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import twinnet.data.Batches;
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

/** The harness's less travelled paths: per-step gradients, every kind of fault, tables, one-point runs. */
class HarnessBranchesTest {
  private static final Dataset DATA = Datasets.random(3, 2, 12, 5);
  private static final NetworkSpec SPEC = NetworkSpec.of(new int[] {3, 4, 2}, Activation.TANH, Activation.IDENTITY,
      Loss.HALF_MSE);
  private static final Parameters P = Initialization.initializeParametersDeep(SPEC.layers(), Initializer.HE, 2);

  @Test
  void gradientsComparedAtEveryStepAreRecordedPerLayer() {
    SideBySide run = Harness.trainSideBySide(new ScratchNetwork(SPEC, P), Dl4jNetwork.withParameters(SPEC, P),
        new Batches(DATA, 5, 3L), 0.05, 6, Tolerances.DEFAULT, true);
    assertThat(run.agrees()).as(run.verdict()).isTrue();
    assertThat(run.gradientError()).hasNumberOfRows(6);
    for (double[] perLayer : run.gradientError()) {
      assertThat(perLayer).hasSize(2);
      assertThat(perLayer[0]).isBetween(0.0, 1e-12);
    }
    assertThat(run.parameterError()).hasSize(6);
    assertThat(java.util.Arrays.stream(run.parameterError()).max().orElseThrow()).isLessThan(1e-13);
    SideBySide plain = Harness.trainSideBySide(new ScratchNetwork(SPEC, P), Dl4jNetwork.withParameters(SPEC, P),
        DATA.X(), DATA.Y(), 0.05, 2, Tolerances.DEFAULT);
    assertThat(plain.gradientError()).isNull();
  }

  @Test
  void aWrongGradientAtStepZeroIsTheFirstDivergenceWithItsComparison() {
    ScratchNetwork broken = BrokenVariants.dWWithoutOneOverM(SPEC, P);
    SideBySide run = Harness.trainSideBySide(broken, Dl4jNetwork.withParameters(SPEC, P), Batches.fullBatch(DATA),
        0.05, 4, Tolerances.DEFAULT, true);
    assertThat(run.firstDivergence().step()).isZero();
    assertThat(run.firstDivergence().diff().tensor()).isEqualTo("dW2");
    assertThat(run.firstDivergence().what()).isEqualTo("dW2 at the initial weights");
    assertThat(run.atDivergence().firstMismatch().orElseThrow().tensor()).isEqualTo("dW2");
    assertThat(run.gradientError()[0][1]).isGreaterThan(0.5);
  }

  @Test
  void aWrongCostIsNotTakenForAWrongGradient() {
    // A cost off by 2 with right gradients: the mismatch at step 0 is the cost, found as the cost.
    ScratchNetwork doubledCost = new ScratchNetwork(SPEC, P) {
      @Override
      protected double cost(ForwardPass f, Matrix Y) {
        return 2 * super.cost(f, Y);
      }
    };
    SideBySide run = Harness.trainSideBySide(doubledCost, Dl4jNetwork.withParameters(SPEC, P), Batches.fullBatch(DATA),
        0.05, 3, Tolerances.DEFAULT, true);
    assertThat(run.firstDivergence().what()).isEqualTo("cost before the step");
    assertThat(run.firstDivergence().step()).isZero();
    assertThat(run.costError(0)).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(run.worstCostError()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(run.atDivergence()).isNotNull();
  }

  /** A scratch network whose cost or parameters go bad from a given step on. */
  private static ScratchNetwork badFrom(int step, boolean cost, double value) {
    return new ScratchNetwork(SPEC, P) {
      private int steps;

      @Override
      public double step(Matrix X, Matrix Y, double lr) {
        double c = super.step(X, Y, lr);
        if (steps++ < step) {
          return c;
        }
        if (cost) {
          return value;
        }
        Parameters p = parameters();
        setParameters(new Parameters(List.of(p.W(1).with(0, 0, value), p.W(2)), p.biases()));
        return c;
      }
    };
  }

  @Test
  void eachKindOfFaultIsNamed() {
    SideBySide nanCost = Harness.trainSideBySide(badFrom(1, true, Double.NaN), new ScratchNetwork(SPEC, P), DATA.X(),
        DATA.Y(), 0.05, 5, Tolerances.DEFAULT);
    assertThat(nanCost.faults()).singleElement().satisfies(f -> {
      assertThat(f.layer()).isZero();
      assertThat(f.what()).isEqualTo("the cost is NaN");
      assertThat(f.step()).isEqualTo(1);
    });
    SideBySide nanW = Harness.trainSideBySide(new ScratchNetwork(SPEC, P), badFrom(0, false, Double.NaN), DATA.X(),
        DATA.Y(), 0.05, 5, Tolerances.DEFAULT);
    assertThat(nanW.faults()).singleElement().satisfies(f -> {
      assertThat(f.side()).isEqualTo("scratch");
      assertThat(f.layer()).isEqualTo(1);
      assertThat(f.what()).isEqualTo("W1 became NaN in the update");
    });
    assertThat(nanW.verdict()).contains("only scratch became non-finite");
    assertThat(nanW.steps()).isEqualTo(1);
    SideBySide both = Harness.trainSideBySide(badFrom(2, false, Double.NEGATIVE_INFINITY),
        badFrom(2, true, Double.POSITIVE_INFINITY), DATA.X(), DATA.Y(), 0.05, 5, Tolerances.DEFAULT);
    assertThat(both.status()).isEqualTo(SideBySide.Status.BOTH_DIVERGED);
    assertThat(both.divergedAt()).isEqualTo(2);
    assertThat(both.faults()).extracting(SideBySide.NumericalFault::what)
        .containsExactly("W1 became infinite in the update", "the cost is Infinity");
    SideBySide fine = Harness.trainSideBySide(new ScratchNetwork(SPEC, P), new ScratchNetwork(SPEC, P), DATA.X(),
        DATA.Y(), 0.05, 5, Tolerances.DEFAULT);
    assertThat(fine.divergedAt()).isEqualTo(-1);
    assertThat(fine.faults()).isEmpty();
  }

  @Test
  void aParameterDifferenceUnderTheFloorOfItsSetAgreesAndOneAboveDoesNot() {
    Parameters shifted = new Parameters(List.of(P.W(1), P.W(2)),
        List.of(P.b(1).map(v -> v + 1e-15), P.b(2)));
    Parameters far = new Parameters(List.of(P.W(1), P.W(2)), List.of(P.b(1).map(v -> v + 1e-9), P.b(2)));
    List<TensorDiff> near = Harness.parameterDiffs(P, shifted);
    // b1 is zero in P: its relative error is 1, yet 1e-15 is rounding against W's norm of order 1
    assertThat(near.get(1).relativeError()).isEqualTo(1.0);
    SideBySide a = Harness.trainSideBySide(new Fixed(P), new Fixed(shifted), DATA.X(), DATA.Y(), 0.05, 1,
        Tolerances.DEFAULT);
    assertThat(a.agrees()).as(a.verdict()).isTrue();
    SideBySide b = Harness.trainSideBySide(new Fixed(P), new Fixed(far), DATA.X(), DATA.Y(), 0.05, 1,
        Tolerances.DEFAULT);
    assertThat(b.status()).isEqualTo(SideBySide.Status.DISAGREE);
    assertThat(b.firstDivergence().what()).isEqualTo("b1 after the update");
  }

  /** A network that never moves: its parameters are what it was given. */
  private static final class Fixed extends ScratchNetwork {
    Fixed(Parameters p) {
      super(SPEC, p);
    }

    @Override
    public double step(Matrix X, Matrix Y, double lr) {
      return 1.0;
    }
  }

  @Test
  void tablesMarkEachRowAndShapeMismatches() {
    Comparison c = Harness.compare(BrokenVariants.dbNotSummed(SPEC, P), Dl4jNetwork.withParameters(SPEC, P), DATA.X(),
        DATA.Y());
    assertThat(c.table()).contains("db2", "NOT OK  shapes 2×12 vs 2×1");
    assertThat(c.table()).containsPattern("dW2 +[0-9.e+-]+ +[0-9.e+-]+ +OK");
    Comparison good = Harness.compare(new ScratchNetwork(SPEC, P), Dl4jNetwork.withParameters(SPEC, P), DATA.X(),
        DATA.Y());
    assertThat(good.worstGradientError()).isEqualTo(good.gradients().stream()
        .mapToDouble(TensorDiff::relativeError).max().orElseThrow()).isLessThan(1e-14);
    assertThat(good.verdict()).startsWith("AGREE");
    assertThatThrownBy(() -> good.gradient("dW9")).hasMessageContaining("no tensor dW9");
  }

  @Test
  void tensorDiffPicksTheFirstWorstElementAndDescribesScalarsAndLayers() {
    TensorDiff tie = TensorDiff.of("W1", 1, Matrix.row(1, 2, 3), Matrix.row(2, 2, 4));
    assertThat(tie.col()).isZero(); // |Δ| = 1 at columns 0 and 2: the first is reported
    assertThat(tie.describe("a", "b")).startsWith("layer 1 W1 at (0,0): a=");
    assertThat(TensorDiff.ofScalar("cost", 1, 2).describe("a", "b")).startsWith("cost: a=");
    TensorDiff inf = TensorDiff.of("W1", 1, Matrix.row(1, Double.POSITIVE_INFINITY),
        Matrix.row(1, Double.POSITIVE_INFINITY));
    assertThat(inf.relativeError()).isInfinite();
    assertThat(inf.diffNorm()).isInfinite();
    assertThat(inf.agrees(1, 1, Double.POSITIVE_INFINITY)).isFalse();
    TensorDiff exact = TensorDiff.of("W1", 1, Matrix.row(0, 0), Matrix.row(0, 1e-13));
    assertThat(exact.atRoundingLevel(1e-13, 1.0)).isTrue(); // on the floor: rounding
    assertThat(exact.atRoundingLevel(1e-13, 0.99)).isFalse();
  }

  @Test
  void aOnePointRunChecksItsSettingsAndRunsBothWays() {
    Dataset seed = Datasets.seedQuadratic().standardized();
    NetworkSpec spec = NetworkSpec.of(new int[] {1, 4, 1}, Activation.TANH, Activation.IDENTITY, Loss.HALF_MSE);
    assertThatThrownBy(() -> new ComparisonRun(spec, seed, Initializer.HE, 1, "scratch", 0, 5, Tolerances.DEFAULT))
        .hasMessageContaining("learning rate must be a positive number");
    assertThatThrownBy(() -> new ComparisonRun(spec, seed, Initializer.HE, 1, "scratch", Double.POSITIVE_INFINITY, 5,
        Tolerances.DEFAULT)).hasMessageContaining("learning rate");
    assertThatThrownBy(() -> new ComparisonRun(spec, seed, Initializer.HE, 1, "scratch", 0.1, 0, Tolerances.DEFAULT))
        .hasMessageContaining("steps must be at least 1");
    assertThatThrownBy(() -> new ComparisonRun(spec, seed, Initializer.HE, 1, "numpy", 0.1, 5, Tolerances.DEFAULT))
        .hasMessageContaining("'scratch' or 'dl4j'");
    Dataset two = Datasets.random(2, 1, 5, 1);
    assertThatThrownBy(() -> new ComparisonRun(spec, two, Initializer.HE, 1, "scratch", 0.1, 5, Tolerances.DEFAULT))
        .hasMessageContaining("X has 2 feature rows");
    ComparisonRun.Result s = ComparisonRunner.run(new ComparisonRun(spec, seed, Initializer.HE, 1, "scratch", 0.1, 5, Tolerances.DEFAULT));
    ComparisonRun.Result d = ComparisonRunner.run(new ComparisonRun(spec, seed, Initializer.HE, 1, "dl4j", 0.1, 5, Tolerances.DEFAULT));
    assertThat(s.agrees()).isTrue();
    assertThat(d.agrees()).isTrue();
    assertThat(s.initial()).isEqualTo(Initialization.initializeParametersDeep(spec.layers(), Initializer.HE, 1));
    assertThat(d.initial()).isEqualTo(Dl4jNetwork.initializedByDl4j(spec, Initializer.HE, 1).parameters());
    assertThat(s.training().steps()).isEqualTo(5);
    ComparisonRun.Result quirk = ComparisonRunner.run(new ComparisonRun(new NetworkSpec(new int[] {1, 4, 1}, Activation.ELU, 0.5,
        Activation.IDENTITY, Double.NaN, Loss.HALF_MSE), seed, Initializer.HE, 1, "scratch", 0.1, 5,
        Tolerances.DEFAULT));
    assertThat(quirk.agrees()).isFalse();
  }

  @Test
  void reluDiagnosticsSayWhatTheyCounted() {
    NetworkSpec spec = NetworkSpec.of(new int[] {1, 3, 1}, Activation.TANH, Activation.RELU, Loss.HALF_MSE);
    // only the ReLU output layer is counted; a unit clamped on all but one example is not dead
    ReluDiagnostics d = ReluDiagnostics.of(spec, List.of(Matrix.zeros(3, 4), Matrix.row(-1, -2, -3, 0.5)));
    assertThat(d.layers()).singleElement().satisfies(l -> {
      assertThat(l.layer()).isEqualTo(2);
      assertThat(l.clampedShare()).isEqualTo(0.75);
      assertThat(l.deadUnits()).isEmpty();
    });
    assertThat(d.describe()).containsExactly(
        "layer 2 (ReLU): 75% of pre-activations ≤ 0 (clamped to 0, derivative 0)",
        "3 prediction(s) exactly 0: the ReLU output clamps a negative pre-activation (e.g. example 0, Z = -1.000), "
            + "and no gradient flows back through them; an identity or leaky-ReLU output fixes it (standardised "
            + "inputs help; a standardised target below 0 is out of a ReLU output's reach).");
    ReluDiagnostics hidden = ReluDiagnostics.of(NetworkSpec.of(new int[] {1, 2, 1}, Activation.RELU,
        Activation.IDENTITY, Loss.MSE), List.of(Matrix.of(new double[][] {{0, 0}, {1, -1}}), Matrix.row(1, 1)));
    assertThat(hidden.describe()).containsExactly(
        "layer 1 (ReLU): 75% of pre-activations ≤ 0 (clamped to 0, derivative 0); dead on every example: unit(s) [0] of 2");
    assertThat(hidden.zeroPredictions()).isEmpty();
  }
}
