package twinnet.compare;

import twinnet.model.Matrix;

/**
 * How two tensors of the same name differ: relative error ‖a − b‖₂ / max(‖a‖₂, ‖b‖₂) (0 when both
 * are 0; +∞ for different shapes or non-finite values), the largest absolute difference and where it
 * is, with both values there.
 *
 * @param norm max(‖a‖₂, ‖b‖₂)
 * @param diffNorm ‖a − b‖₂
 */
public record TensorDiff(
    String tensor, int layer, double norm, double diffNorm, double relativeError, double maxAbsDiff, int row,
    int col, double a, double b, String shapeA, String shapeB) {

  /** Compares a and b. */
  public static TensorDiff of(String tensor, int layer, Matrix a, Matrix b) {
    if (!a.sameShape(b)) {
      double inf = Double.POSITIVE_INFINITY;
      return new TensorDiff(tensor, layer, Math.max(a.norm(), b.norm()), inf, inf, inf, -1, -1, Double.NaN,
          Double.NaN, a.shape(), b.shape());
    }
    double worst = -1;
    int wr = 0;
    int wc = 0;
    for (int i = 0; i < a.rows(); i++) {
      for (int j = 0; j < a.cols(); j++) {
        double ad = Math.abs(a.get(i, j) - b.get(i, j));
        if (!(ad <= worst)) { // also picks the first NaN
          worst = ad;
          wr = i;
          wc = j;
        }
      }
    }
    double norm = Math.max(norm(a, null), norm(b, null));
    double diffNorm = norm(a, b);
    double rel;
    if (!a.isFinite() || !b.isFinite()) {
      rel = Double.POSITIVE_INFINITY;
      diffNorm = Double.POSITIVE_INFINITY;
    } else {
      rel = norm == 0 ? 0 : diffNorm / norm;
    }
    return new TensorDiff(tensor, layer, norm, diffNorm, rel, worst, wr, wc, a.get(wr, wc), b.get(wr, wc), a.shape(),
        b.shape());
  }

  /**
   * ‖a − b‖₂ (or ‖a‖₂ when b is null), scaled by the largest element first, so that values near the
   * top of the double range (a diverging cost of 1e200) do not overflow to ∞ and make a NaN ratio.
   */
  private static double norm(Matrix a, Matrix b) {
    double max = 0;
    for (int i = 0; i < a.rows(); i++) {
      for (int j = 0; j < a.cols(); j++) {
        max = Math.max(max, Math.abs(a.get(i, j) - (b == null ? 0 : b.get(i, j))));
      }
    }
    if (max == 0 || !Double.isFinite(max)) {
      return max;
    }
    double s = 0;
    for (int i = 0; i < a.rows(); i++) {
      for (int j = 0; j < a.cols(); j++) {
        double v = (a.get(i, j) - (b == null ? 0 : b.get(i, j))) / max;
        s += v * v;
      }
    }
    return max * Math.sqrt(s);
  }

  /** Compares two scalars, e.g. two costs: |a − b| / max(|a|, |b|). */
  public static TensorDiff ofScalar(String name, double a, double b) {
    return of(name, 0, Matrix.row(a), Matrix.row(b));
  }

  public boolean shapeMismatch() {
    return !shapeA.equals(shapeB);
  }

  /** Relative error within {@code tolerance}. */
  public boolean within(double tolerance) {
    return relativeError <= tolerance;
  }

  /**
   * Whether the two agree: relative error within {@code tolerance}, or a difference at rounding level
   * of the set the tensor belongs to ({@link #atRoundingLevel}).
   */
  public boolean agrees(double tolerance, double roundingFloor, double scale) {
    return within(tolerance) || atRoundingLevel(roundingFloor, scale);
  }

  /**
   * ‖a − b‖ ≤ roundingFloor · scale, where scale is the largest norm of the tensor's set (all gradients,
   * all parameters, the largest cost so far). Such a difference is what rounding the set's own terms
   * produces; it carries no information about either implementation (see {@link Tolerances}).
   */
  public boolean atRoundingLevel(double roundingFloor, double scale) {
    return Double.isFinite(diffNorm) && diffNorm <= roundingFloor * scale; // a shape mismatch has diffNorm ∞
  }

  /** One sentence naming the tensor, both values at the worst element and the relative error. */
  public String describe(String nameA, String nameB) {
    String where = layer > 0 ? "layer " + layer + " " + tensor : tensor;
    if (shapeMismatch()) {
      return where + ": shapes differ, " + nameA + " " + shapeA + " vs " + nameB + " " + shapeB;
    }
    String at = shapeA.equals("1×1") ? "" : " at (" + row + "," + col + ")";
    return String.format("%s%s: %s=%.17g %s=%.17g, relative error %.3e, max |Δ| %.3e",
        where, at, nameA, a, nameB, b, relativeError, maxAbsDiff);
  }
}
