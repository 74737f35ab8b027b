package twinnet.scratch;

import twinnet.model.Activation;
import twinnet.model.Matrix;

/**
 * Activations, each forward g(Z) next to its backward dZ = dA ⊙ g′(Z). All shapes n_l × m.
 *
 * <p>At a kink the derivative is chosen as DL4J chooses it, so that the twin can agree exactly:
 * ReLU′(0) = 0 (the course's {@code dZ[Z <= 0] = 0}), leaky ReLU′(0) = 1, ELU′(0) = 1.
 *
 * <p>ReLU, the hidden activation of most networks, is written as plain loops (one pass, no function
 * object): through {@link Matrix#map} a lambda costs a call per element once map has seen many of them.
 */
public final class Activations {
  private Activations() {}

  // relu: A = max(0, Z)
  public static Matrix relu(Matrix Z) {
    double[] a = new double[Z.rows() * Z.cols()];
    reluInto(Z.backingArray(), a);
    return Matrix.adopt(Z.rows(), Z.cols(), a);
  }

  /** {@link #relu} into a buffer (the fast training step's). */
  static void reluInto(double[] z, double[] a) {
    for (int i = 0; i < z.length; i++) {
      a[i] = Math.max(z[i], 0.0); // branch-free (an intrinsic); a branch on random signs mispredicts half the time
    }
  }

  // relu′: dZ = dA where Z > 0, else 0 (the course's dZ[Z <= 0] = 0)
  public static Matrix reluBackward(Matrix dA, Matrix Z) {
    if (!dA.sameShape(Z)) {
      throw new IllegalArgumentException("cannot multiply element-wise " + dA.shape() + " and " + Z.shape());
    }
    double[] dz = new double[Z.rows() * Z.cols()];
    reluBackwardInto(dA.backingArray(), Z.backingArray(), dz);
    return Matrix.adopt(Z.rows(), Z.cols(), dz);
  }

  /** {@link #reluBackward} into a buffer (the fast training step's). */
  static void reluBackwardInto(double[] da, double[] z, double[] dz) {
    for (int i = 0; i < z.length; i++) {
      // (z > 0 ? 1 : 0) without a branch, which mispredicts half the time on real data: z·1e600 is ≥ 1 for
      // every z > 0 (the smallest double times 1e600 is 5e276) and ≤ 0 otherwise; clamped to [0, 1]
      double step = Math.min(Math.max(z[i] * 1e300 * 1e300, 0.0), 1.0);
      dz[i] = da[i] * step;
    }
  }

  // leaky relu: A = Z if Z ≥ 0, else α·Z
  public static Matrix leakyRelu(Matrix Z, double alpha) {
    return Z.map(z -> z >= 0 ? z : alpha * z);
  }

  // leaky relu′: dZ = dA · (1 if Z ≥ 0, else α)
  public static Matrix leakyReluBackward(Matrix dA, Matrix Z, double alpha) {
    return dA.times(Z.map(z -> z >= 0 ? 1.0 : alpha));
  }

  // sigmoid: A = 1 / (1 + e^(−Z)); for Z ≪ 0, e^(−Z) overflows to +∞ and A is 1/∞ = 0, never NaN
  public static Matrix sigmoid(Matrix Z) {
    return Z.map(Activations::sigmoid);
  }

  // sigmoid′: dZ = dA · s · (1 − s), s = sigmoid(Z)
  public static Matrix sigmoidBackward(Matrix dA, Matrix Z) {
    return dA.times(Z.map(z -> sigmoid(z) * (1 - sigmoid(z))));
  }

  static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  // tanh: A = tanh(Z)
  public static Matrix tanh(Matrix Z) {
    return Z.map(Math::tanh);
  }

  // tanh′: dZ = dA · (1 − tanh²(Z))
  public static Matrix tanhBackward(Matrix dA, Matrix Z) {
    return dA.times(Z.map(z -> 1 - Math.tanh(z) * Math.tanh(z)));
  }

  // identity: A = Z
  public static Matrix identity(Matrix Z) {
    return Z;
  }

  // identity′: dZ = dA
  public static Matrix identityBackward(Matrix dA, Matrix Z) {
    return dA;
  }

  // elu: A = Z if Z ≥ 0, else α·(e^Z − 1)
  public static Matrix elu(Matrix Z, double alpha) {
    return Z.map(z -> z >= 0 ? z : alpha * Math.expm1(z));
  }

  // elu′: dZ = dA · (1 if Z ≥ 0, else α·e^Z)
  public static Matrix eluBackward(Matrix dA, Matrix Z, double alpha) {
    return dA.times(Z.map(z -> z >= 0 ? 1.0 : alpha * Math.exp(z)));
  }

  // softmax: A_i = e^(Z_i) / Σ_k e^(Z_k) over the outputs of each example (column), computed as
  // e^(Z_i − max_k Z_k) / Σ_k e^(Z_k − max_k Z_k), the same ratio without overflow
  public static Matrix softmax(Matrix Z) {
    double[][] a = new double[Z.rows()][Z.cols()];
    for (int j = 0; j < Z.cols(); j++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < Z.rows(); i++) {
        max = Math.max(max, Z.get(i, j));
      }
      double sum = 0;
      for (int i = 0; i < Z.rows(); i++) {
        a[i][j] = Math.exp(Z.get(i, j) - max);
        sum += a[i][j];
      }
      for (int i = 0; i < Z.rows(); i++) {
        a[i][j] /= sum;
      }
    }
    return Matrix.of(a);
  }

  // softmax′, the general chain through its Jacobian (∂A_i/∂Z_k = A_i·(δ_ik − A_k)), column by column:
  // dZ_i = A_i · (dA_i − Σ_k dA_k · A_k). With cross-entropy's dA = −Y/A and Σ Y = 1 it is A − Y
  // (Costs.softmaxCrossEntropyBackward, the combined gradient the network uses); this is its reference.
  public static Matrix softmaxBackward(Matrix dA, Matrix Z) {
    Matrix A = softmax(Z);
    double[][] dz = new double[Z.rows()][Z.cols()];
    for (int j = 0; j < Z.cols(); j++) {
      double s = 0;
      for (int k = 0; k < Z.rows(); k++) {
        s += dA.get(k, j) * A.get(k, j);
      }
      for (int i = 0; i < Z.rows(); i++) {
        dz[i][j] = A.get(i, j) * (dA.get(i, j) - s);
      }
    }
    return Matrix.of(dz);
  }

  /** A = g(Z) for the named activation. */
  public static Matrix activationForward(Matrix Z, Activation g, double alpha) {
    return switch (g) {
      case RELU -> relu(Z);
      case LEAKY_RELU -> leakyRelu(Z, alpha);
      case SIGMOID -> sigmoid(Z);
      case TANH -> tanh(Z);
      case IDENTITY -> identity(Z);
      case ELU -> elu(Z, alpha);
      case SOFTMAX -> softmax(Z);
    };
  }

  /** dZ = dA ⊙ g′(Z) for the named activation (for softmax: its Jacobian applied to dA). */
  public static Matrix activationBackward(Matrix dA, Matrix Z, Activation g, double alpha) {
    return switch (g) {
      case RELU -> reluBackward(dA, Z);
      case LEAKY_RELU -> leakyReluBackward(dA, Z, alpha);
      case SIGMOID -> sigmoidBackward(dA, Z);
      case TANH -> tanhBackward(dA, Z);
      case IDENTITY -> identityBackward(dA, Z);
      case ELU -> eluBackward(dA, Z, alpha);
      case SOFTMAX -> softmaxBackward(dA, Z);
    };
  }
}
