package twinnet.scratch;

import java.util.ArrayList;
import java.util.List;
import twinnet.model.Loss;
import twinnet.model.Matrix;

/**
 * Course 1, week 2, "Logistic Regression with a Neural Network mindset": one sigmoid unit, w (n_x, 1) and a
 * scalar b, examples in columns. The twin of this model is a network of one sigmoid layer ([n_x, 1]) with the
 * course's cross-entropy.
 */
public final class LogisticRegression {
  private LogisticRegression() {}

  // sigmoid: s = 1/(1 + e^(−z)), element-wise
  public static Matrix sigmoid(Matrix z) {
    return Activations.sigmoid(z);
  }

  /** w and b. */
  public record Parameters(Matrix w, double b) {}

  // initialize_with_zeros: w = zeros((dim, 1)), b = 0.0
  public static Parameters initializeWithZeros(int dim) {
    return new Parameters(Matrix.zeros(dim, 1), 0.0);
  }

  /** propagate's grads {"dw", "db"} and cost. */
  public record Propagation(Matrix dw, double db, double cost) {}

  // propagate: A = σ(wᵀ·X + b);  J = −1/m·Σ(Y·log A + (1 − Y)·log(1 − A));  dw = 1/m·X·(A − Y)ᵀ;  db = 1/m·Σ(A − Y)
  public static Propagation propagate(Matrix w, double b, Matrix X, Matrix Y) {
    int m = X.cols();
    Matrix A = sigmoid(w.transpose().dot(X).map(z -> z + b));
    double cost = Costs.computeCost(A, Y, Loss.BCE);
    Matrix dZ = A.minus(Y);
    return new Propagation(X.dot(dZ.transpose()).scale(1.0 / m), dZ.sum() / m, cost);
  }

  /** optimize's params, the grads of its last iteration (before its update), and the cost every 100 iterations. */
  public record Optimized(Matrix w, double b, Matrix dw, double db, List<Double> costs) {}

  // optimize: num_iterations × (propagate; w ← w − α·dw; b ← b − α·db), the cost recorded every 100 iterations
  public static Optimized optimize(Matrix w, double b, Matrix X, Matrix Y, int numIterations, double learningRate) {
    List<Double> costs = new ArrayList<>();
    Propagation g = null;
    for (int i = 0; i < numIterations; i++) {
      g = propagate(w, b, X, Y);
      w = Optimization.gradientStep(w, g.dw(), learningRate);
      b = b - learningRate * g.db();
      if (i % 100 == 0) {
        costs.add(g.cost());
      }
    }
    return new Optimized(w, b, g == null ? null : g.dw(), g == null ? Double.NaN : g.db(), costs);
  }

  // predict: Ŷ = 1 where σ(wᵀ·X + b) > 0.5, else 0
  public static Matrix predict(Matrix w, double b, Matrix X) {
    return sigmoid(w.transpose().dot(X).map(z -> z + b)).map(a -> a > 0.5 ? 1.0 : 0.0);
  }

  /** model's results: the costs, both predictions, w and b. */
  public record Model(List<Double> costs, Matrix predictionTest, Matrix predictionTrain, Matrix w, double b) {}

  // model: initialize_with_zeros → optimize → predict on the training and the test set
  public static Model model(Matrix xTrain, Matrix yTrain, Matrix xTest, int numIterations, double learningRate) {
    Parameters p = initializeWithZeros(xTrain.rows());
    Optimized o = optimize(p.w(), p.b(), xTrain, yTrain, numIterations, learningRate);
    return new Model(o.costs(), predict(o.w(), o.b(), xTest), predict(o.w(), o.b(), xTrain), o.w(), o.b());
  }
}
