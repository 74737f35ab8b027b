package twinnet.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import twinnet.model.Activation;
import twinnet.model.Gradients;
import twinnet.model.Matrix;
import twinnet.model.Network;
import twinnet.model.NetworkSpec;
import twinnet.model.Parameters;

/** TwinAssertions on a Java network written here from scratch, once right and once with a learner's slip. */
class TwinAssertionsTest {

  /**
   * A user's own L-layer network, not twinnet's: tanh hidden layers, identity output, half-MSE, plain gradient
   * descent. {@code slip} plants one mistake.
   */
  static final class MyNetwork implements Network {
    private final NetworkSpec spec;
    private final String slip;
    private Parameters p;

    MyNetwork(NetworkSpec spec, String slip) {
      this.spec = spec;
      this.slip = slip;
    }

    @Override
    public String name() {
      return "MyNetwork" + (slip.isEmpty() ? "" : " (" + slip + ")");
    }

    @Override
    public NetworkSpec spec() {
      return spec;
    }

    @Override
    public Backprop backprop(Matrix X, Matrix Y) {
      int L = spec.depth();
      int m = X.cols();
      List<Matrix> A = new ArrayList<>(List.of(X));
      for (int l = 1; l <= L; l++) {
        Matrix Z = p.W(l).dot(A.get(l - 1)).plusColumn(p.b(l));
        A.add(l < L ? Z.map(Math::tanh) : Z);
      }
      Matrix AL = A.get(L);
      double cost = AL.minus(Y).times(AL.minus(Y)).sum() / (2.0 * m);
      Matrix dA = AL.minus(Y);
      Matrix[] dW = new Matrix[L];
      Matrix[] db = new Matrix[L];
      for (int l = L; l >= 1; l--) {
        Matrix Al = A.get(l);
        Matrix dZ = l < L ? dA.times(Al.map(a -> 1 - a * a)) : dA;
        dW[l - 1] = dZ.dot(A.get(l - 1).transpose()).scale(slip.equals("dW without 1/m") ? 1.0 : 1.0 / m);
        db[l - 1] = dZ.sumColumns().scale(1.0 / m);
        dA = p.W(l).transpose().dot(dZ);
      }
      return new Backprop(cost, AL, new Gradients(List.of(dW), List.of(db)));
    }

    @Override
    public double step(Matrix X, Matrix Y, double learningRate) {
      Backprop bp = backprop(X, Y);
      List<Matrix> W = new ArrayList<>();
      List<Matrix> b = new ArrayList<>();
      for (int l = 1; l <= spec.depth(); l++) {
        double sign = slip.equals("update added") ? -1 : 1;
        W.add(p.W(l).minus(bp.grads().dW(l).scale(sign * learningRate)));
        b.add(p.b(l).minus(bp.grads().db(l).scale(sign * learningRate)));
      }
      p = new Parameters(W, b);
      return bp.cost();
    }

    @Override
    public Matrix predict(Matrix X) {
      return backprop(X, Matrix.zeros(spec.outputs(), X.cols())).AL();
    }

    @Override
    public Parameters parameters() {
      return p;
    }

    @Override
    public void setParameters(Parameters q) {
      q.requireFits(spec);
      p = q;
    }
  }

  static final Path CASE = Path.of("compare/deep-tanh.json");

  static NetworkSpec spec() {
    return twinnet.cases.CaseParser.read(CASE).spec();
  }

  @Test
  void aRightNetworkPasses() {
    org.assertj.core.api.Assertions.assertThat(spec().hidden()).isEqualTo(Activation.TANH);
    assertThatCode(() -> TwinAssertions.assertThat(new MyNetwork(spec(), "")).agreesWithTwin(CASE))
        .doesNotThrowAnyException();
  }

  @Test
  void aGradientSlipFailsNamingTheLayerTheTensorAndTheCause() {
    assertThatThrownBy(() -> TwinAssertions.assertThat(new MyNetwork(spec(), "dW without 1/m")).agreesWithTwin(CASE))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("at step 0 layer")
        .hasMessageContaining("dW")
        .hasMessageContaining("yours=").hasMessageContaining("twin=").hasMessageContaining("relative error")
        .hasMessageContaining("cause:").hasMessageContaining("the 1/m is missing or applied twice");
  }

  @Test
  void anUpdateSlipFailsAtTheFirstStep() {
    assertThatThrownBy(() -> TwinAssertions.assertThat(new MyNetwork(spec(), "update added")).agreesWithTwin(CASE))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("they part at step 0")
        .hasMessageContaining("after the update");
  }
}
