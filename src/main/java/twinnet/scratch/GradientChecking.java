package twinnet.scratch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import twinnet.model.Loss;
import twinnet.model.Matrix;
import twinnet.model.Parameters;

/**
 * Course 2, week 1, "Gradient Checking": the 1-D model J(θ) = θ·x, then the notebook's 3-layer network (LINEAR →
 * RELU → LINEAR → RELU → LINEAR → SIGMOID) with its parameters rolled into one vector (W1, b1, W2, b2, W3, b3, each
 * row by row), and the two-sided difference that checks a gradient. ({@code twinnet.compare.GradientCheck} is the
 * same check on any {@code Network}.)
 */
public final class GradientChecking {
  private GradientChecking() {}

  // forward_propagation (1-D): J = θ·x
  public static double forwardPropagation(double x, double theta) {
    return theta * x;
  }

  // backward_propagation (1-D): dJ/dθ = x
  public static double backwardPropagation(double x, double theta) {
    return x;
  }

  // gradient_check (1-D): gradapprox = (J(θ + ε) − J(θ − ε))/(2ε);  difference = |grad − gradapprox|/(|grad| + |gradapprox|)
  public static double gradientCheck(double x, double theta, double epsilon) {
    double jPlus = forwardPropagation(x, theta + epsilon);
    double jMinus = forwardPropagation(x, theta - epsilon);
    double gradapprox = (jPlus - jMinus) / (2 * epsilon);
    return difference(new double[] {backwardPropagation(x, theta)}, new double[] {gradapprox});
  }

  // difference = ‖grad − gradapprox‖ / (‖grad‖ + ‖gradapprox‖)
  public static double difference(double[] grad, double[] gradapprox) {
    double[] d = new double[grad.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = grad[i] - gradapprox[i];
    }
    return norm(d) / (norm(grad) + norm(gradapprox));
  }

  // ‖v‖ = √(Σ v²)
  public static double norm(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }

  /** forward_propagation_n's cost and cache (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3). */
  public record ForwardN(double cost, List<Matrix> cache) {}

  // forward_propagation_n: A1 = relu(W1·X + b1); A2 = relu(W2·A1 + b2); A3 = σ(W3·A2 + b3);
  //                        J = 1/m·Σ(−Y·log A3 − (1 − Y)·log(1 − A3))
  public static ForwardN forwardPropagationN(Matrix X, Matrix Y, Parameters p) {
    List<Matrix> cache = new ArrayList<>();
    Matrix A = X;
    for (int l = 1; l <= 3; l++) {
      Matrix Z = p.W(l).dot(A).plusColumn(p.b(l));
      A = l < 3 ? Z.map(z -> Math.max(0, z)) : Activations.sigmoid(Z);
      cache.addAll(List.of(Z, A, p.W(l), p.b(l)));
    }
    // in the notebook's order: log_probs = −log(A3)·Y + (−log(1 − A3))·(1 − Y); cost = 1./m · np.sum(log_probs)
    double sum = 0;
    for (int i = 0; i < A.rows(); i++) {
      for (int j = 0; j < A.cols(); j++) {
        double a = A.get(i, j);
        double y = Y.get(i, j);
        sum += -Math.log(a) * y + -Math.log(1 - a) * (1 - y);
      }
    }
    return new ForwardN(1. / X.cols() * sum, cache);
  }

  // backward_propagation_n: dZ3 = A3 − Y; dW3 = 1/m·dZ3·A2ᵀ; db3 = 1/m·Σ dZ3; dA2 = W3ᵀ·dZ3; dZ2 = dA2 ⊙ 1{A2 > 0};
  //                         … down to dW1 = 1/m·dZ1·Xᵀ, db1 = 1/m·Σ dZ1 (keys in the notebook's order)
  public static Map<String, Matrix> backwardPropagationN(Matrix X, Matrix Y, List<Matrix> cache) {
    int m = X.cols();
    Map<String, Matrix> g = new LinkedHashMap<>();
    Matrix dZ = cache.get(9).minus(Y); // A3 − Y
    for (int l = 3; l >= 1; l--) {
      Matrix aPrev = l == 1 ? X : cache.get(4 * (l - 2) + 1);
      g.put("dZ" + l, dZ);
      g.put("dW" + l, dZ.dot(aPrev.transpose()).scale(1.0 / m));
      g.put("db" + l, dZ.sumColumns().scale(1.0 / m));
      if (l > 1) {
        Matrix dA = cache.get(4 * (l - 1) + 2).transpose().dot(dZ); // W[l]ᵀ·dZ[l]
        g.put("dA" + (l - 1), dA);
        Matrix a = aPrev;
        dZ = dA.times(a.map(v -> v > 0 ? 1 : 0));
      }
    }
    return g;
  }

  // dictionary_to_vector: W1, b1, W2, b2, W3, b3, each flattened row by row, one after the other
  public static double[] dictionaryToVector(Parameters p) {
    List<Matrix> parts = new ArrayList<>();
    for (int l = 1; l <= p.depth(); l++) {
      parts.add(p.W(l));
      parts.add(p.b(l));
    }
    return concat(parts);
  }

  // gradients_to_vector: dW1, db1, dW2, db2, dW3, db3 in the same order
  public static double[] gradientsToVector(Map<String, Matrix> gradients, int depth) {
    List<Matrix> parts = new ArrayList<>();
    for (int l = 1; l <= depth; l++) {
      parts.add(gradients.get("dW" + l));
      parts.add(gradients.get("db" + l));
    }
    return concat(parts);
  }

  // vector_to_dictionary: the inverse of dictionary_to_vector for layer sizes dims
  public static Parameters vectorToDictionary(double[] theta, int[] dims) {
    List<Matrix> W = new ArrayList<>();
    List<Matrix> b = new ArrayList<>();
    int at = 0;
    for (int l = 1; l < dims.length; l++) {
      int n = dims[l] * dims[l - 1];
      W.add(Matrix.of(dims[l], dims[l - 1], java.util.Arrays.copyOfRange(theta, at, at + n)));
      at += n;
      b.add(Matrix.of(dims[l], 1, java.util.Arrays.copyOfRange(theta, at, at + dims[l])));
      at += dims[l];
    }
    return new Parameters(W, b);
  }

  private static double[] concat(List<Matrix> parts) {
    int n = parts.stream().mapToInt(m -> m.rows() * m.cols()).sum();
    double[] out = new double[n];
    int at = 0;
    for (Matrix m : parts) {
      double[] v = m.toRowMajor();
      System.arraycopy(v, 0, out, at, v.length);
      at += v.length;
    }
    return out;
  }

  // gradient_check_n: gradapprox[i] = (J(θ + ε·e_i) − J(θ − ε·e_i))/(2ε), one parameter at a time;
  //                   difference = ‖grad − gradapprox‖/(‖grad‖ + ‖gradapprox‖)
  public static double gradientCheckN(double[] theta, double[] grad, ToDoubleFunction<double[]> J, double epsilon) {
    return difference(grad, gradapprox(theta, J, epsilon));
  }

  /** The two-sided differences of J at θ, one coordinate at a time. */
  public static double[] gradapprox(double[] theta, ToDoubleFunction<double[]> J, double epsilon) {
    double[] approx = new double[theta.length];
    for (int i = 0; i < theta.length; i++) {
      double[] plus = theta.clone();
      plus[i] = plus[i] + epsilon;
      double[] minus = theta.clone();
      minus[i] = minus[i] - epsilon;
      approx[i] = (J.applyAsDouble(plus) - J.applyAsDouble(minus)) / (2 * epsilon);
    }
    return approx;
  }
}
