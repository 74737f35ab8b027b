package twinnet.compare;

import twinnet.model.Matrix;

/**
 * How two tensors of the same name differ: relative error ‖a − b‖₂ / max(‖a‖₂, ‖b‖₂) (0 when both
 * are 0; +∞ for different shapes or non-finite values), the largest absolute difference and where it
 * is, with both values there.
 */
public record TensorDiff(
    String tensor, int layer, double relativeError, double maxAbsDiff, int row, int col, double a, double b,
    String shapeA, String shapeB) {

  /** Compares a and b. */
  public static TensorDiff of(String tensor, int layer, Matrix a, Matrix b) {
    if (!a.sameShape(b)) {
      return new TensorDiff(tensor, layer, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, -1, -1, Double.NaN,
          Double.NaN, a.shape(), b.shape());
    }
    double diff2 = 0;
    double worst = -1;
    int wr = 0;
    int wc = 0;
    for (int i = 0; i < a.rows(); i++) {
      for (int j = 0; j < a.cols(); j++) {
        double d = a.get(i, j) - b.get(i, j);
        diff2 += d * d;
        double ad = Math.abs(d);
        if (!(ad <= worst)) { // also picks the first NaN
          worst = ad;
          wr = i;
          wc = j;
        }
      }
    }
    double scale = Math.max(a.norm(), b.norm());
    double rel;
    if (!a.isFinite() || !b.isFinite()) {
      rel = Double.POSITIVE_INFINITY;
    } else {
      rel = scale == 0 ? 0 : Math.sqrt(diff2) / scale;
    }
    return new TensorDiff(tensor, layer, rel, worst, wr, wc, a.get(wr, wc), b.get(wr, wc), a.shape(), b.shape());
  }

  /** Compares two scalars, e.g. two losses: |a − b| / max(|a|, |b|). */
  public static TensorDiff ofScalar(String name, double a, double b) {
    return of(name, 0, Matrix.row(a), Matrix.row(b));
  }

  public boolean shapeMismatch() {
    return !shapeA.equals(shapeB);
  }

  public boolean within(double tolerance) {
    return relativeError <= tolerance;
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
