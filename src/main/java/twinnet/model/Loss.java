package twinnet.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Loss conventions. With m examples, n_y outputs and the sums over every output of every example:
 *
 * <ul>
 *   <li>{@link #HALF_MSE}: J = 1/(2m) · Σ (A − Y)², the course's regression cost;
 *   <li>{@link #MSE}: J = 1/(m · n_y) · Σ (A − Y)², DL4J's {@code LossMSE} (mean over outputs, no ½);
 *   <li>{@link #BCE}: J = −1/m · Σ [Y log A + (1 − Y) log(1 − A)], the course's classifier (sigmoid
 *       output).
 *   <li>{@link #CCE}: J = −1/m · Σ Y log A, categorical cross-entropy over one-hot Y (softmax output),
 *       DL4J's {@code LossMCXENT}.
 * </ul>
 */
public enum Loss {
  HALF_MSE("half_mse"),
  MSE("mse"),
  BCE("bce"),
  CCE("cce");

  private final String id;

  Loss(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** Whether the targets are labels (0/1 or one-hot) rather than numbers to fit: bce and cce. */
  public boolean classifier() {
    return this == BCE || this == CCE;
  }

  public static Loss parse(String name) {
    for (Loss l : values()) {
      if (l.id.equalsIgnoreCase(name) || l.name().equalsIgnoreCase(name)) {
        return l;
      }
    }
    throw new IllegalArgumentException("unknown loss '" + name + "'; use one of "
        + Arrays.stream(values()).map(Loss::id).collect(Collectors.joining(", ")));
  }
}
