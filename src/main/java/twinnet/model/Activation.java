package twinnet.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Activation names shared by both implementations. The math lives in each implementation. */
public enum Activation {
  RELU("relu", false),
  LEAKY_RELU("leaky_relu", true),
  SIGMOID("sigmoid", false),
  TANH("tanh", false),
  IDENTITY("identity", false),
  ELU("elu", true),
  /** Column-wise: A_i = e^(Z_i) / Σ_k e^(Z_k) over the outputs of one example; an output layer's only. */
  SOFTMAX("softmax", false);

  private final String id;
  private final boolean hasAlpha;

  Activation(String id, boolean hasAlpha) {
    this.id = id;
    this.hasAlpha = hasAlpha;
  }

  /** The name used in case files and reports, e.g. {@code leaky_relu}. */
  public String id() {
    return id;
  }

  /** Whether the activation takes a parameter α (leaky ReLU's slope, ELU's scale). */
  public boolean hasAlpha() {
    return hasAlpha;
  }

  /** The default α: 0.01 for leaky ReLU (as DL4J), 1.0 for ELU; NaN where there is none. */
  public double defaultAlpha() {
    return switch (this) {
      case LEAKY_RELU -> 0.01;
      case ELU -> 1.0;
      default -> Double.NaN;
    };
  }

  /** Parses a name such as {@code relu} or {@code leaky_relu}; the error lists the known names. */
  public static Activation parse(String name) {
    for (Activation a : values()) {
      if (a.id.equalsIgnoreCase(name) || a.name().equalsIgnoreCase(name)) {
        return a;
      }
    }
    throw new IllegalArgumentException("unknown activation '" + name + "'; use one of " + names());
  }

  public static String names() {
    return Arrays.stream(values()).map(Activation::id).collect(Collectors.joining(", "));
  }
}
