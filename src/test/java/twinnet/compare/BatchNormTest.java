package twinnet.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import twinnet.data.Batches;
import twinnet.data.Dataset;
import twinnet.data.Datasets;
import twinnet.dl4j.Dl4jNetwork;
import twinnet.model.Activation;
import twinnet.model.BatchNorm;
import twinnet.model.Dropout;
import twinnet.model.Initializer;
import twinnet.model.LayerQuantities;
import twinnet.model.Loss;
import twinnet.model.Matrix;
import twinnet.model.NetworkSpec;
import twinnet.model.Optimizer;
import twinnet.model.Parameters;
import twinnet.scratch.BatchNormalization;
import twinnet.scratch.Initialization;
import twinnet.scratch.ScratchNetwork;

/**
 * Batch normalisation (course 2, week 3) on both sides: the scratch layer against DL4J's
 * BatchNormalization (Dense without bias → BatchNormalization → ActivationLayer), its gradients, the
 * running averages as state, and predictions with them. Its broken variants are in {@link
 * BrokenVariantsTest}.
 */
class BatchNormTest {
  static final NetworkSpec SPEC = NetworkSpec.of(new int[] {3, 7, 5, 2}, Activation.RELU, Activation.IDENTITY,
      Loss.HALF_MSE).withBatchNorm(BatchNorm.DEFAULT);
  static final Dataset DATA = Datasets.random(3, 2, 24, 5);

  static Parameters initial(NetworkSpec spec) {
    return Initialization.forSpec(spec, Initializer.HE, 1);
  }

  @Test
  void theForwardPassOnAHandExample() {
    // one unit, m = 4: Z = [1, 2, 3, 6], μ = 3, σ² = (4 + 1 + 0 + 9)/4 = 3.5 (population, 1/m)
    Matrix Z = Matrix.row(1, 2, 3, 6);
    BatchNormalization.Forward f = BatchNormalization.batchNormForward(Z, Matrix.row(2), Matrix.row(0.5), 1e-5);
    double sd = Math.sqrt(3.5 + 1e-5);
    for (int j = 0; j < 4; j++) {
      assertThat(f.cache().Znorm().get(0, j)).isCloseTo((Z.get(0, j) - 3) / sd, org.assertj.core.data.Offset.offset(1e-15));
      assertThat(f.Ztilde().get(0, j)).isCloseTo(2 * (Z.get(0, j) - 3) / sd + 0.5, org.assertj.core.data.Offset.offset(1e-15));
    }
    assertThat(f.cache().var().get(0, 0)).isEqualTo(3.5);
    // the running averages: 0.9·old + 0.1·batch
    assertThat(BatchNormalization.runningAverage(Matrix.row(1), Matrix.row(3.5), 0.9).get(0, 0))
        .isCloseTo(1.25, org.assertj.core.data.Offset.offset(1e-15));
  }

  @Test
  void theTwinAgreesAtTheStartLayerByLayer() {
    Parameters p = initial(SPEC);
    ScratchNetwork scratch = new ScratchNetwork(SPEC, p);
    Dl4jNetwork twin = Dl4jNetwork.withParameters(SPEC, p);
    assertThat(twin.parameters()).as("γ, β and the running averages cross the mapping").isEqualTo(p);
    Comparison c = Harness.compare(scratch, twin, DATA.X(), DATA.Y());
    assertThat(c.agrees()).as(c.verdict()).isTrue();
    assertThat(c.gradients().stream().map(TensorDiff::tensor)).contains("dgamma1", "dbeta1", "dgamma2", "dbeta2")
        .doesNotContain("db1", "db2");
    assertThat(c.inference()).isNotNull();

    List<LayerQuantities> a = scratch.study(DATA.X(), DATA.Y());
    List<LayerQuantities> b = twin.study(DATA.X(), DATA.Y());
    for (int l = 1; l <= 2; l++) {
      LayerQuantities.Norm x = a.get(l - 1).norm();
      LayerQuantities.Norm y = b.get(l - 1).norm();
      assertThat(rel(x.Znorm(), y.Znorm())).as("Z_norm%d", l).isLessThan(1e-13);
      assertThat(rel(x.Ztilde(), y.Ztilde())).as("Z̃%d", l).isLessThan(1e-13);
      assertThat(rel(x.dZtilde(), y.dZtilde())).as("dZ̃%d", l).isLessThan(1e-12);
      assertThat(rel(a.get(l - 1).Z(), b.get(l - 1).Z())).as("Z%d", l).isLessThan(1e-13);
      assertThat(rel(a.get(l - 1).dZ(), b.get(l - 1).dZ())).as("dZ%d", l).isLessThan(1e-11);
      assertThat(rel(a.get(l - 1).A(), b.get(l - 1).A())).as("A%d", l).isLessThan(1e-13);
    }
  }

