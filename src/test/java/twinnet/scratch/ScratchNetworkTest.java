package twinnet.scratch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import twinnet.model.Activation;
import twinnet.model.Initializer;
import twinnet.model.LayerQuantities;
import twinnet.model.Loss;
import twinnet.model.Matrix;
import twinnet.model.NetworkSpec;
import twinnet.model.Parameters;

/** The scratch network's own contract: checks with clear messages, one update, study quantities. */
class ScratchNetworkTest {
  private static final NetworkSpec SPEC = NetworkSpec.of(new int[] {2, 3, 1}, Activation.TANH, Activation.IDENTITY,
      Loss.HALF_MSE);

  @Test
  void parametersThatDoNotFitAreRefusedByName() {
    Parameters wrong = Initialization.initializeParametersDeep(new int[] {2, 4, 1}, Initializer.HE, 1);
    assertThatThrownBy(() -> new ScratchNetwork(SPEC, wrong)).hasMessageContaining("W1 must be 3×2");
    ScratchNetwork net = ScratchNetwork.initialized(SPEC, Initializer.HE, 1);
    assertThatThrownBy(() -> net.setParameters(wrong)).hasMessageContaining("W1 must be 3×2");
  }

  @Test
  void dataThatDoNotFitAreRefusedByName() {
    ScratchNetwork net = ScratchNetwork.initialized(SPEC, Initializer.HE, 1);
    Matrix badX = Matrix.zeros(3, 4);
    Matrix y = Matrix.zeros(1, 4);
    assertThatThrownBy(() -> net.backprop(badX, y)).hasMessageContaining("X has 3 feature rows");
    assertThatThrownBy(() -> net.predict(badX)).hasMessageContaining("X has 3 feature rows");
    assertThatThrownBy(() -> net.study(badX, y)).hasMessageContaining("X has 3 feature rows");
    assertThatThrownBy(() -> net.step(badX, y, 0.1)).hasMessageContaining("X has 3 feature rows");
  }

  @Test
  void oneStepIsThetaMinusAlphaTimesTheGradient() {
    ScratchNetwork net = ScratchNetwork.initialized(SPEC, Initializer.HE, 1);
    Matrix x = Matrix.of(new double[][] {{1, 2}, {0.5, -1}});
    Matrix y = Matrix.row(0.3, -0.2);
    Parameters before = net.parameters();
    var bp = net.backprop(x, y);
    double cost = net.step(x, y, 0.1);
    assertThat(cost).isEqualTo(bp.cost());
    assertThat(net.parameters().W(1)).isEqualTo(before.W(1).minus(bp.grads().dW(1).scale(0.1)));
    assertThat(net.parameters().b(2)).isEqualTo(before.b(2).minus(bp.grads().db(2).scale(0.1)));
    assertThat(net.name()).isEqualTo("scratch");
    assertThat(net.spec()).isEqualTo(SPEC);
  }

  @Test
  void studyQuantitiesAreTheForwardAndBackwardPass() {
    ScratchNetwork net = ScratchNetwork.initialized(SPEC, Initializer.HE, 1);
    Matrix x = Matrix.of(new double[][] {{1, 2}, {0.5, -1}});
    Matrix y = Matrix.row(0.3, -0.2);
    List<LayerQuantities> q = net.study(x, y);
    var bp = net.backprop(x, y);
    assertThat(q.get(1).A()).isEqualTo(bp.AL());
    assertThat(q.get(1).dA()).isEqualTo(bp.AL().minus(y)); // half-MSE: dAL = A − Y
    assertThat(q.get(1).dZ()).isEqualTo(q.get(1).dA()); // identity output
    assertThat(q.get(0).A()).isEqualTo(Activations.tanh(q.get(0).Z()));
    assertThat(q.get(0).dW()).isEqualTo(bp.grads().dW(1));
    assertThat(q.get(0).db()).isEqualTo(bp.grads().db(1));
  }

  @Test
  void linearActivationForwardKeepsTheCoursesCache() {
    Matrix aPrev = Matrix.of(new double[][] {{1, -1}});
    Matrix w = Matrix.of(new double[][] {{2}});
    Matrix b = Matrix.of(new double[][] {{0.5}});
    Linear.Forward f = Linear.linearActivationForward(aPrev, w, b, Activation.RELU, Double.NaN);
    assertThat(f.cache().Z()).isEqualTo(Matrix.row(2.5, -1.5));
    assertThat(f.A()).isEqualTo(Matrix.row(2.5, 0));
    assertThat(f.cache().linear().A_prev()).isEqualTo(aPrev);
  }
}
