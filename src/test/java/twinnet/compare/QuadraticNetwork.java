package twinnet.compare;

import java.util.List;
import twinnet.model.Activation;
import twinnet.model.Gradients;
import twinnet.model.Loss;
import twinnet.model.Matrix;
import twinnet.model.Network;
import twinnet.model.NetworkSpec;
import twinnet.model.Parameters;

/**
 * A test double with a cost whose gradient is known in closed form: J(θ) = Σ θ², dJ/dθ = k·θ (k = 2 is
 * the true gradient; any other k is a wrong one). One layer, 1 → 2.
 */
final class QuadraticNetwork implements Network {
  static final NetworkSpec SPEC = NetworkSpec.of(new int[] {1, 2}, Activation.RELU, Activation.IDENTITY, Loss.MSE);
  private final double k;
  private Parameters p;

  QuadraticNetwork(double k, Parameters p) {
    this.k = k;
    this.p = p;
  }

  static Parameters params(double w0, double w1, double b0, double b1) {
    return new Parameters(List.of(Matrix.of(new double[][] {{w0}, {w1}})),
        List.of(Matrix.of(new double[][] {{b0}, {b1}})));
  }

  @Override
  public String name() {
    return "quadratic";
  }

  @Override
  public NetworkSpec spec() {
    return SPEC;
  }

  @Override
  public Backprop backprop(Matrix X, Matrix Y) {
    double cost = p.W(1).times(p.W(1)).sum() + p.b(1).times(p.b(1)).sum();
    return new Backprop(cost, Matrix.zeros(2, 1), new Gradients(List.of(p.W(1).scale(k)), List.of(p.b(1).scale(k))));
  }

  @Override
  public double step(Matrix X, Matrix Y, double learningRate) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Matrix predict(Matrix X) {
    return Matrix.zeros(2, X.cols());
  }

  @Override
  public Parameters parameters() {
    return p;
  }

  @Override
  public void setParameters(Parameters p) {
    this.p = p;
  }
}
