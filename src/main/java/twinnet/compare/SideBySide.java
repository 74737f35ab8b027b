package twinnet.compare;

import java.util.List;

/**
 * Two networks trained side by side: each side's cost before every step, the worst relative error of
 * the parameters after every step (and, when asked for, of each layer's gradients at every step), the
 * first divergence, and how the final parameters compare.
 *
 * @param gradientError per step, per layer (index l − 1): the worst relative error of dW[l] and db[l];
 *     null when gradients were not compared at every step
 * @param parameterError per step: the worst relative error of a parameter tensor after the update, among
 *     those whose difference is above the rounding floor of the parameters' scale (0 when none is)
 * @param atDivergence the gradient comparison at the step of the first divergence, when gradients were
 *     compared and the divergence was in one of them; else null
 */
public record SideBySide(
    String nameA, String nameB, double[] costA, double[] costB, double[][] gradientError, double[] parameterError,
    Divergence firstDivergence, Comparison atDivergence, List<TensorDiff> finalParameters, Status status,
    List<NumericalFault> faults, Tolerances tol) {

  /**
   * A side whose cost or parameters stopped being finite: at which step, in which layer (0 for the cost
   * alone), and what.
   */
  public record NumericalFault(String side, int step, int layer, String what) {
    public String describe() {
      return side + " at step " + step + ": " + what;
    }
  }

  public enum Status {
    /** Every step and the final parameters within tolerance. */
    AGREE,
    /** A cost, a gradient or a parameter differed beyond tolerance. */
    DISAGREE,
    /** Both sides' cost became NaN or infinite at the same step: agreement in failure, not a pass. */
    BOTH_DIVERGED
  }

  /**
   * Where the two sides first part: the step (0-based), the tensor ({@code cost}, a gradient such as
   * {@code dW2}, or a parameter such as {@code W2}) and a phrase saying which.
   */
  public record Divergence(int step, TensorDiff diff, String what) {
    public String describe(String nameA, String nameB) {
      return "step " + step + ", " + what + ": " + diff.describe(nameA, nameB);
    }
  }

  public boolean agrees() {
    return status == Status.AGREE;
  }

  /** Steps actually run (fewer than asked when a side diverged). */
  public int steps() {
    return costA.length;
  }

  /** The relative difference of the two costs at step t. */
  public double costError(int t) {
    return TensorDiff.ofScalar("cost", costA[t], costB[t]).relativeError();
  }

  /** The largest relative error of the cost over all steps. */
  public double worstCostError() {
    double worst = 0;
    for (int t = 0; t < costA.length; t++) {
      worst = Math.max(worst, costError(t));
    }
    return worst;
  }

  /** The step at which both sides' cost became non-finite, or −1. */
  public int divergedAt() {
    return status == Status.BOTH_DIVERGED ? steps() - 1 : -1;
  }

  public String verdict() {
    return switch (status) {
      case AGREE -> String.format("AGREE over %d steps: worst cost relative error %.2e, final parameters within %.0e",
          steps(), worstCostError(), tol.parameters());
      case BOTH_DIVERGED -> "BOTH DIVERGED at step " + divergedAt() + ": " + String.join("; ",
          faults.stream().map(NumericalFault::describe).toList());
      case DISAGREE -> "DISAGREE first at " + firstDivergence.describe(nameA, nameB);
    };
  }
}
