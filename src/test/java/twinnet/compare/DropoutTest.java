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
import twinnet.model.Dropout;
import twinnet.model.Initializer;
import twinnet.model.LayerQuantities;
import twinnet.model.Loss;
import twinnet.model.Matrix;
import twinnet.model.NetworkSpec;
import twinnet.model.Optimizer;
import twinnet.model.Parameters;
import twinnet.scratch.Initialization;
import twinnet.scratch.ScratchNetwork;

/**
 * Inverted dropout (course 2, week 1) on both sides: the scratch network draws D from (seed, step,
 * layer), the twin receives the same masks through DL4J's {@code IDropout} on the layer above, and the
 * two agree step by step. Its broken variants are in {@link BrokenVariantsTest}.
 */
class DropoutTest {
  private static final NetworkSpec SPEC = NetworkSpec.of(new int[] {3, 7, 6, 2}, Activation.RELU,
      Activation.IDENTITY, Loss.HALF_MSE).withDropout(new Dropout(new double[] {0.8, 0.5}, 42));
  private static final Dataset DATA = Datasets.random(3, 2, 24, 5);

  private static Parameters initial(NetworkSpec spec) {
    return Initialization.initializeParametersDeep(spec.layers(), Initializer.HE, 1);
  }

  @Test
  void theCourseFormulaOnAHandExample() {
    // A ⊙ D / keep_prob with keep_prob = 0.5: kept units doubled, dropped ones 0
    NetworkSpec spec = NetworkSpec.of(new int[] {1, 2, 1}, Activation.IDENTITY, Activation.IDENTITY, Loss.HALF_MSE)
        .withDropout(new Dropout(new double[] {0.5}, 1));
    ScratchNetwork net = new ScratchNetwork(spec, new Parameters(
        List.of(Matrix.of(new double[][] {{1}, {2}}), Matrix.row(1, 1)),
        List.of(Matrix.of(new double[][] {{0}, {0}}), Matrix.row(0))));
    Matrix X = Matrix.row(1, 3);
    ScratchNetwork.ForwardPass f = net.lModelForwardWithDropout(X);
    Matrix D = f.masks().get(0);
    Matrix A1 = f.caches().get(1).linear().A_prev();
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        double z = (i + 1) * X.get(0, j);
        assertThat(A1.get(i, j)).isEqualTo(D.get(i, j) == 1 ? z / 0.5 : 0.0);
      }
    }
    // nothing is dropped at prediction time
    assertThat(net.lModelForward(X).caches().get(1).linear().A_prev()).isEqualTo(Matrix.of(new double[][] {{1, 3},
        {2, 6}}));
  }

  @Test
  void masksKeepAboutKeepProbAndChangeFromStepToStep() {
    Dropout d = SPEC.dropout();
    Matrix D0 = d.mask(0, 2, 200, 100);
    assertThat(D0.map(v -> v == 0 || v == 1 ? 0 : 1).sum()).isZero();
    // 20 000 Bernoulli(0.5) draws: the share kept is 0.5 ± 0.01 (2.8 standard deviations)
    assertThat(D0.sum() / 20_000).isBetween(0.49, 0.51);
    assertThat(d.mask(0, 1, 200, 100).sum() / 20_000).isBetween(0.79, 0.81);
    assertThat(d.mask(1, 2, 200, 100)).isNotEqualTo(D0);
    assertThat(d.mask(0, 2, 200, 100)).isEqualTo(D0);
    assertThat(new Dropout(new double[] {0.8, 0.5}, 43).mask(0, 2, 200, 100)).isNotEqualTo(D0);
  }

  @Test
  void theTwinAppliesTheSameMasksAndAgreesAtTheStart() {
    Parameters p = initial(SPEC);
    ScratchNetwork scratch = new ScratchNetwork(SPEC, p);
    Dl4jNetwork twin = Dl4jNetwork.withParameters(SPEC, p);
    Comparison c = Harness.compare(scratch, twin, DATA.X(), DATA.Y());
    assertThat(c.agrees()).as(c.verdict()).isTrue();
    assertThat(c.inference()).as("prediction time is compared too").isNotNull();

    List<LayerQuantities> a = scratch.study(DATA.X(), DATA.Y());
    List<LayerQuantities> b = twin.study(DATA.X(), DATA.Y());
    for (int l = 1; l <= 2; l++) {
      Matrix D = a.get(l - 1).D();
      assertThat(D).isNotNull().isEqualTo(b.get(l - 1).D());
      assertThat(D.sum()).as("layer %d drops some units and keeps some", l).isBetween(1.0, D.rows() * D.cols() - 1.0);
      assertThat(TensorDiff.of("A" + l, l, a.get(l - 1).A(), b.get(l - 1).A()).relativeError()).isLessThan(1e-14);
      assertThat(TensorDiff.of("dA" + l, l, a.get(l - 1).dA(), b.get(l - 1).dA()).relativeError()).isLessThan(1e-13);
    }
    // the training pass differs from the prediction: dropout is on
    assertThat(scratch.backprop(DATA.X(), DATA.Y()).AL()).isNotEqualTo(scratch.predict(DATA.X()));
  }

  @Test
  void trainedSideBySideInMiniBatchesTheyAgreeStepByStep() {
    // 40 steps of batches of 8: the masks change every step on both sides in the same way
    Parameters p = initial(SPEC);
    ScratchNetwork scratch = new ScratchNetwork(SPEC, p);
    Dl4jNetwork twin = Dl4jNetwork.withParameters(SPEC, p);
    SideBySide run = Harness.trainSideBySide(scratch, twin, new Batches(DATA, 8, 3L), 0.05, 40, Tolerances.DEFAULT,
        true);
    assertThat(run.agrees()).as(run.verdict()).isTrue();
    assertThat(scratch.stepsTaken()).isEqualTo(40);
    assertThat(twin.dl4j().getIterationCount()).isEqualTo(40);
    // and with Adam (DL4J's ε placement, adam_dl4j), whose state also follows the masked gradients
    ScratchNetwork sa = new ScratchNetwork(SPEC, p, Optimizer.of(Optimizer.Kind.ADAM_DL4J));
    Dl4jNetwork ta = Dl4jNetwork.withParameters(SPEC, p, Optimizer.of(Optimizer.Kind.ADAM_DL4J), 8);
    SideBySide adam = Harness.trainSideBySide(sa, ta, new Batches(DATA, 8, 3L), 0.01, 30, Tolerances.DEFAULT, true);
    assertThat(adam.agrees()).as(adam.verdict()).isTrue();
  }

  @Test
  void withoutTheSameMasksTheyDisagree() {
    // the harness does see the masks: a twin with another seed parts at once
    Parameters p = initial(SPEC);
    NetworkSpec other = SPEC.withDropout(new Dropout(new double[] {0.8, 0.5}, 43));
    Comparison c = Harness.compare(new ScratchNetwork(SPEC, p), Dl4jNetwork.withParameters(other, p), DATA.X(),
        DATA.Y());
    assertThat(c.agrees()).isFalse();
  }

  @Test
  void theNumericalGradientCheckPassesWithTheMasksFixed() {
    NetworkSpec spec = NetworkSpec.of(new int[] {3, 5, 4, 2}, Activation.TANH, Activation.IDENTITY, Loss.HALF_MSE)
        .withDropout(new Dropout(new double[] {0.7, 0.6}, 9));
    Dataset small = Datasets.random(3, 2, 6, 2);
    GradientCheck.Result r = GradientCheck.check(new ScratchNetwork(spec, initial(spec)), small.X(), small.Y());
    assertThat(r.passes()).as(r.toString()).isTrue();
    // and the check sees a dropout backward pass without the 1/keep_prob
    GradientCheck.Result broken = GradientCheck.check(BrokenVariants.dropoutBackwardNotScaled(spec, initial(spec)),
        small.X(), small.Y());
    assertThat(broken.passes()).as(broken.toString()).isFalse();
  }

  @Test
  void theDiagnosisNamesEachDropoutSlip() {
    Parameters p = initial(SPEC);
    Dl4jNetwork twin = Dl4jNetwork.withParameters(SPEC, p);
    assertThat(diagnose(BrokenVariants.dropoutAtPrediction(SPEC, p), twin)).contains("left on at prediction time");
    assertThat(diagnose(BrokenVariants.dropoutForwardNotScaled(SPEC, p), twin)).contains("division by keep_prob");
    assertThat(diagnose(BrokenVariants.dropoutMaskNotReused(SPEC, p), twin)).contains("forward pass's own D");
    assertThat(diagnose(BrokenVariants.dropoutBackwardNotScaled(SPEC, p), twin)).contains("divided by keep_prob");
    // a slip that is not dropout's keeps its own name in a dropout network
    assertThat(diagnose(BrokenVariants.dWWithoutOneOverM(SPEC, p), twin)).contains("1/m");
  }

  private static String diagnose(ScratchNetwork broken, Dl4jNetwork twin) {
    return diagnose(broken, twin, SPEC, DATA);
  }

  /** Diagnosis.pattern on the first mismatch of a broken network against the twin. */
  static String diagnose(ScratchNetwork broken, Dl4jNetwork twin, NetworkSpec spec, Dataset data) {
    Matrix X = data.X();
    Matrix Y = data.Y();
    Comparison c = Harness.compare(broken, twin, X, Y);
    String t = c.firstMismatch().orElseThrow().tensor();
    Matrix a;
    Matrix b;
    if (t.equals("predict")) {
      a = broken.predict(X);
      b = twin.predict(X);
    } else if (t.equals("AL")) {
      a = broken.backprop(X, Y).AL();
      b = twin.backprop(X, Y).AL();
    } else {
      int l = Integer.parseInt(t.replaceAll("[^0-9]", ""));
      var ga = broken.backprop(X, Y).grads();
      var gb = twin.backprop(X, Y).grads();
      a = t.startsWith("dW") ? ga.dW(l) : ga.db(l);
      b = t.startsWith("dW") ? gb.dW(l) : gb.db(l);
    }
    return Diagnosis.pattern(t, a, b, spec, data.examples());
  }

  @Test
  void keepProbabilitiesAreChecked() {
    assertThatThrownBy(() -> new Dropout(new double[] {0.0}, 1)).hasMessageContaining("(0, 1]");
    assertThatThrownBy(() -> new Dropout(new double[] {1.5}, 1)).hasMessageContaining("(0, 1]");
    assertThatThrownBy(() -> new Dropout(new double[] {Double.NaN}, 1)).hasMessageContaining("(0, 1]");
    assertThatThrownBy(() -> SPEC.withDropout(new Dropout(new double[] {0.5}, 1)))
        .hasMessageContaining("1 keep probabilities, but the network has 2 hidden layers");
    // keep_prob 1 drops nothing: the network is the one without dropout
    NetworkSpec none = SPEC.withDropout(new Dropout(new double[] {1, 1}, 1));
    assertThat(none.hasDropout()).isFalse();
    Parameters p = initial(SPEC);
    assertThat(new ScratchNetwork(none, p).backprop(DATA.X(), DATA.Y()).grads())
        .isEqualTo(new ScratchNetwork(SPEC.withDropout(null), p).backprop(DATA.X(), DATA.Y()).grads());
  }
}
