package twinnet.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import twinnet.data.Dataset;
import twinnet.data.Datasets;
import twinnet.dl4j.Dl4jNetwork;
import twinnet.model.Activation;
import twinnet.model.Initializer;
import twinnet.model.Loss;
import twinnet.model.Matrix;
import twinnet.model.Network;
import twinnet.model.NetworkSpec;
import twinnet.model.Parameters;
import twinnet.scratch.Initialization;
import twinnet.scratch.Linear;
import twinnet.scratch.ScratchNetwork;

/** The diagnosis names the cause of each broken variant from the numbers alone. */
class DiagnosisTest {
  private static final Dataset DATA = Datasets.random(4, 1, 20, 7);
  private static final NetworkSpec SPEC = NetworkSpec.of(new int[] {4, 5, 1}, Activation.TANH, Activation.IDENTITY,
      Loss.MSE);
  private static final Parameters P = Initialization.initializeParametersDeep(SPEC.layers(), Initializer.HE, 3);

  private static String diagnose(ScratchNetwork broken, String tensor) {
    Network.Backprop a = broken.backprop(DATA.X(), DATA.Y());
    Network.Backprop b = Dl4jNetwork.withParameters(SPEC, P).backprop(DATA.X(), DATA.Y());
    int l = Integer.parseInt(tensor.substring(2));
    Matrix ta = tensor.startsWith("dW") ? a.grads().dW(l) : a.grads().db(l);
    Matrix tb = tensor.startsWith("dW") ? b.grads().dW(l) : b.grads().db(l);
    return Diagnosis.pattern(tensor, ta, tb, SPEC, DATA.examples());
  }

  @Test
  void aFactorOfTwoPointsAtTheLossConvention() {
    assertThat(diagnose(BrokenVariants.halfMseGradientWithMseLoss(SPEC, P), "dW2"))
        .contains("exactly ½ times", "half-MSE", "dAL");
  }

  @Test
  void aFactorOfMPointsAtTheOneOverM() {
    assertThat(diagnose(BrokenVariants.dWWithoutOneOverM(SPEC, P), "dW2")).contains("m = 20", "1/m");
  }

  @Test
  void unsummedDbIsNamed() {
    assertThat(diagnose(BrokenVariants.dbNotSummed(SPEC, P), "db2")).contains("not summed over the examples");
  }

  @Test
  void aSignFlipIsNamed() {
    ScratchNetwork flipped = new ScratchNetwork(SPEC, P) {
      @Override
      protected Matrix costBackward(Matrix AL, Matrix Y) {
        return Y.minus(AL).scale(2.0); // Y − A instead of A − Y
      }
    };
    assertThat(diagnose(flipped, "dW2")).contains("exactly −1 times", "sign flip");
  }

  @Test
  void aTransposeIsNamed() {
    NetworkSpec square = NetworkSpec.of(new int[] {4, 4, 4}, Activation.TANH, Activation.IDENTITY, Loss.HALF_MSE);
    Parameters p = Initialization.initializeParametersDeep(square.layers(), Initializer.HE, 3);
    Dataset d = Datasets.random(4, 4, 20, 7);
    Matrix a = BrokenVariants.aPrevNotTransposed(square, p).backprop(d.X(), d.Y()).grads().dW(2);
    Matrix b = new ScratchNetwork(square, p).backprop(d.X(), d.Y()).grads().dW(2);
    assertThat(Diagnosis.pattern("dW2", a, b, square, 20)).contains("transpose");
  }

  @Test
  void aSmallDifferenceIsNotMistakenForAFactor() {
    Matrix b = Matrix.row(1, 2, 3);
    Matrix a = b.map(v -> v * (1 + 1e-10));
    assertThat(Diagnosis.pattern("dW1", a, b, NetworkSpec.of(new int[] {1, 2}, Activation.RELU, Activation.IDENTITY,
        Loss.MSE), 5)).isNull();
  }

  @Test
  void knownDifferencesApplyOnlyWhereTheSpecHasThem() {
    NetworkSpec leaky = new NetworkSpec(new int[] {2, 3, 1}, Activation.LEAKY_RELU, 0.01, Activation.IDENTITY,
        Double.NaN, Loss.MSE);
    assertThat(Diagnosis.knownDifferences(leaky, null)).singleElement().asString().contains("casts α to float");
    NetworkSpec exact = new NetworkSpec(new int[] {2, 3, 1}, Activation.LEAKY_RELU, 0.25, Activation.IDENTITY,
        Double.NaN, Loss.MSE);
    assertThat(Diagnosis.knownDifferences(exact, null)).isEmpty();
    NetworkSpec bce = NetworkSpec.of(new int[] {2, 1}, Activation.RELU, Activation.SIGMOID, Loss.BCE);
    assertThat(Diagnosis.knownDifferences(bce, Matrix.row(0.5, 1 - 1e-7))).singleElement().asString()
        .contains("1 sigmoid output(s)", "clips");
  }

