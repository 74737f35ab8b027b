package example;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import twinnet.model.Gradients;
import twinnet.model.Matrix;
import twinnet.model.Network;
import twinnet.model.NetworkSpec;
import twinnet.model.Parameters;
import twinnet.testing.TwinAssertions;

/** Your own network, held to its DL4J twin by twinnet on the case in two-tanh-layers.json. */
class MyNetworkTest {

  /** A network of yours: tanh hidden layers, an identity output, the course's ½-MSE, plain gradient descent. */
  static final class MyNetwork implements Network {
    private final NetworkSpec spec;
    private Parameters params;

    MyNetwork(NetworkSpec spec) {
      this.spec = spec;
    }

    @Override
    public String name() {
      return "my network";
    }

    @Override
    public NetworkSpec spec() {
      return spec;
    }

    // forward: Z[l] = W[l]·A[l−1] + b[l], A[l] = tanh(Z[l]) (identity at the output); J = 1/(2m)·Σ(A − Y)²
    // backward: dZ[L] = A[L] − Y; dW[l] = 1/m·dZ[l]·A[l−1]ᵀ; db[l] = 1/m·Σ dZ[l]; dZ[l−1] = W[l]ᵀ·dZ[l] ⊙ (1 − A²)
    @Override
    public Backprop backprop(Matrix X, Matrix Y) {
      int layers = spec.depth();
      int m = X.cols();
      List<Matrix> A = new ArrayList<>(List.of(X));
      for (int l = 1; l <= layers; l++) {
        Matrix Z = params.W(l).dot(A.get(l - 1)).plusColumn(params.b(l));
        A.add(l < layers ? Z.map(Math::tanh) : Z);
      }
      Matrix out = A.get(layers);
      double cost = out.minus(Y).times(out.minus(Y)).sum() / (2.0 * m);
      Matrix dZ = out.minus(Y);
      Matrix[] dW = new Matrix[layers];
      Matrix[] db = new Matrix[layers];
      for (int l = layers; l >= 1; l--) {
        dW[l - 1] = dZ.dot(A.get(l - 1).transpose()).scale(1.0 / m);
        db[l - 1] = dZ.sumColumns().scale(1.0 / m);
        if (l > 1) {
          dZ = params.W(l).transpose().dot(dZ).times(A.get(l - 1).map(a -> 1 - a * a));
        }
      }
      return new Backprop(cost, out, new Gradients(List.of(dW), List.of(db)));
    }

    @Override
    public double step(Matrix X, Matrix Y, double learningRate) {
      Backprop bp = backprop(X, Y);
      List<Matrix> W = new ArrayList<>();
      List<Matrix> b = new ArrayList<>();
      for (int l = 1; l <= spec.depth(); l++) {
        W.add(params.W(l).minus(bp.grads().dW(l).scale(learningRate)));
        b.add(params.b(l).minus(bp.grads().db(l).scale(learningRate)));
      }
      params = new Parameters(W, b);
      return bp.cost();
    }

    @Override
    public Matrix predict(Matrix X) {
      return backprop(X, Matrix.zeros(spec.outputs(), X.cols())).AL();
    }

    @Override
    public Parameters parameters() {
      return params;
    }

    @Override
    public void setParameters(Parameters p) {
      p.requireFits(spec);
      params = p;
    }
  }

  @Test
  void myNetworkAgreesWithItsTwin() {
    Path kase = Path.of("two-tanh-layers.json");
    NetworkSpec spec = twinnet.cases.CaseParser.read(kase).spec();
    TwinAssertions.assertThat(new MyNetwork(spec)).agreesWithTwin(kase);
  }
}
