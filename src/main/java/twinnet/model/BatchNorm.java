package twinnet.model;

/**
 * Batch normalisation of every hidden layer, as in course 2 (week 3): between the linear part and the
 * activation, Z_norm = (Z − μ)/√(σ² + ε) and Z̃ = γ ⊙ Z_norm + β, with μ and σ² the batch's mean and
 * population variance (1/m) in training, and running averages of them at prediction time:
 * {@code running ← momentum · running + (1 − momentum) · batch} after every training step. γ and β are
 * learned; the layer's b is dropped (β takes its place; b would have a gradient of exactly 0).
 *
 * @param epsilon ε inside the square root (DL4J's default 1e-5)
 * @param momentum the running averages' weight on their old value (DL4J's {@code decay}, default 0.9)
 */
public record BatchNorm(double epsilon, double momentum) {
  /** DL4J's defaults: ε = 1e-5, decay 0.9. */
  public static final BatchNorm DEFAULT = new BatchNorm(1e-5, 0.9);

  public BatchNorm {
    if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
      throw new IllegalArgumentException("batch norm's epsilon must be a small positive number (it keeps "
          + "√(σ² + ε) away from 0), got " + epsilon);
    }
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException("batch norm's momentum must be in [0, 1) (the running averages' weight on "
          + "their old value), got " + momentum);
    }
  }

  @Override
  public String toString() {
    return "batchnorm(ε=" + epsilon + ", momentum=" + momentum + ")";
  }
}