  @Test
  void reluDiagnosticsCountClampsDeadUnitsAndZeroPredictions() {
    NetworkSpec spec = NetworkSpec.of(new int[] {1, 2, 1}, Activation.RELU, Activation.RELU, Loss.HALF_MSE);
    Matrix X = Matrix.row(1, 2, 3);
    // unit 0 always positive, unit 1 always ≤ 0 (dead); the output is negative on every example
    Parameters p = new Parameters(List.of(Matrix.of(new double[][] {{1}, {-1}}), Matrix.of(new double[][] {{-1, 1}})),
        List.of(Matrix.zeros(2, 1), Matrix.zeros(1, 1)));
    List<Matrix> Z = new ScratchNetwork(spec, p).lModelForward(X).caches().stream().map(Linear.Cache::Z).toList();
    ReluDiagnostics d = ReluDiagnostics.of(spec, Z);
    assertThat(d.layers()).hasSize(2);
    assertThat(d.layers().get(0).clampedShare()).isEqualTo(0.5);
    assertThat(d.layers().get(0).deadUnits()).containsExactly(1);
    assertThat(d.zeroPredictions()).hasSize(3);
    assertThat(d.zeroPredictions().get(0).z()).isEqualTo(-1.0);
    assertThat(d.describe()).anyMatch(s -> s.contains("3 prediction(s) exactly 0"));
  }

  private static final NetworkSpec THREE = NetworkSpec.of(new int[] {2, 3}, Activation.TANH, Activation.IDENTITY,
      Loss.MSE);
  private static final Matrix B = Matrix.of(new double[][] {{1, -2}, {0.5, 3}, {-1, 4}});

  private static String factor(double k) {
    return Diagnosis.pattern("dW1", B.scale(k), B, THREE, 7);
  }

  @Test
  void everyNamedFactorGetsItsAdvice() {
    assertThat(factor(-1)).contains("exactly −1 times", "sign flip");
    assertThat(factor(2)).contains("exactly 2 times", "factor of 2 between half-MSE");
    assertThat(factor(0.5)).contains("exactly ½ times", "factor of 2 between half-MSE");
    assertThat(factor(7)).contains("exactly m = 7 times", "the 1/m is missing or applied twice");
    assertThat(factor(1.0 / 7)).contains("exactly 1/m (m = 7) times", "the 1/m is missing or applied twice");
    assertThat(factor(3)).contains("exactly n_y = 3 times", "output count");
    assertThat(factor(1.0 / 3)).contains("exactly 1/n_y times", "output count");
    assertThat(factor(2.0 / 3)).contains("exactly 2/n_y times", "output count");
    assertThat(factor(1.5)).contains("exactly n_y/2 times", "output count");
    assertThat(factor(5.5)).contains("a constant 5.50000 times the reference");
    assertThat(factor(1 + 1e-9)).isNull();
    assertThat(factor(2 * (1 + 1e-7))).contains("a constant"); // near 2 is not 2
  }

  @Test
  void shapesZerosAndOtherPatterns() {
    assertThat(Diagnosis.pattern("dW1", Matrix.zeros(3, 2), B, THREE, 7)).contains("dW1 is zero where it should not");
    assertThat(Diagnosis.pattern("dW1", B, Matrix.zeros(3, 2), THREE, 7)).isNull();
    assertThat(Diagnosis.pattern("db1", Matrix.zeros(3, 7), Matrix.zeros(3, 1), THREE, 7))
        .contains("3×7 instead of 3×1", "not summed");
    assertThat(Diagnosis.pattern("db1", Matrix.zeros(3, 5), Matrix.zeros(3, 1), THREE, 7))
        .contains("is 3×5 but should be 3×1");
    assertThat(Diagnosis.pattern("dW1", B.transpose(), B, THREE, 7)).contains("the transpose of 3×2");
    Matrix other = Matrix.of(new double[][] {{1, 0}, {0, 1}, {1, 1}});
    assertThat(Diagnosis.pattern("dW1", other, B, THREE, 7)).isNull();
  }

  @Test
  void eluAndClippingNotesApplyExactlyWhereTheyShould() {
    NetworkSpec eluOne = new NetworkSpec(new int[] {2, 3, 1}, Activation.ELU, 1.0, Activation.IDENTITY, Double.NaN,
        Loss.MSE);
    assertThat(Diagnosis.knownDifferences(eluOne, null)).isEmpty();
    NetworkSpec eluHalfOut = new NetworkSpec(new int[] {2, 1}, Activation.ELU, 0.5, Activation.ELU, 0.5, Loss.MSE);
    // one layer: the "hidden" α is not used, only the output's is reported
    assertThat(Diagnosis.knownDifferences(eluHalfOut, null)).singleElement().asString().contains("the output layers");
    NetworkSpec bce = NetworkSpec.of(new int[] {2, 1}, Activation.RELU, Activation.SIGMOID, Loss.BCE);
    assertThat(Diagnosis.knownDifferences(bce, Matrix.row(1e-5, 1 - 1e-5, 0.5))).isEmpty(); // on the bound: kept
    assertThat(Diagnosis.knownDifferences(bce, Matrix.row(0.9e-5, 0.5))).singleElement().asString()
        .contains("1 sigmoid output(s)");
    NetworkSpec leaky = new NetworkSpec(new int[] {2, 3, 1}, Activation.LEAKY_RELU, 0.01, Activation.LEAKY_RELU, 0.01,
        Loss.MSE);
    assertThat(Diagnosis.knownDifferences(leaky, null)).hasSize(2).allMatch(s -> s.contains("2.2e-08"));
  }

