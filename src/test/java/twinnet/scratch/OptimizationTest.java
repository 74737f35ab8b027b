package twinnet.scratch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import twinnet.model.Gradients;
import twinnet.model.Matrix;
import twinnet.model.Parameters;

/** update_parameters, element by element: W ← W − α·dW and b ← b − α·db in every layer, the inputs untouched. */
class OptimizationTest {
  @Test
  void updateParametersStepsEveryTensorAgainstItsGradient() {
    Parameters p = new Parameters(List.of(Matrix.of(new double[][] {{1, 2}, {3, 4}}), Matrix.of(new double[][] {{5, 6}})),
        List.of(Matrix.of(new double[][] {{0.5}, {-0.5}}), Matrix.of(new double[][] {{1}})));
    Gradients g = new Gradients(List.of(Matrix.of(new double[][] {{10, 20}, {30, 40}}), Matrix.of(new double[][] {{-1,
        2}})), List.of(Matrix.of(new double[][] {{4}, {8}}), Matrix.of(new double[][] {{-2}})));
    Parameters next = Optimization.updateParameters(p, g, 0.25);
    assertThat(next.W(1).toArray()).isEqualTo(new double[][] {{1 - 2.5, 2 - 5}, {3 - 7.5, 4 - 10}});
    assertThat(next.W(2).toArray()).isEqualTo(new double[][] {{5 + 0.25, 6 - 0.5}});
    assertThat(next.b(1).toArray()).isEqualTo(new double[][] {{0.5 - 1}, {-0.5 - 2}});
    assertThat(next.b(2).toArray()).isEqualTo(new double[][] {{1 + 0.5}});
    assertThat(p.W(1).toArray()).as("the parameters given stay as they were").isEqualTo(new double[][] {{1, 2}, {3, 4}});
  }
}
