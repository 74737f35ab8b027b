package twinnet.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import twinnet.data.Dataset;
import twinnet.data.Datasets;
import twinnet.dl4j.Dl4jNetwork;
import twinnet.model.Activation;
import twinnet.model.Initializer;
import twinnet.model.Loss;
import twinnet.model.NetworkSpec;
import twinnet.model.Optimizer;
import twinnet.model.Parameters;
import twinnet.scratch.Initialization;
import twinnet.scratch.ScratchNetwork;

/**
 * Optimizers and L2, compared step by step with DL4J's updaters. gd, nesterov and adam_dl4j (DL4J's own
 * formulas) agree within the core bounds, with and without L2, in both MSE conventions (c = n_y/2 = 1.5
 * and c = 1). The course's adam and rmsprop differ from DL4J's by design: measured, and explained in
 * {@link twinnet.model.Optimizer}.
 */
class OptimizerTest {
  private static final Dataset DATA = Datasets.random(4, 3, 24, 9);

  static Stream<Arguments> exact() {
    return Stream.of(Loss.HALF_MSE, Loss.MSE).flatMap(loss -> Stream.of(
        Arguments.of(Optimizer.of(Optimizer.Kind.GD), loss, 0.05),
        Arguments.of(Optimizer.of(Optimizer.Kind.NESTEROV), loss, 0.02),
        Arguments.of(Optimizer.of(Optimizer.Kind.ADAM_DL4J), loss, 0.005),
        Arguments.of(Optimizer.of(Optimizer.Kind.GD).withL2(0.7), loss, 0.05),
        Arguments.of(Optimizer.of(Optimizer.Kind.NESTEROV).withL2(0.7), loss, 0.02),
        Arguments.of(Optimizer.of(Optimizer.Kind.ADAM_DL4J).withL2(0.7), loss, 0.005)));
  }