  @Test
  void trainingDiagnosesNameTheCause() {
    Dataset raw = Datasets.seedQuadratic();
    NetworkSpec lin = NetworkSpec.of(new int[] {1, 8, 1}, Activation.IDENTITY, Activation.IDENTITY, Loss.HALF_MSE);
    ScratchNetwork s = ScratchNetwork.initialized(lin, Initializer.HE, 4);
    SideBySide diverged = Harness.trainSideBySide(s, Dl4jNetwork.withParameters(lin, s.parameters()), raw.X(), raw.Y(),
        0.1, 300, Tolerances.DEFAULT);
    assertThat(Diagnosis.ofTraining(diverged, lin, raw.Y(), 0.1, null, null, null)).singleElement().asString()
        .contains("Both sides became non-finite at step " + diverged.divergedAt(), "|y| up to 1140",
            "learning rate 0.1 is too large");

    Parameters start = Initialization.initializeParametersDeep(SPEC.layers(), Initializer.HE, 3);
    ScratchNetwork added = BrokenVariants.updateAdded(SPEC, start);
    Dl4jNetwork twin = Dl4jNetwork.withParameters(SPEC, start);
    SideBySide run = Harness.trainSideBySide(added, twin, DATA.X(), DATA.Y(), 0.05, 3, Tolerances.DEFAULT);
    ScratchNetwork a1 = BrokenVariants.updateAdded(SPEC, start);
    Dl4jNetwork b1 = Dl4jNetwork.withParameters(SPEC, start);
    a1.step(DATA.X(), DATA.Y(), 0.05);
    b1.step(DATA.X(), DATA.Y(), 0.05);
    assertThat(Diagnosis.ofTraining(run, SPEC, DATA.Y(), 0.05, start, a1.parameters(), b1.parameters()))
        .singleElement().asString().contains("the update of W1", "wrong sign", "The gradients agreed");

    // an update that is no multiple of the right one
    ScratchNetwork odd = new ScratchNetwork(SPEC, start) {
      @Override
      protected Parameters updateParameters(Parameters p, twinnet.model.Gradients g, double lr) {
        Parameters q = super.updateParameters(p, g, lr);
        return new Parameters(List.of(q.W(1).map(v -> v * v), q.W(2)), q.biases());
      }
    };
    SideBySide oddRun = Harness.trainSideBySide(odd, Dl4jNetwork.withParameters(SPEC, start), DATA.X(), DATA.Y(), 0.05,
        3, Tolerances.DEFAULT);
    assertThat(Diagnosis.ofTraining(oddRun, SPEC, DATA.Y(), 0.05, start,
        new Parameters(List.of(start.W(1).map(v -> v * v), b1.parameters().W(2)), b1.parameters().biases()),
        b1.parameters()))
        .singleElement().asString().contains("first update differs", "update_parameters");

    SideBySide fine = Harness.trainSideBySide(new ScratchNetwork(SPEC, start), Dl4jNetwork.withParameters(SPEC, start),
        DATA.X(), DATA.Y(), 0.05, 3, Tolerances.DEFAULT);
    assertThat(Diagnosis.ofTraining(fine, SPEC, DATA.Y(), 0.05, start, start, start)).isEmpty();
  }

  @Test
  void gradualPartingIsTracedToTheDynamics() {
    Dataset seed = Datasets.seedQuadratic().standardized();
    NetworkSpec bottleneck = new NetworkSpec(new int[] {1, 4, 1, 6, 3, 1}, Activation.TANH, Double.NaN,
        Activation.IDENTITY, Double.NaN, Loss.MSE);
    Parameters p = Initialization.initializeParametersDeep(bottleneck.layers(), Initializer.XAVIER, 151);
    SideBySide run = Harness.trainSideBySide(new ScratchNetwork(bottleneck, p), Dl4jNetwork.withParameters(bottleneck,
        p), seed.X(), seed.Y(), 0.05, 300, Tolerances.DEFAULT);
    assertThat(run.firstDivergence().step()).isGreaterThan(200);
    assertThat(Diagnosis.ofTraining(run, bottleneck, seed.Y(), 0.05, p, null, null)).singleElement().asString()
        .contains("agreed to rounding at step 0", "parted gradually", "at step " + run.firstDivergence().step(),
            "not, by itself, an implementation difference");
  }
}
