package twinnet.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import twinnet.data.Batches;
import twinnet.data.Dataset;
import twinnet.dl4j.Dl4jNetwork;
import twinnet.model.Activation;
import twinnet.model.ConvStack;
import twinnet.model.Initializer;
import twinnet.model.Loss;
import twinnet.model.Matrix;
import twinnet.model.NetworkSpec;
import twinnet.model.Optimizer;
import twinnet.model.Parameters;
import twinnet.scratch.ConvNetwork;
import twinnet.scratch.Initialization;

/**
 * A network with conv stages, by hand and as DL4J's twin from the same weights: the gradients of the whole network
 * against central differences (the scratch side's own check), then both sides through the one harness, at one point
 * and trained side by side, the conv layers' tensors named in the network's numbering.
 */
class ConvNetworkTest {
  /** 6×6×2 images → conv 3×3 pad 1 × 3 tanh → max pool 2/2 → conv 2×2 × 4 relu → flatten (2·2·4) → 5 tanh → 3. */
  static final ConvStack STACK = new ConvStack(6, 6, 2, List.of(new ConvStack.Conv(3, 1, 1, 3, Activation.TANH),
      new ConvStack.Pool(ConvStack.Pooling.MAX, 2, 2), new ConvStack.Conv(2, 1, 0, 4, Activation.RELU)));

  static Parameters start(ConvStack stack, NetworkSpec spec, long seed) {
    return Initialization.forSpec(spec, Initializer.HE, seed).withConvs(ConvNetwork.initializeConvs(stack,
        Initializer.HE, seed));
  }

  static Matrix gaussian(Random r, int rows, int cols) {
    double[] v = new double[rows * cols];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextGaussian();
    }
    return Matrix.of(rows, cols, v);
  }

  static Matrix oneHot(Random r, int classes, int m) {
    double[] v = new double[classes * m];
    for (int i = 0; i < m; i++) {
      v[r.nextInt(classes) * m + i] = 1;
    }
    return Matrix.of(classes, m, v);
  }

  @Test
  void theScratchNetworksGradientsAreTheCostsDerivatives() {
    NetworkSpec spec = NetworkSpec.of(new int[] {16, 5, 3}, Activation.TANH, Activation.SOFTMAX, Loss.CCE);
    Random r = new Random(4);
    Matrix X = gaussian(r, STACK.inputs(), 3);
    Matrix Y = oneHot(r, 3, 3);
    Parameters p = start(STACK, spec, 5);
    ConvNetwork net = new ConvNetwork(STACK, spec, p, Optimizer.GD);
    List<Parameters.Tensor> grads = net.backprop(X, Y).grads().parameterOrder();
    List<Parameters.Tensor> theta = p.trainable();
    double eps = 1e-6;
    for (int i = 0; i < theta.size(); i++) {
      Matrix t = theta.get(i).value();
      for (int e = 0; e < t.rows() * t.cols(); e += 3) { // every third element of every tensor
        int row = e / t.cols();
        int col = e % t.cols();
        double numeric = (cost(net, p, i, row, col, eps, X, Y) - cost(net, p, i, row, col, -eps, X, Y)) / (2 * eps);
        assertThat(grads.get(i).value().get(row, col)).as(grads.get(i).name() + "(" + row + "," + col + ")")
            .isCloseTo(numeric, org.assertj.core.data.Offset.offset(1e-7));
      }
    }
  }

  private static double cost(ConvNetwork net, Parameters p, int tensor, int row, int col, double d, Matrix X, Matrix Y) {
    List<Matrix> values = new java.util.ArrayList<>(p.trainable().stream().map(Parameters.Tensor::value).toList());
    values.set(tensor, values.get(tensor).with(row, col, values.get(tensor).get(row, col) + d));
    net.setParameters(p.withTrainable(values));
    double c = net.backprop(X, Y).cost();
    net.setParameters(p);
    return c;
  }

  @Test
  void scratchAndTwinAgreeAtTheStartAndTrainingWithAdamInMiniBatches() {
    NetworkSpec spec = NetworkSpec.of(new int[] {16, 5, 3}, Activation.TANH, Activation.SOFTMAX, Loss.CCE);
    Random r = new Random(6);
    Matrix X = gaussian(r, STACK.inputs(), 24);
    Matrix Y = oneHot(r, 3, 24);
    Parameters p = start(STACK, spec, 7);
    Optimizer adam = Optimizer.of(Optimizer.Kind.ADAM_DL4J);
    ConvNetwork scratch = new ConvNetwork(STACK, spec, p, adam);
    Dl4jNetwork twin = Dl4jNetwork.withParameters(STACK, spec, p, adam, 8);
    assertThat(twin.parameters()).isEqualTo(p);
    Comparison at = Harness.compare(scratch, twin, X, Y);
    assertThat(at.agrees()).as(at.toString()).isTrue();
    assertThat(at.gradients().stream().map(TensorDiff::tensor).toList()).containsExactly("dW4", "db4", "dW3", "db3",
        "dW2", "db2", "dW1", "db1");
    SideBySide run = Harness.trainSideBySide(scratch, twin, new Batches(new Dataset("images", X, Y), 8, 11L), 0.01,
        30, Tolerances.DEFAULT, true);
    assertThat(run.agrees()).as(String.valueOf(run.firstDivergence())).isTrue();
  }

  @Test
  void aStackThatDoesNotMeetTheDenseLayersIsNamed() {
    NetworkSpec spec = NetworkSpec.of(new int[] {20, 3}, Activation.TANH, Activation.SOFTMAX, Loss.CCE);
    assertThatThrownBy(() -> new ConvNetwork(STACK, spec, start(STACK, NetworkSpec.of(new int[] {16, 3},
        Activation.TANH, Activation.SOFTMAX, Loss.CCE), 1), Optimizer.GD))
        .hasMessageContaining("end in 2 × 2 × 4 = 16 values, so the dense layers start with 16, not 20");
    assertThatThrownBy(() -> new ConvStack(4, 4, 1, List.of(new ConvStack.Conv(5, 1, 0, 2, Activation.RELU))))
        .hasMessageContaining("does not fit its input of 4 × 4");
  }
}
