package twinnet.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How parameters are updated from their gradients, with the course's names (course 2, week 2) and two
 * variants that reproduce DL4J's formulas exactly. α is the learning rate passed to each step; dW the
 * gradient (plus the L2 term (λ/m)·W when λ > 0; biases are not regularised).
 *
 * <ul>
 *   <li>{@code gd}: W ← W − α·dW.
 *   <li>{@code momentum} (the course's): v ← β·v + (1 − β)·dW; W ← W − α·v (β = {@code momentum}). DL4J has
 *       no such updater (only Nesterov's), so the DL4J backend refuses it.
 *   <li>{@code nesterov} (DL4J's {@code Nesterovs}): v ← μ·v − α·dW; W ← W − μ·v_prev + (1 + μ)·v.
 *   <li>{@code rmsprop} (the course's): s ← β₂·s + (1 − β₂)·dW², s₀ = 0; W ← W − α·dW / (√s + ε).
 *   <li>{@code adam} (the course's): v ← β₁·v + (1 − β₁)·dW; s ← β₂·s + (1 − β₂)·dW²; v̂ = v/(1 − β₁ᵗ),
 *       ŝ = s/(1 − β₂ᵗ); W ← W − α·v̂ / (√ŝ + ε).
 *   <li>{@code adam_dl4j} (DL4J's {@code Adam}): the same v and s, but W ← W − α·√(1 − β₂ᵗ)/(1 − β₁ᵗ) ·
 *       v / (√s + ε): its ε is added to √s, not to the bias-corrected √ŝ.
 * </ul>
 *
 * @param l2 λ of the course's L2 regularisation, J += λ/(2m)·Σ‖W[l]‖², dW += (λ/m)·W (0 for none)
 */
public record Optimizer(Kind kind, double momentum, double beta1, double beta2, double epsilon, double l2) {

  public enum Kind {
    GD("gd"), MOMENTUM("momentum"), NESTEROV("nesterov"), RMSPROP("rmsprop"), ADAM("adam"), ADAM_DL4J("adam_dl4j");

    private final String id;

    Kind(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }

    public static Kind parse(String name) {
      for (Kind k : values()) {
        if (k.id.equalsIgnoreCase(name)) {
          return k;
        }
      }
      throw new IllegalArgumentException("unknown optimizer '" + name + "'; use one of "
          + Arrays.stream(values()).map(Kind::id).collect(Collectors.joining(", ")));
    }
  }

  public Optimizer {
    if (kind == null) {
      throw new IllegalArgumentException("an optimizer needs a kind");
    }
    check(momentum, "momentum", 0, 1);
    check(beta1, "beta1", 0, 1);
    check(beta2, "beta2", 0, 1);
    if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
      throw new IllegalArgumentException("epsilon must be a small positive number, got " + epsilon);
    }
    if (!(l2 >= 0) || !Double.isFinite(l2)) {
      throw new IllegalArgumentException("l2 must be 0 or positive, got " + l2);
    }
  }

  private static void check(double v, String name, double lo, double hi) {
    if (!(v >= lo && v < hi)) {
      throw new IllegalArgumentException(name + " must be in [" + lo + ", " + hi + "), got " + v);
    }
  }

  /** Plain gradient descent, no regularisation. */
  public static final Optimizer GD = of(Kind.GD);

  /** The kind with the usual defaults: μ = 0.9, β₁ = 0.9, β₂ = 0.999, ε = 1e-8, no L2. */
  public static Optimizer of(Kind kind) {
    return new Optimizer(kind, 0.9, 0.9, 0.999, 1e-8, 0);
  }

  public Optimizer withL2(double lambda) {
    return new Optimizer(kind, momentum, beta1, beta2, epsilon, lambda);
  }
}
