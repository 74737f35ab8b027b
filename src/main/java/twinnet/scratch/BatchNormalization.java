package twinnet.scratch;

import twinnet.model.Matrix;

/**
 * Batch normalisation of a layer's Z (course 2, week 3), forward and backward; the twin is DL4J's layer
 * of the same name. Z is n_l × m; μ, σ², γ, β are n_l × 1 (one per unit, over the m examples).
 */
public final class BatchNormalization {
  private BatchNormalization() {}

  /** What the backward pass needs: Z_norm, √(σ² + ε) and γ; and the batch's μ and σ² for the running averages. */
  public record Cache(Matrix Znorm, Matrix std, Matrix gamma, Matrix mu, Matrix var) {}

  /** Z̃ and its cache. */
  public record Forward(Matrix Ztilde, Cache cache) {}

  /** dZ (to the linear part), dγ and dβ. */
  public record Grads(Matrix dZ, Matrix dgamma, Matrix dbeta) {}

  // training: μ = 1/m·Σ Z;  σ² = 1/m·Σ (Z − μ)²;  Z_norm = (Z − μ)/√(σ² + ε);  Z̃ = γ ⊙ Z_norm + β
  public static Forward batchNormForward(Matrix Z, Matrix gamma, Matrix beta, double epsilon) {
    Matrix mu = mean(Z);
    Matrix var = variance(Z, mu);
    return normalize(Z, mu, var, gamma, beta, epsilon);
  }

  // prediction: Z_norm = (Z − running μ)/√(running σ² + ε);  Z̃ = γ ⊙ Z_norm + β
  public static Matrix batchNormPredict(Matrix Z, Matrix gamma, Matrix beta, Matrix runningMean, Matrix runningVar,
      double epsilon) {
    return normalize(Z, runningMean, runningVar, gamma, beta, epsilon).Ztilde();
  }

  // dγ = 1/m·Σ dZ̃ ⊙ Z_norm;  dβ = 1/m·Σ dZ̃;  dZ_norm = dZ̃ ⊙ γ;
  // dZ = (dZ_norm − mean(dZ_norm) − Z_norm ⊙ mean(dZ_norm ⊙ Z_norm)) / √(σ² + ε)   (through Z_norm, μ and σ²)
  public static Grads batchNormBackward(Matrix dZtilde, Cache cache) {
    int m = dZtilde.cols();
    Matrix dgamma = dZtilde.times(cache.Znorm()).sumColumns().scale(1.0 / m);
    Matrix dbeta = dZtilde.sumColumns().scale(1.0 / m);
    Matrix dZnorm = byRow(dZtilde, cache.gamma(), (d, g) -> d * g);
    Matrix meanD = mean(dZnorm);
    Matrix meanDZ = mean(dZnorm.times(cache.Znorm()));
    int n = dZtilde.rows();
    double[] out = new double[n * m];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        out[i * m + j] = (dZnorm.get(i, j) - meanD.get(i, 0) - cache.Znorm().get(i, j) * meanDZ.get(i, 0))
            / cache.std().get(i, 0);
      }
    }
    return new Grads(Matrix.adopt(n, m, out), dgamma, dbeta);
  }

  // running ← momentum·running + (1 − momentum)·batch
  public static Matrix runningAverage(Matrix running, Matrix batch, double momentum) {
    return running.scale(momentum).plus(batch.scale(1 - momentum));
  }

  /** μ = 1/m · Σ_columns Z, n × 1. */
  static Matrix mean(Matrix Z) {
    return Z.sumColumns().scale(1.0 / Z.cols());
  }

  /** σ² = 1/m · Σ_columns (Z − μ)², the population variance, n × 1. */
  static Matrix variance(Matrix Z, Matrix mu) {
    Matrix centred = byRow(Z, mu, (z, u) -> z - u);
    return mean(centred.times(centred));
  }

  private static Forward normalize(Matrix Z, Matrix mu, Matrix var, Matrix gamma, Matrix beta, double epsilon) {
    Matrix std = var.map(v -> Math.sqrt(v + epsilon));
    Matrix Znorm = byRow(byRow(Z, mu, (z, u) -> z - u), std, (c, s) -> c / s);
    Matrix Ztilde = byRow(byRow(Znorm, gamma, (z, g) -> z * g), beta, (z, b) -> z + b);
    return new Forward(Ztilde, new Cache(Znorm, std, gamma, mu, var));
  }

  /** f(A[i][j], v[i]) for every element: v (n × 1) broadcast along the row. */
  static Matrix byRow(Matrix A, Matrix v, java.util.function.DoubleBinaryOperator f) {
    int n = A.rows();
    int m = A.cols();
    double[] out = new double[n * m];
    for (int i = 0; i < n; i++) {
      double vi = v.get(i, 0);
      for (int j = 0; j < m; j++) {
        out[i * m + j] = f.applyAsDouble(A.get(i, j), vi);
      }
    }
    return Matrix.adopt(n, m, out);
  }
}
