package twinnet.scratch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import twinnet.model.Activation;
import twinnet.model.Matrix;

/** Each activation's backward is its forward's derivative, and the kinks follow the stated convention. */
class ActivationsTest {
  private static final Matrix Z = Matrix.row(-3, -1.5, -0.2, 0.3, 1.1, 2.5);

  @Test
  void everyBackwardIsTheDerivativeOfItsForward() {
    double h = 1e-6;
    for (Activation g : Activation.values()) {
      double alpha = g.hasAlpha() ? 0.3 : Double.NaN;
      Matrix ones = Z.map(z -> 1.0);
      Matrix analytic = Activations.activationBackward(ones, Z, g, alpha);
      Matrix numeric = Activations.activationForward(Z.map(z -> z + h), g, alpha)
          .minus(Activations.activationForward(Z.map(z -> z - h), g, alpha)).scale(1 / (2 * h));
      for (int j = 0; j < Z.cols(); j++) {
        assertThat(analytic.get(0, j)).as(g + " at " + Z.get(0, j)).isCloseTo(numeric.get(0, j), within(1e-8));
      }
    }
  }

  @Test
  void derivativesAtZeroFollowDl4j() {
    Matrix zero = Matrix.row(0.0);
    Matrix one = Matrix.row(1.0);
    assertThat(Activations.reluBackward(one, zero).get(0, 0)).isEqualTo(0.0);
    assertThat(Activations.leakyReluBackward(one, zero, 0.1).get(0, 0)).isEqualTo(1.0);
    assertThat(Activations.eluBackward(one, zero, 0.5).get(0, 0)).isEqualTo(1.0);
  }

  @Test
  void sigmoidIsStableForLargeArguments() {
    Matrix s = Activations.sigmoid(Matrix.row(-1000, -40, 0, 40, 1000));
    assertThat(s.isFinite()).isTrue();
    assertThat(s.get(0, 0)).isEqualTo(0.0);
    assertThat(s.get(0, 1)).isCloseTo(Math.exp(-40), within(1e-30));
    assertThat(s.get(0, 2)).isEqualTo(0.5);
    assertThat(s.get(0, 4)).isEqualTo(1.0);
    assertThat(Activations.sigmoidBackward(Matrix.row(1, 1), Matrix.row(-1000, 1000)).isFinite()).isTrue();
  }

  @Test
  void leakyAndEluUseTheirAlpha() {
    assertThat(Activations.leakyRelu(Matrix.row(-2), 0.25).get(0, 0)).isEqualTo(-0.5);
    assertThat(Activations.elu(Matrix.row(-1), 0.5).get(0, 0)).isCloseTo(0.5 * (Math.exp(-1) - 1), within(1e-16));
    assertThat(Activations.eluBackward(Matrix.row(1), Matrix.row(-1), 0.5).get(0, 0))
        .isCloseTo(0.5 * Math.exp(-1), within(1e-16));
  }
}
