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
}
