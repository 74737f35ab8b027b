package twinnet.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import twinnet.data.Dataset;
import twinnet.data.Datasets;
import twinnet.model.Activation;
import twinnet.model.Initializer;
import twinnet.model.Loss;
import twinnet.model.Network;
import twinnet.model.NetworkSpec;
import twinnet.model.Optimizer;
import twinnet.model.Parameters;

/**
 * The twin's one-pass step hands over the gradient that DL4J's fit computed and then applied: it must be, bit for
 * bit, what a separate backprop at the same parameters gives, step after step, with the same cost and the same
 * parameters after (the harness compares this gradient with the scratch network's at every step).
 */
class StepWithBackpropTest {
  private static final Dataset DATA = Datasets.random(3, 2, 16, 7);
  private static final NetworkSpec SPEC = NetworkSpec.of(new int[] {3, 5, 4, 2}, Activation.RELU, Activation.IDENTITY,
      Loss.HALF_MSE);

  private static Optimizer optimizer(String name) {
    return switch (name) {
      case "gd" -> Optimizer.GD;
      case "gd+l2" -> Optimizer.GD.withL2(0.3); // the course's (λ/m)·W, added from the parameters before the update
      default -> Optimizer.of(Optimizer.Kind.ADAM_DL4J); // an updater that rescales the gradient in place
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"gd", "gd+l2", "adam_dl4j"})
  void theGradientFitAppliedIsTheBackpropAtTheParametersBeforeTheStep(String rule) {
    Parameters initial = Dl4jNetwork.initializedByDl4j(SPEC, Initializer.HE, 3).parameters();
    Dl4jNetwork twice = Dl4jNetwork.withParameters(SPEC, initial, optimizer(rule), DATA.examples());
    Dl4jNetwork once = Dl4jNetwork.withParameters(SPEC, initial, optimizer(rule), DATA.examples());
    for (int t = 0; t < 4; t++) {
      Network.Backprop expected = twice.backprop(DATA.X(), DATA.Y());
      double cost = twice.step(DATA.X(), DATA.Y(), 0.05);
      Network.Stepped s = once.stepWithBackprop(DATA.X(), DATA.Y(), 0.05);

      assertThat(s.cost()).as("step %d: cost", t).isEqualTo(cost);
      assertThat(s.before().cost()).as("step %d: the backprop's cost", t).isEqualTo(expected.cost());
      assertThat(s.before().AL().toRowMajor()).as("step %d: AL", t).containsExactly(expected.AL().toRowMajor());
      List<Parameters.Tensor> want = expected.grads().backwardOrder();
      List<Parameters.Tensor> got = s.before().grads().backwardOrder();
      assertThat(got).hasSameSizeAs(want);
      for (int i = 0; i < want.size(); i++) {
        assertThat(got.get(i).value().toRowMajor()).as("step %d: %s", t, want.get(i).name())
            .containsExactly(want.get(i).value().toRowMajor());
      }
      assertSameParameters(once.parameters(), twice.parameters());
    }
    // the listener stays quiet outside stepWithBackprop: a plain step still matches
    once.step(DATA.X(), DATA.Y(), 0.05);
    twice.step(DATA.X(), DATA.Y(), 0.05);
    assertSameParameters(once.parameters(), twice.parameters());
  }

  private static void assertSameParameters(Parameters a, Parameters b) {
    List<Parameters.Tensor> ta = a.tensors();
    List<Parameters.Tensor> tb = b.tensors();
    for (int i = 0; i < ta.size(); i++) {
      assertThat(ta.get(i).value().toRowMajor()).as(ta.get(i).name()).containsExactly(tb.get(i).value().toRowMajor());
    }
  }
}
