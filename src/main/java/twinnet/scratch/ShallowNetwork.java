package twinnet.scratch;

import java.util.List;
import twinnet.model.Loss;
import twinnet.model.Matrix;
import twinnet.model.Parameters;

/**
 * Course 1, week 3, "Planar data classification with one hidden layer": LINEAR → TANH → LINEAR → SIGMOID, its
 * functions written out as the notebook has them (the L-layer network of week 4 computes the same, {@code
 * ShallowNetworkTest} holds them equal). Parameters W1 (n_h, n_x), b1 (n_h, 1), W2 (n_y, n_h), b2 (n_y, 1).
 */
public final class ShallowNetwork {
  private ShallowNetwork() {}

  /** The hidden layer's size the notebook fixes in layer_sizes. */
  public static final int N_H = 4;

  // layer_sizes: n_x = X.shape[0], n_h = 4, n_y = Y.shape[0]
  public static int[] layerSizes(Matrix X, Matrix Y) {
    return new int[] {X.rows(), N_H, Y.rows()};
  }

  // initialize_parameters: W1 = randn(n_h, n_x)·0.01, b1 = 0, W2 = randn(n_y, n_h)·0.01, b2 = 0 (draws: numpy's)
  public static Parameters initializeParameters(Matrix drawW1, Matrix drawW2) {
    return new Parameters(List.of(drawW1.scale(0.01), drawW2.scale(0.01)),
        List.of(Matrix.zeros(drawW1.rows(), 1), Matrix.zeros(drawW2.rows(), 1)));
  }

  /** forward_propagation's cache {"Z1", "A1", "Z2", "A2"}. */
  public record Cache(Matrix Z1, Matrix A1, Matrix Z2, Matrix A2) {}

  // forward_propagation: Z1 = W1·X + b1;  A1 = tanh(Z1);  Z2 = W2·A1 + b2;  A2 = σ(Z2)
  public static Cache forwardPropagation(Matrix X, Parameters p) {
    Matrix Z1 = p.W(1).dot(X).plusColumn(p.b(1));
    Matrix A1 = Z1.map(Math::tanh);
    Matrix Z2 = p.W(2).dot(A1).plusColumn(p.b(2));
    return new Cache(Z1, A1, Z2, Activations.sigmoid(Z2));
  }

  // compute_cost: J = −1/m·Σ(Y·log A2 + (1 − Y)·log(1 − A2))
  public static double computeCost(Matrix A2, Matrix Y) {
    return Costs.computeCost(A2, Y, Loss.BCE);
  }

  /** backward_propagation's grads {"dW1", "db1", "dW2", "db2"}. */
  public record Grads(Matrix dW1, Matrix db1, Matrix dW2, Matrix db2) {
    public twinnet.model.Gradients gradients() {
      return new twinnet.model.Gradients(List.of(dW1, dW2), List.of(db1, db2));
    }
  }

  // backward_propagation: dZ2 = A2 − Y;  dW2 = 1/m·dZ2·A1ᵀ;  db2 = 1/m·Σ dZ2;
  //                       dZ1 = W2ᵀ·dZ2 ⊙ (1 − A1²);  dW1 = 1/m·dZ1·Xᵀ;  db1 = 1/m·Σ dZ1
  public static Grads backwardPropagation(Parameters p, Cache cache, Matrix X, Matrix Y) {
    int m = X.cols();
    Matrix dZ2 = cache.A2().minus(Y);
    Matrix dZ1 = p.W(2).transpose().dot(dZ2).times(cache.A1().map(a -> 1 - a * a));
    return new Grads(dZ1.dot(X.transpose()).scale(1.0 / m), dZ1.sumColumns().scale(1.0 / m),
        dZ2.dot(cache.A1().transpose()).scale(1.0 / m), dZ2.sumColumns().scale(1.0 / m));
  }

  // nn_model: num_iterations × (forward_propagation → compute_cost → backward_propagation → update_parameters)
  public static Parameters nnModel(Parameters start, Matrix X, Matrix Y, int numIterations, double learningRate) {
    Parameters p = start;
    for (int i = 0; i < numIterations; i++) {
      Cache c = forwardPropagation(X, p);
      p = Optimization.updateParameters(p, backwardPropagation(p, c, X, Y).gradients(), learningRate);
    }
    return p;
  }

  // predict: predictions = A2 > 0.5
  public static Matrix predict(Parameters p, Matrix X) {
    return forwardPropagation(X, p).A2().map(a -> a > 0.5 ? 1.0 : 0.0);
  }
}
