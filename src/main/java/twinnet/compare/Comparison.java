package twinnet.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Two networks compared at one point: predictions A^[L], the cost, then every gradient in backward
 * order (dW[L], db[L], …, db[1]), so the first mismatch is where an error enters.
 */
public record Comparison(
    String nameA, String nameB, TensorDiff predictions, TensorDiff cost, List<TensorDiff> gradients, Tolerances tol) {

  public Comparison {
    gradients = List.copyOf(gradients);
  }

  /** Every tensor in checking order, each with its tolerance. */
  private List<Checked> checked() {
    List<Checked> out = new ArrayList<>();
    out.add(new Checked(predictions, tol.loss()));
    out.add(new Checked(cost, tol.loss()));
    for (TensorDiff g : gradients) {
      out.add(new Checked(g, tol.gradient()));
    }
    return out;
  }

  private record Checked(TensorDiff diff, double tolerance) {}

  public boolean agrees() {
    return firstMismatch().isEmpty();
  }

  /** The first tensor outside its tolerance, in checking order. */
  public Optional<TensorDiff> firstMismatch() {
    return checked().stream().filter(c -> !c.diff().within(c.tolerance())).map(Checked::diff).findFirst();
  }

  /** The gradient of one tensor, e.g. {@code dW2}. */
  public TensorDiff gradient(String tensor) {
    return gradients.stream().filter(g -> g.tensor().equals(tensor)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no tensor " + tensor));
  }

  /** The largest relative error over all gradients. */
  public double worstGradientError() {
    return gradients.stream().mapToDouble(TensorDiff::relativeError).max().orElse(0);
  }

  /** One sentence: agreement, or the first mismatch with both values and its tolerance. */
  public String verdict() {
    return firstMismatch()
        .map(d -> "DISAGREE at " + d.describe(nameA, nameB) + " (tolerance " + tolFor(d) + ")")
        .orElse(String.format("AGREE: cost and every gradient within tolerance (worst gradient relative error %.2e)",
            worstGradientError()));
  }

  private double tolFor(TensorDiff d) {
    return checked().stream().filter(c -> c.diff() == d).findFirst().orElseThrow().tolerance();
  }

  /** A table: one row per tensor with its relative error, max |Δ| and OK / NOT OK. */
  public String table() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("%-8s %12s %12s  %s%n", "tensor", "rel. error", "max |Δ|", ""));
    for (Checked c : checked()) {
      TensorDiff d = c.diff();
      String name = d.tensor();
      if (d.shapeMismatch()) {
        sb.append(String.format("%-8s %12s %12s  NOT OK  shapes %s vs %s%n", name, "-", "-", d.shapeA(), d.shapeB()));
      } else {
        sb.append(String.format("%-8s %12.3e %12.3e  %s%n", name, d.relativeError(), d.maxAbsDiff(),
            d.within(c.tolerance()) ? "OK" : "NOT OK"));
      }
    }
    return sb.toString();
  }
}
