package twinnet.scratch;

import twinnet.model.Loss;
import twinnet.model.Matrix;

/**
 * The cost J and its seed gradient dAL = ∂L/∂A^[L] (of the loss, not of the activation: the output
 * activation's derivative is applied afterwards, in the last layer's backward step).
 *
 * <p>Convention: dAL is the per-example gradient, without the 1/m; {@link Linear#linearBackward}
 * applies 1/m once, as in the course. AL and Y are n_y × m.
 */
public final class Costs {
  private Costs() {}

  /** J for AL and Y in the given convention. */
  public static double computeCost(Matrix AL, Matrix Y, Loss loss) {
    int m = Y.cols();
    int nY = Y.rows();
    return switch (loss) {
      // J = 1/(2m) · Σ (A − Y)²
      case HALF_MSE -> sumOfSquares(AL.minus(Y)) / (2.0 * m);
      // J = 1/(m·n_y) · Σ (A − Y)²
      case MSE -> sumOfSquares(AL.minus(Y)) / ((double) m * nY);
      // J = −1/m · Σ [Y·log(A) + (1 − Y)·log(1 − A)]
      case BCE -> -crossEntropySum(AL, Y) / m;
      // J = −1/m · Σ Y·log(A)
      case CCE -> -categoricalSum(AL, Y) / m;
    };
  }

  /** dAL = ∂L/∂A for one example (J = 1/m · Σ L): the seed of the backward pass. */
  public static Matrix costBackward(Matrix AL, Matrix Y, Loss loss) {
    int nY = Y.rows();
    return switch (loss) {
      // L = ½ Σ_j (a − y)²  →  dAL = A − Y
      case HALF_MSE -> AL.minus(Y);
      // L = 1/n_y · Σ_j (a − y)²  →  dAL = 2/n_y · (A − Y)
      case MSE -> AL.minus(Y).scale(2.0 / nY);
      // L = −[y·log(a) + (1 − y)·log(1 − a)]  →  dAL = −(Y/A − (1 − Y)/(1 − A))
      case BCE -> crossEntropyGradient(AL, Y);
      // L = −Σ_i y_i·log(a_i)  →  dAL = −Y/A
      case CCE -> categoricalGradient(AL, Y);
    };
  }

  /**
   * dZ^[L] of a softmax output under cross-entropy, the combined gradient: dZ = A − Y. It is the softmax
   * Jacobian applied to dAL = −Y/A when every column of Y sums to 1 (one-hot), and it stays exact where A
   * rounds to 0; {@link Activations#softmaxBackward} is the general chain it is tested against.
   */
  public static Matrix softmaxCrossEntropyBackward(Matrix AL, Matrix Y) {
    return AL.minus(Y);
  }

  /**
   * Categorical cross-entropy from the output pre-activations Z^[L] of a softmax output: the same J as
   * {@link #computeCost} with {@link Loss#CCE}, computed as −1/m · Σ_j Σ_i y_ij·(z_ij − log Σ_k e^(z_kj)),
   * exact where a probability would round to 0.
   */
  public static double softmaxCrossEntropyFromLogits(Matrix ZL, Matrix Y) {
    double s = 0;
    for (int j = 0; j < Y.cols(); j++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < ZL.rows(); i++) {
        max = Math.max(max, ZL.get(i, j));
      }
      double sum = 0;
      for (int i = 0; i < ZL.rows(); i++) {
        sum += Math.exp(ZL.get(i, j) - max);
      }
      double lse = max + Math.log(sum);
      for (int i = 0; i < Y.rows(); i++) {
        s += Y.get(i, j) == 0 ? 0 : Y.get(i, j) * (ZL.get(i, j) - lse);
      }
    }
    return -s / Y.cols();
  }

  private static double categoricalSum(Matrix AL, Matrix Y) {
    double s = 0;
    for (int i = 0; i < Y.rows(); i++) {
      for (int j = 0; j < Y.cols(); j++) {
        s += xlogy(Y.get(i, j), AL.get(i, j));
      }
    }
    return s;
  }

  private static Matrix categoricalGradient(Matrix AL, Matrix Y) {
    double[][] d = new double[Y.rows()][Y.cols()];
    for (int i = 0; i < Y.rows(); i++) {
      for (int j = 0; j < Y.cols(); j++) {
        d[i][j] = -xdivy(Y.get(i, j), AL.get(i, j) == 0 ? Double.MIN_NORMAL : AL.get(i, j));
      }
    }
    return Matrix.of(d);
  }

  /**
   * Cross-entropy from the output pre-activations Z^[L] of a sigmoid output, A = σ(Z): the same J as
   * {@link #computeCost} with {@link Loss#BCE}, computed without forming A, so that it stays exact where
   * σ(z) rounds to 0 or 1 (|z| ≳ 37, and well before: 1 − σ(z) loses digits as σ(z) nears 1).
   * Per element: −[y·log σ(z) + (1 − y)·log(1 − σ(z))] = max(z, 0) − z·y + log(1 + e^(−|z|)).
   */
  public static double crossEntropyFromLogits(Matrix ZL, Matrix Y) {
    double s = 0;
    for (int i = 0; i < Y.rows(); i++) {
      for (int j = 0; j < Y.cols(); j++) {
        double z = ZL.get(i, j);
        s += Math.max(z, 0) - z * Y.get(i, j) + Math.log1p(Math.exp(-Math.abs(z)));
      }
    }
    return s / Y.cols();
  }

  private static double sumOfSquares(Matrix d) {
    return d.times(d).sum();
  }

  private static double crossEntropySum(Matrix AL, Matrix Y) {
    double s = 0;
    for (int i = 0; i < Y.rows(); i++) {
      for (int j = 0; j < Y.cols(); j++) {
        double a = AL.get(i, j);
        double y = Y.get(i, j);
        s += xlogy(y, a) + xlogy(1 - y, 1 - a);
      }
    }
    return s;
  }

  private static double guard(double a) {
    if (a == 1.0) {
      return Math.nextDown(1.0);
    }
    return a == 0.0 ? Double.MIN_NORMAL : a;
  }

  // c·log(a), taken as 0 when c = 0: a saturated sigmoid (a = 0 or 1 exactly) on the right side then costs 0,
  // not 0·(−∞) = NaN
  private static double xlogy(double c, double a) {
    return c == 0 ? 0 : c * Math.log(a);
  }

  // c / a, taken as 0 when c = 0 (the term is absent), not 0/0 = NaN
  private static double xdivy(double c, double a) {
    return c == 0 ? 0 : c / a;
  }

  private static Matrix crossEntropyGradient(Matrix AL, Matrix Y) {
    double[][] d = new double[Y.rows()][Y.cols()];
    for (int i = 0; i < Y.rows(); i++) {
      for (int j = 0; j < Y.cols(); j++) {
        double y = Y.get(i, j);
        // A sigmoid that rounded to exactly 0 or 1 (|z| ≳ 37) would divide by zero here and make ∞ · σ′ = ∞ · 0
        // = NaN in the next step. Only then is A moved to the nearest double inside (0, 1): dAL stays finite,
        // and dZ = dAL · σ′(Z) is the 0 that σ′ rounds to (as in DL4J, whose clipping gives the same 0
        // there). Every other A is used as it is, so the course's values are unchanged.
        double a = guard(AL.get(i, j));
        d[i][j] = -(xdivy(y, a) - xdivy(1 - y, 1 - a));
      }
    }
    return Matrix.of(d);
  }
}