  private static double rel(Matrix a, Matrix b) {
    return TensorDiff.of("x", 0, a, b).relativeError();
  }

  @Test
  void trainedSideBySideTheRunningAveragesAndPredictionsAgree() {
    for (Optimizer o : new Optimizer[] {Optimizer.GD, Optimizer.of(Optimizer.Kind.ADAM_DL4J)}) {
      Parameters p = initial(SPEC);
      ScratchNetwork scratch = new ScratchNetwork(SPEC, p, o);
      Dl4jNetwork twin = Dl4jNetwork.withParameters(SPEC, p, o, 8);
      SideBySide run = Harness.trainSideBySide(scratch, twin, new Batches(DATA, 8, 3L), 0.02, 40, Tolerances.DEFAULT,
          true);
      assertThat(run.agrees()).as(o.kind() + ": " + run.verdict()).isTrue();
      // the running averages moved (they are compared after every step as state) ...
      Parameters end = scratch.parameters();
      assertThat(end.norm(1).mean()).isNotEqualTo(p.norm(1).mean());
      assertThat(run.finalParameters().stream().map(TensorDiff::tensor)).contains("mean1", "var2");
      // ... and predictions use them, on both sides
      Matrix pa = scratch.predict(DATA.X());
      Matrix pb = twin.predict(DATA.X());
      assertThat(rel(pa, pb)).isLessThan(1e-10);
      assertThat(pa).isNotEqualTo(scratch.backprop(DATA.X(), DATA.Y()).AL());
    }
  }

  @Test
  void withDropoutAndSoftmaxToo() {
    NetworkSpec spec = NetworkSpec.of(new int[] {4, 8, 6, 3}, Activation.TANH, Activation.SOFTMAX, Loss.CCE)
        .withBatchNorm(new BatchNorm(1e-3, 0.8)).withDropout(new Dropout(new double[] {0.9, 0.7}, 2));
    Dataset d = Datasets.randomClasses(4, 3, 30, 4);
    Parameters p = initial(spec);
    SideBySide run = Harness.trainSideBySide(new ScratchNetwork(spec, p), Dl4jNetwork.withParameters(spec, p),
        new Batches(d, 10, 1L), 0.1, 30, Tolerances.DEFAULT, true);
    assertThat(run.agrees()).as(run.verdict()).isTrue();
  }

  @Test
  void theNumericalGradientCheckPasses() {
    NetworkSpec spec = NetworkSpec.of(new int[] {3, 5, 4, 2}, Activation.TANH, Activation.IDENTITY, Loss.HALF_MSE)
        .withBatchNorm(BatchNorm.DEFAULT);
    Dataset small = Datasets.random(3, 2, 6, 2);
    GradientCheck.Result r = GradientCheck.check(new ScratchNetwork(spec, initial(spec)), small.X(), small.Y());
    assertThat(r.passes()).as(r.toString()).isTrue();
    GradientCheck.Result broken = GradientCheck.check(BrokenVariants.batchNormWithoutMeanAndVarianceTerms(spec,
        initial(spec)), small.X(), small.Y());
    assertThat(broken.passes()).as(broken.toString()).isFalse();
  }

  @Test
  void theDiagnosisNamesEachBatchNormSlip() {
    Parameters p = initial(SPEC);
    Dl4jNetwork twin = Dl4jNetwork.withParameters(SPEC, p);
    assertThat(DropoutTest.diagnose(BrokenVariants.batchNormWithoutMeanAndVarianceTerms(SPEC, p), twin, SPEC, DATA))
        .contains("terms through μ and σ²");
    assertThat(DropoutTest.diagnose(BrokenVariants.batchNormSampleVariance(SPEC, p), twin, SPEC, DATA))
        .contains("not 1/(m − 1)");
    assertThat(DropoutTest.diagnose(BrokenVariants.batchNormEpsilonOutsideTheRoot(SPEC, p), twin, SPEC, DATA))
        .contains("ε inside the square root");
  }

  @Test
  void settingsAreChecked() {
    assertThatThrownBy(() -> new BatchNorm(0, 0.9)).hasMessageContaining("epsilon");
    assertThatThrownBy(() -> new BatchNorm(1e-5, 1)).hasMessageContaining("[0, 1)");
    assertThatThrownBy(() -> NetworkSpec.of(new int[] {2, 1}, Activation.RELU, Activation.IDENTITY, Loss.HALF_MSE)
        .withBatchNorm(BatchNorm.DEFAULT)).hasMessageContaining("there are none");
    Parameters plain = Initialization.initializeParametersDeep(SPEC.layers(), Initializer.HE, 1);
    assertThatThrownBy(() -> new ScratchNetwork(SPEC, plain)).hasMessageContaining("batch-normalised but");
  }
}
