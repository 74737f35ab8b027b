package twinnet.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import twinnet.compare.TensorDiff;
import twinnet.data.Dataset;
import twinnet.data.Datasets;
import twinnet.model.Activation;
import twinnet.model.Initializer;
import twinnet.model.LayerQuantities;
import twinnet.model.Loss;
import twinnet.model.Matrix;
import twinnet.model.NetworkSpec;
import twinnet.scratch.ScratchNetwork;

/**
 * Study mode's per-layer quantities, as DL4J computes them and mapped by the convention factor c, equal
 * the course's: this pins dA_course = c·ε_DL4J and dZ_course = c·dZ_DL4J.
 */
class StudyQuantitiesTest {

  static Stream<NetworkSpec> specs() {
    return Stream.of(
        NetworkSpec.of(new int[] {3, 5, 4, 2}, Activation.TANH, Activation.IDENTITY, Loss.HALF_MSE),
        NetworkSpec.of(new int[] {3, 5, 2}, Activation.RELU, Activation.SIGMOID, Loss.MSE),
        NetworkSpec.of(new int[] {3, 4, 2}, Activation.SIGMOID, Activation.SIGMOID, Loss.BCE));
  }

  @ParameterizedTest
  @MethodSource("specs")
  void dl4jsQuantitiesMappedEqualTheCourses(NetworkSpec spec) {
    Dataset d = spec.loss() == Loss.BCE ? Datasets.randomBinary(3, 2, 9, 1) : Datasets.random(3, 2, 9, 1);
    ScratchNetwork s = ScratchNetwork.initialized(spec, Initializer.XAVIER, 2);
    List<LayerQuantities> a = s.study(d.X(), d.Y());
    List<LayerQuantities> b = Dl4jNetwork.withParameters(spec, s.parameters()).study(d.X(), d.Y());
    for (int l = 1; l <= spec.depth(); l++) {
      LayerQuantities x = a.get(l - 1);
      LayerQuantities y = b.get(l - 1);
      close("Z" + l, x.Z(), y.Z());
      close("A" + l, x.A(), y.A());
      close("dZ" + l, x.dZ(), y.dZ());
      close("dW" + l, x.dW(), y.dW());
      close("db" + l, x.db(), y.db());
      if (l < spec.depth()) {
        close("dA" + l, x.dA(), y.dA());
      } else {
        assertThat(y.dA()).as("DL4J never forms dA of the output layer").isNull();
        assertThat(x.dA()).isNotNull();
      }
    }
    // A of the last layer is the prediction
    assertThat(a.get(spec.depth() - 1).A()).isEqualTo(s.predict(d.X()));
  }

  private static void close(String name, Matrix a, Matrix b) {
    assertThat(TensorDiff.of(name, 0, a, b).relativeError()).as(name).isLessThan(1e-13);
  }
}
