package twinnet.scratch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import twinnet.model.Loss;
import twinnet.model.Matrix;

/** The costs and their seed gradients dAL, in each convention, and their behaviour at the edges. */
class CostsTest {
  private static final Matrix A = Matrix.of(new double[][] {{1, 2, 3}, {0, 1, 0}});
  private static final Matrix Y = Matrix.of(new double[][] {{0, 2, 5}, {1, 1, 0}});

  @Test
  void halfMseAndMseFollowTheirFormulas() {
    // SSE = 1 + 0 + 4 + 1 + 0 + 0 = 6, m = 3, n_y = 2
    assertThat(Costs.computeCost(A, Y, Loss.HALF_MSE)).isEqualTo(6.0 / (2 * 3));
    assertThat(Costs.computeCost(A, Y, Loss.MSE)).isEqualTo(6.0 / (3 * 2));
    assertThat(Costs.costBackward(A, Y, Loss.HALF_MSE)).isEqualTo(A.minus(Y));
    assertThat(Costs.costBackward(A, Y, Loss.MSE)).isEqualTo(A.minus(Y).scale(2.0 / 2));
    Matrix one = Matrix.row(3);
    assertThat(Costs.costBackward(one, Matrix.row(1), Loss.MSE)).isEqualTo(Matrix.row(4)); // 2/n_y · (3 − 1)
  }

  @Test
  void crossEntropyFollowsTheCourse() {
    Matrix a = Matrix.row(0.8, 0.9, 0.4);
    Matrix y = Matrix.row(1, 1, 0);
    double expected = -(Math.log(0.8) + Math.log(0.9) + Math.log(0.6)) / 3;
    assertThat(Costs.computeCost(a, y, Loss.BCE)).isCloseTo(expected, within(1e-15));
    Matrix d = Costs.costBackward(a, y, Loss.BCE);
    assertThat(d.get(0, 0)).isCloseTo(-1 / 0.8, within(1e-15));
    assertThat(d.get(0, 2)).isCloseTo(1 / 0.6, within(1e-15));
  }

  @Test
  void saturatedButRightPredictionsCostNothingInsteadOfNaN() {
    Matrix a = Matrix.row(1.0, 0.0); // a sigmoid saturated exactly
    Matrix y = Matrix.row(1, 0);
    assertThat(Costs.computeCost(a, y, Loss.BCE)).isEqualTo(0.0);
    assertThat(Costs.costBackward(a, y, Loss.BCE).isFinite()).isTrue();
    // saturated and wrong: the cost is honestly infinite, not NaN
    assertThat(Costs.computeCost(Matrix.row(1.0), Matrix.row(0), Loss.BCE)).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void crossEntropyFromLogitsIsTheSameCostAndStaysExactWhereSigmoidSaturates() {
    Matrix z = Matrix.row(-3, 0.2, 4);
    Matrix y = Matrix.row(0, 1, 1);
    assertThat(Costs.crossEntropyFromLogits(z, y))
        .isCloseTo(Costs.computeCost(Activations.sigmoid(z), y, Loss.BCE), within(1e-15));
    // z = 40 with y = 0: the loss is z + log(1 + e^(−z)) ≈ 40, where σ(40) rounds to 1 and log(1 − A) = −∞
    assertThat(Costs.crossEntropyFromLogits(Matrix.row(40), Matrix.row(0))).isCloseTo(40, within(1e-12));
    assertThat(Costs.computeCost(Activations.sigmoid(Matrix.row(40)), Matrix.row(0), Loss.BCE)).isInfinite();
    // and z = 20: A = 1 − 2e-9, where 1 − A keeps only ~7 digits; the logits form keeps them all
    double exact = 20 + Math.log1p(Math.exp(-20));
    assertThat(Costs.crossEntropyFromLogits(Matrix.row(20), Matrix.row(0))).isCloseTo(exact, within(1e-14));
  }

  @Test
  void aSaturatedWrongSigmoidGivesAFiniteCostAndNoNaN() {
    twinnet.model.NetworkSpec spec = twinnet.model.NetworkSpec.of(new int[] {1, 1}, twinnet.model.Activation.RELU,
        twinnet.model.Activation.SIGMOID, Loss.BCE);
    // z = 40·x: σ(40) rounds to exactly 1 while the label is 0
    ScratchNetwork net = new ScratchNetwork(spec, new twinnet.model.Parameters(java.util.List.of(Matrix.row(40)),
        java.util.List.of(Matrix.zeros(1, 1))));
    var bp = net.backprop(Matrix.row(1, -1), Matrix.row(0, 0));
    assertThat(bp.AL().get(0, 0)).isEqualTo(1.0);
    assertThat(bp.cost()).isCloseTo((40 + Math.log1p(Math.exp(-40)) + Math.log1p(Math.exp(-40))) / 2, within(1e-12));
    assertThat(bp.grads().dW(1).isFinite()).isTrue();
    assertThat(bp.grads().db(1).isFinite()).isTrue();
    // away from exact saturation the course's formula is untouched
    Matrix a = Matrix.row(1 - 1e-12);
    assertThat(Costs.costBackward(a, Matrix.row(0), Loss.BCE).get(0, 0)).isEqualTo(1 / (1 - (1 - 1e-12)));
  }
}
