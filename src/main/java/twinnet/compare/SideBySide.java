package twinnet.compare;

import java.util.List;

/**
 * Two networks trained side by side: each side's cost before every step, the first divergence (the
 * first step whose cost, or whose updated parameters, differ beyond tolerance), and how the final
 * parameters compare.
 */
public record SideBySide(
    String nameA, String nameB, double[] costA, double[] costB, Divergence firstDivergence,
    List<TensorDiff> finalParameters, Status status, Tolerances tol) {

  public enum Status {
    /** Every step and the final parameters within tolerance. */
    AGREE,
    /** A cost or a parameter differed beyond tolerance. */
    DISAGREE,
    /** Both sides' cost became NaN or infinite at the same step: agreement in failure, not a pass. */
    BOTH_DIVERGED
  }

  /** Where the two sides first part: the step (0-based) and the tensor ({@code cost}, or e.g. {@code W2}). */
  public record Divergence(int step, TensorDiff diff, String what) {
    public String describe(String nameA, String nameB) {
      return "step " + step + ", " + what + ": " + diff.describe(nameA, nameB);
    }
  }

  public boolean agrees() {
    return status == Status.AGREE;
  }

  /** Steps actually run (fewer than asked when both sides diverged). */
  public int steps() {
    return costA.length;
  }

  /** The largest relative error of the cost over all steps. */
  public double worstCostError() {
    double worst = 0;
    for (int t = 0; t < costA.length; t++) {
      worst = Math.max(worst, TensorDiff.ofScalar("cost", costA[t], costB[t]).relativeError());
    }
    return worst;
  }

  public String verdict() {
    return switch (status) {
      case AGREE -> String.format("AGREE over %d steps: worst cost relative error %.2e, final parameters within %.0e",
          steps(), worstCostError(), tol.parameters());
      case BOTH_DIVERGED -> "BOTH DIVERGED at step " + (steps() - 1) + ": the cost became non-finite on both sides";
      case DISAGREE -> "DISAGREE first at " + firstDivergence.describe(nameA, nameB);
    };
  }
}
