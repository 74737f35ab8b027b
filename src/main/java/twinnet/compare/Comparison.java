package twinnet.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Two networks compared at one point: predictions A^[L] of the training pass, the cost, then every
 * gradient in backward order (dW[L], db[L], …, db[1]), so the first mismatch is where an error enters;
 * last, for a network that behaves differently in training (dropout), the predictions at prediction
 * time ({@code inference}, null when they are the same pass).
 */
public record Comparison(String nameA, String nameB, TensorDiff predictions, TensorDiff cost,
    List<TensorDiff> gradients, Tolerances tol, TensorDiff inference) {

  public Comparison {
    gradients = List.copyOf(gradients);
  }

  public Comparison(String nameA, String nameB, TensorDiff predictions, TensorDiff cost, List<TensorDiff> gradients,
      Tolerances tol) {
    this(nameA, nameB, predictions, cost, gradients, tol, null);
  }

  /** A tensor with the bound it is held to and the scale of its set. */
  private record Checked(TensorDiff diff, double tolerance, double scale) {
    boolean agrees(double floor) {
      return diff.agrees(tolerance, floor, scale);
    }
  }

  /** Every tensor in checking order; the gradients' scale is the largest gradient norm. */
  private List<Checked> checked() {
    double gradScale = gradients.stream().mapToDouble(TensorDiff::norm).max().orElse(0);
    List<Checked> out = new ArrayList<>();
    out.add(new Checked(predictions, tol.loss(), predictions.norm()));
    out.add(new Checked(cost, tol.loss(), cost.norm()));
    for (TensorDiff g : gradients) {
      out.add(new Checked(g, tol.gradient(), gradScale));
    }
    if (inference != null) {
      out.add(new Checked(inference, tol.loss(), inference.norm()));
    }
    return out;
  }

  public boolean agrees() {
    return firstMismatch().isEmpty();
  }

  /** The first tensor that does not agree, in checking order. */
  public Optional<TensorDiff> firstMismatch() {
    return checked().stream().filter(c -> !c.agrees(tol.roundingFloor())).map(Checked::diff).findFirst();
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
      if (d.shapeMismatch()) {
        sb.append(String.format("%-8s %12s %12s  NOT OK  shapes %s vs %s%n", d.tensor(), "-", "-", d.shapeA(),
            d.shapeB()));
        continue;
      }
      String mark;
      if (d.within(c.tolerance())) {
        mark = "OK";
      } else if (d.atRoundingLevel(tol.roundingFloor(), c.scale())) {
        mark = "OK (rounding level: tensor ≈ 0)";
      } else {
        mark = "NOT OK";
      }
      sb.append(String.format("%-8s %12.3e %12.3e  %s%n", d.tensor(), d.relativeError(), d.maxAbsDiff(), mark));
    }
    return sb.toString();
  }
}
