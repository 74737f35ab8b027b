package twinnet.scratch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import twinnet.compare.TensorDiff;
import twinnet.data.Datasets;
import twinnet.model.Activation;
import twinnet.model.Initializer;
import twinnet.model.Loss;
import twinnet.model.Matrix;
import twinnet.model.NetworkSpec;

/**
 * Softmax and categorical cross-entropy in the scratch network: the combined gradient dZ = A − Y the network
 * uses against the general chain through softmax's Jacobian (dAL = −Y/A, then the Jacobian), the cost from
 * the logits against the course's formula, and the edges (large pre-activations, one class).
 */
class SoftmaxTest {
  private static Matrix gaussian(Random r, int rows, int cols, double scale) {
    double[][] a = new double[rows][cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        a[i][j] = scale * r.nextGaussian();
      }
    }
    return Matrix.of(a);
  }

  @Test
  void theCombinedGradientIsTheJacobianChainOnOneHotTargets() {
    Random r = new Random(1);
    for (int k : new int[] {2, 3, 7}) {
      Matrix Z = gaussian(r, k, 50, 3);
      Matrix Y = Datasets.randomClasses(1, k, 50, k).Y();
      Matrix A = Activations.softmax(Z);
      Matrix general = Activations.softmaxBackward(Costs.costBackward(A, Y, Loss.CCE), Z);
      Matrix combined = Costs.softmaxCrossEntropyBackward(A, Y);
      assertThat(TensorDiff.of("dZ", 0, combined, general).relativeError()).as("k = " + k).isLessThan(1e-14);
    }
  }

  @Test
  void theJacobianChainIsNotTheCombinedOneWhenTargetsDoNotSumToOne() {
    // the shortcut holds for one-hot (summing to 1) targets only: the reference is the general chain
    Matrix Z = Matrix.of(new double[][] {{0.3, -1}, {1.2, 0.4}, {-0.5, 2}});
    Matrix Y = Matrix.of(new double[][] {{1, 0}, {1, 0}, {0, 0}});
    Matrix A = Activations.softmax(Z);
    Matrix general = Activations.softmaxBackward(Costs.costBackward(A, Y, Loss.CCE), Z);
    assertThat(TensorDiff.of("dZ", 0, Costs.softmaxCrossEntropyBackward(A, Y), general).relativeError())
        .isGreaterThan(0.1);
  }

  @Test
  void softmaxSumsToOneAndDoesNotOverflow() {
    Matrix Z = Matrix.of(new double[][] {{1000, -1000, 0}, {1001, -999, 0}, {999, -1001, 0}});
    Matrix A = Activations.softmax(Z);
    assertThat(A.isFinite()).isTrue();
    for (int j = 0; j < 3; j++) {
      double s = A.get(0, j) + A.get(1, j) + A.get(2, j);
      assertThat(s).isCloseTo(1, within(1e-15));
    }
    assertThat(A.get(1, 0)).isCloseTo(Math.exp(1) / (1 + Math.E + Math.exp(-1)) / Math.E * Math.E, within(1e-15));
    assertThat(A.get(0, 2)).isCloseTo(1.0 / 3, within(1e-15));
  }

  @Test
  void theCostFromTheLogitsIsTheCoursesFormula() {
    Random r = new Random(2);
    Matrix Z = gaussian(r, 4, 30, 2);
    Matrix Y = Datasets.randomClasses(1, 4, 30, 9).Y();
    double course = Costs.computeCost(Activations.softmax(Z), Y, Loss.CCE);
    assertThat(Costs.softmaxCrossEntropyFromLogits(Z, Y)).isCloseTo(course, within(1e-13 * course));
    // where a probability rounds to 0, the logits still give the finite cost
    Matrix far = Matrix.of(new double[][] {{800}, {0}});
    Matrix wrong = Matrix.of(new double[][] {{0}, {1}});
    assertThat(Costs.softmaxCrossEntropyFromLogits(far, wrong)).isCloseTo(800, within(1e-12));
  }

  @Test
  void theNetworkUsesTheCombinedGradientAndTheSpecGuardsTheRoles() {
    NetworkSpec spec = NetworkSpec.of(new int[] {4, 5, 3}, Activation.TANH, Activation.SOFTMAX, Loss.CCE);
    ScratchNetwork net = ScratchNetwork.initialized(spec, Initializer.XAVIER, 1);
    var iris = Datasets.iris();
    assertThat(iris.X().rows()).isEqualTo(4);
    assertThat(iris.examples()).isEqualTo(150);
    assertThat(iris.Y().sum()).isEqualTo(150); // one-hot
    var study = net.study(iris.X(), iris.Y());
    Matrix AL = study.get(1).A();
    assertThat(study.get(1).dZ()).isEqualTo(AL.minus(iris.Y()));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> NetworkSpec.of(new int[] {1, 2, 2}, Activation.SOFTMAX,
        Activation.SOFTMAX, Loss.CCE)).hasMessageContaining("softmax is an output activation");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> NetworkSpec.of(new int[] {1, 2, 2}, Activation.RELU,
        Activation.SIGMOID, Loss.CCE)).hasMessageContaining("cce loss needs a softmax output");
  }
}