  private static SideBySide train(Optimizer o, Loss loss, double lr, int steps) {
    NetworkSpec spec = NetworkSpec.of(new int[] {4, 7, 3}, Activation.TANH, Activation.IDENTITY, loss);
    Parameters p = Initialization.initializeParametersDeep(spec.layers(), Initializer.XAVIER, 4);
    ScratchNetwork s = new ScratchNetwork(spec, p, o);
    Dl4jNetwork t = Dl4jNetwork.withParameters(spec, p, o, DATA.examples());
    Comparison c = Harness.compare(s, t, DATA.X(), DATA.Y());
    assertThat(c.agrees()).as(o + " " + c.verdict()).isTrue();
    return Harness.trainSideBySide(s, t, DATA.X(), DATA.Y(), lr, steps, Tolerances.DEFAULT);
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("exact")
  void dl4jsOwnFormulasAgreeStepByStep(Optimizer o, Loss loss, double lr) {
    SideBySide run = train(o, loss, lr, 100);
    assertThat(run.status()).as(o + ": " + run.verdict()).isEqualTo(SideBySide.Status.AGREE);
    assertThat(run.costA()[99]).isLessThan(run.costA()[0]);
  }

  @Test
  void theCoursesAdamAndRmspropDifferFromDl4jsByASmallMeasuredAmount() {
    for (Optimizer.Kind k : new Optimizer.Kind[] {Optimizer.Kind.ADAM, Optimizer.Kind.RMSPROP}) {
      // ε = 1e-4 makes the difference visible: Adam's ε sits on √ŝ in the course and on √s in DL4J; DL4J's
      // RmsProp starts s at ε instead of 0
      Optimizer o = new Optimizer(k, 0.9, 0.9, 0.999, 1e-4, 0);
      SideBySide run = train(o, Loss.MSE, 0.005, 50);
      assertThat(run.status()).as(k.id()).isEqualTo(SideBySide.Status.DISAGREE);
      assertThat(run.firstDivergence().step()).isZero();
      assertThat(run.firstDivergence().what()).endsWith("after the update");
      assertThat(run.firstDivergence().diff().relativeError()).isGreaterThan(1e-9);
    }
  }

  @Test
  void l2IsMappedForOneBatchSizeAndRefusesAnother() {
    NetworkSpec spec = NetworkSpec.of(new int[] {4, 7, 3}, Activation.TANH, Activation.IDENTITY, Loss.MSE);
    Parameters p = Initialization.initializeParametersDeep(spec.layers(), Initializer.XAVIER, 4);
    Dl4jNetwork t = Dl4jNetwork.withParameters(spec, p, Optimizer.GD.withL2(0.5), 10);
    assertThatThrownBy(() -> t.backprop(DATA.X(), DATA.Y())).hasMessageContaining("batches of 10 examples");
    assertThatThrownBy(() -> new Optimizer(Optimizer.Kind.ADAM, 0.9, 1.0, 0.999, 1e-8, 0))
        .hasMessageContaining("beta1 must be in [0.0, 1.0)");
    assertThatThrownBy(() -> Optimizer.Kind.parse("sgd")).hasMessageContaining("gd, momentum, nesterov, rmsprop, adam, adam_dl4j");
  }

  @Test
  void statefulUpdatersStayInStepWhenGradientsAreComparedEveryStep() {
    NetworkSpec spec = NetworkSpec.of(new int[] {4, 7, 3}, Activation.TANH, Activation.IDENTITY, Loss.HALF_MSE);
    Parameters p = Initialization.initializeParametersDeep(spec.layers(), Initializer.XAVIER, 4);
    for (Optimizer o : new Optimizer[] {Optimizer.of(Optimizer.Kind.NESTEROV), Optimizer.of(Optimizer.Kind.ADAM_DL4J)}) {
      SideBySide run = Harness.trainSideBySide(new ScratchNetwork(spec, p, o),
          Dl4jNetwork.withParameters(spec, p, o, DATA.examples()), twinnet.data.Batches.fullBatch(DATA), 0.005, 20,
          Tolerances.DEFAULT, true);
      assertThat(run.status()).as(o.kind() + ": " + run.verdict()).isEqualTo(SideBySide.Status.AGREE);
    }
  }

  @Test
  void theCoursesMomentumTrainsOnScratchAndIsRefusedByTheTwin() {
    NetworkSpec spec = NetworkSpec.of(new int[] {4, 7, 3}, Activation.TANH, Activation.IDENTITY, Loss.MSE);
    Parameters p = Initialization.initializeParametersDeep(spec.layers(), Initializer.XAVIER, 4);
    Optimizer o = Optimizer.of(Optimizer.Kind.MOMENTUM);
    ScratchNetwork s = new ScratchNetwork(spec, p, o);
    // v₁ = (1−β)·dW, so the first step is W − α(1−β)·dW: a tenth of gd's with β = 0.9
    var g = s.backprop(DATA.X(), DATA.Y()).grads();
    s.step(DATA.X(), DATA.Y(), 0.1);
    assertThat(TensorDiff.of("W1", 1, s.parameters().W(1), p.W(1).minus(g.dW(1).scale(0.1 * (1 - 0.9))))
        .relativeError()).isLessThan(1e-15);
    assertThatThrownBy(() -> Dl4jNetwork.withParameters(spec, p, o, DATA.examples()))
        .hasMessageContaining("DL4J has no updater for the course's momentum").hasMessageContaining("nesterov");
  }

  /**
   * One step of DL4J's own AdamUpdater from a given state (v, s, t) is scratch's adamDl4jStep (the rule the twin
   * trains with), and not the course's Adam: to 1e-13 relative (element-wise double arithmetic in another order),
   * for t = 1, 2 and 7, so that the step count maps as t = iteration + 1.
   */
  @Test
  void dl4jsAdamUpdaterFromAGivenStateIsAdamDl4jNotTheCourses() {
    java.util.Random r = new java.util.Random(5);
    twinnet.model.Matrix theta = twinnet.model.Matrix.of(3, 2, r.doubles(6).map(x -> x - 0.5).toArray());
    twinnet.model.Matrix d = twinnet.model.Matrix.of(3, 2, r.doubles(6).map(x -> 2 * x - 1).toArray());
    twinnet.model.Matrix v = twinnet.model.Matrix.of(3, 2, r.doubles(6).map(x -> 0.3 * x).toArray());
    twinnet.model.Matrix s = twinnet.model.Matrix.of(3, 2, r.doubles(6).map(x -> 0.1 * x).toArray());
    for (int t : new int[] {1, 2, 7}) {
      twinnet.model.Matrix dl4j = twinnet.dl4j.Dl4jAdam.step(theta, d, v, s, t, 0.02, 0.8, 0.888, 1e-2);
      twinnet.model.Matrix rule = twinnet.scratch.Optimization.adamDl4jStep(theta, d, v, s, t, 0.02, 0.8, 0.888, 1e-2)
          .theta();
      twinnet.model.Matrix course = twinnet.scratch.Optimization.adamStep(theta, d, v, s, t, 0.02, 0.8, 0.888, 1e-2)
          .theta();
      assertThat(TensorDiff.of("W", 1, dl4j, rule).relativeError()).as("t = " + t).isLessThan(1e-13);
      assertThat(TensorDiff.of("W", 1, dl4j, course).relativeError()).as("t = " + t).isGreaterThan(1e-6);
    }
  }
}
