package twinnet.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModelTest {

  @Test
  void matrixProductTransposeAndBroadcast() {
    Matrix a = Matrix.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
    Matrix b = Matrix.of(new double[][] {{1, 0}, {0, 1}, {1, 1}});
    assertThat(a.dot(b).toArray()).isEqualTo(new double[][] {{4, 5}, {10, 11}});
    assertThat(a.transpose().toArray()).isEqualTo(new double[][] {{1, 4}, {2, 5}, {3, 6}});
    assertThat(a.plusColumn(Matrix.of(new double[][] {{10}, {20}})).toArray())
        .isEqualTo(new double[][] {{11, 12, 13}, {24, 25, 26}});
    assertThat(a.sumColumns().toArray()).isEqualTo(new double[][] {{6}, {15}});
    assertThat(a.columns(1, 3).toArray()).isEqualTo(new double[][] {{2, 3}, {5, 6}});
    assertThat(a.times(a).sum()).isEqualTo(91);
    assertThat(Matrix.row(3, 4).norm()).isEqualTo(5);
  }

  @Test
  void shapeErrorsNameBothShapes() {
    Matrix a = Matrix.zeros(2, 3);
    assertThatThrownBy(() -> a.dot(a)).hasMessageContaining("2×3").hasMessageContaining("multiply");
    assertThatThrownBy(() -> a.minus(Matrix.zeros(3, 2))).hasMessageContaining("2×3 and 3×2");
    assertThatThrownBy(() -> Matrix.of(new double[][] {{1, 2}, {3}})).hasMessageContaining("ragged");
    assertThatThrownBy(() -> a.plusColumn(Matrix.zeros(3, 1))).hasMessageContaining("broadcast");
  }

  @Test
  void matricesAreValuesAndImmutable() {
    double[][] v = {{1, 2}};
    Matrix m = Matrix.of(v);
    v[0][0] = 99;
    assertThat(m.get(0, 0)).isEqualTo(1);
    assertThat(m.with(0, 0, 5).get(0, 0)).isEqualTo(5);
    assertThat(m.get(0, 0)).isEqualTo(1);
    assertThat(m).isEqualTo(Matrix.row(1, 2)).isNotEqualTo(Matrix.row(1, 3));
    assertThat(Matrix.row(1, Double.NaN).isFinite()).isFalse();
  }

  @Test
  void specValidatesWhatItCan() {
    assertThatThrownBy(() -> NetworkSpec.of(new int[] {3}, Activation.RELU, Activation.IDENTITY, Loss.MSE))
        .hasMessageContaining("at least one layer");
    assertThatThrownBy(() -> NetworkSpec.of(new int[] {3, 0, 1}, Activation.RELU, Activation.IDENTITY, Loss.MSE))
        .hasMessageContaining("at least 1");
    assertThatThrownBy(() -> NetworkSpec.of(new int[] {3, 1}, Activation.RELU, Activation.IDENTITY, Loss.BCE))
        .hasMessageContaining("sigmoid");
    assertThatThrownBy(() -> new NetworkSpec(new int[] {3, 1}, Activation.LEAKY_RELU, -1, Activation.IDENTITY,
        Double.NaN, Loss.MSE)).hasMessageContaining("positive");
    NetworkSpec s = NetworkSpec.of(new int[] {3, 5, 2}, Activation.LEAKY_RELU, Activation.ELU, Loss.HALF_MSE);
    assertThat(s.alpha(1)).isEqualTo(0.01);
    assertThat(s.alpha(2)).isEqualTo(1.0);
    assertThat(s.activation(1)).isEqualTo(Activation.LEAKY_RELU);
    assertThat(s.activation(2)).isEqualTo(Activation.ELU);
    assertThat(s.depth()).isEqualTo(2);
    assertThat(s.toString()).contains("leaky_relu(α=0.01)", "half_mse");
  }

  @Test
  void specChecksTheDataItIsGiven() {
    NetworkSpec s = NetworkSpec.of(new int[] {3, 5, 2}, Activation.RELU, Activation.IDENTITY, Loss.MSE);
    assertThatThrownBy(() -> s.requireData(Matrix.zeros(2, 4), Matrix.zeros(2, 4)))
        .hasMessageContaining("X has 2 feature rows but the network takes 3 inputs");
    assertThatThrownBy(() -> s.requireData(Matrix.zeros(3, 4), Matrix.zeros(1, 4)))
        .hasMessageContaining("Y has 1 target rows");
    assertThatThrownBy(() -> s.requireData(Matrix.zeros(3, 4), Matrix.zeros(2, 5)))
        .hasMessageContaining("4 examples");
  }

  @Test
  void namesParseBothWaysAndUnknownNamesListTheKnownOnes() {
    assertThat(Activation.parse("leaky_relu")).isEqualTo(Activation.LEAKY_RELU);
    assertThat(Activation.parse("TANH")).isEqualTo(Activation.TANH);
    assertThatThrownBy(() -> Activation.parse("swish")).hasMessageContaining("unknown activation 'swish'")
        .hasMessageContaining("relu, leaky_relu, sigmoid, tanh, identity, elu");
    assertThat(Loss.parse("half_mse")).isEqualTo(Loss.HALF_MSE);
    assertThatThrownBy(() -> Loss.parse("l1")).hasMessageContaining("half_mse, mse, bce");
    assertThat(Initializer.HE.sigma(8)).isEqualTo(0.5);
  }

  @Test
  void parametersCheckTheirOwnShapes() {
    assertThatThrownBy(() -> new Parameters(List.of(Matrix.zeros(3, 2)), List.of(Matrix.zeros(2, 1))))
        .hasMessageContaining("b1 must be 3×1");
    assertThatThrownBy(() -> new Parameters(List.of(Matrix.zeros(3, 2), Matrix.zeros(1, 4)),
        List.of(Matrix.zeros(3, 1), Matrix.zeros(1, 1)))).hasMessageContaining("W2 is 1×4 but layer 1 has 3 units");
    Parameters p = new Parameters(List.of(Matrix.zeros(3, 2)), List.of(Matrix.zeros(3, 1)));
    assertThat(p.layers()).containsExactly(2, 3);
    NetworkSpec other = NetworkSpec.of(new int[] {2, 4}, Activation.RELU, Activation.IDENTITY, Loss.MSE);
    assertThatThrownBy(() -> p.requireFits(other)).hasMessageContaining("W1 must be 4×2");
  }
}
