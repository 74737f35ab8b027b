package twinnet.scratch;

import twinnet.model.Activation;
import twinnet.model.Matrix;

/** The linear part of a layer, Z = W·A_prev + b, forward and backward, and the layer with its activation. */
public final class Linear {
  private Linear() {}

  /** What the backward pass needs from the forward pass: the course's {@code linear_cache}. */
  public record LinearCache(Matrix A_prev, Matrix W, Matrix b) {}

  /** The course's {@code cache = (linear_cache, activation_cache)}; the activation cache is Z. */
  public record Cache(LinearCache linear, Matrix Z) {}

  /** The gradients {@code linear_backward} returns. */
  public record LinearGrads(Matrix dA_prev, Matrix dW, Matrix db) {}

  /** The output of a layer and what its backward pass needs. */
  public record Forward(Matrix A, Cache cache) {}

  // Z = W·A_prev + b;  A_prev is n_{l−1} × m, W is n_l × n_{l−1}, b is n_l × 1, Z is n_l × m
  // (Kernels.matmul(W, A_prev) is W.dot(A_prev), the reference product, made fast)
  public static Matrix linearForward(Matrix A_prev, Matrix W, Matrix b) {
    return Kernels.matmul(W, A_prev).plusColumn(b);
  }

  // dW = 1/m · dZ·A_prevᵀ;  db = 1/m · Σ_columns dZ;  dA_prev = Wᵀ·dZ
  // (matmulNT(X, Y) is X·Yᵀ and matmulTN(X, Y) is Xᵀ·Y, without forming the transposes)
  public static LinearGrads linearBackward(Matrix dZ, LinearCache cache) {
    int m = cache.A_prev().cols();
    Matrix dW = Kernels.matmulNT(dZ, cache.A_prev()).scale(1.0 / m);
    Matrix db = dZ.sumColumns().scale(1.0 / m);
    Matrix dA_prev = Kernels.matmulTN(cache.W(), dZ);
    return new LinearGrads(dA_prev, dW, db);
  }

  // A = g(W·A_prev + b)
  public static Forward linearActivationForward(Matrix A_prev, Matrix W, Matrix b, Activation g, double alpha) {
    Matrix Z = linearForward(A_prev, W, b);
    Matrix A = Activations.activationForward(Z, g, alpha);
    return new Forward(A, new Cache(new LinearCache(A_prev, W, b), Z));
  }

  // dZ = dA ⊙ g′(Z), then linearBackward
  public static LinearGrads linearActivationBackward(Matrix dA, Cache cache, Activation g, double alpha) {
    Matrix dZ = Activations.activationBackward(dA, cache.Z(), g, alpha);
    return linearBackward(dZ, cache.linear());
  }
}
