package twinnet.data;

/**
 * Least-squares polynomial y ≈ c₀ + c₁x + … + c_d x^d, the closed-form baseline of the seed's study.
 * Solved by the normal equations on x scaled to [−1, 1] (keeps them well conditioned for small
 * degrees), with Gaussian elimination and partial pivoting.
 */
public record Polynomial(int degree, double[] coefficients, double center, double halfRange) {

  public static Polynomial fit(double[] x, double[] y, int degree) {
    if (x.length != y.length || x.length <= degree) {
      throw new IllegalArgumentException("a degree-" + degree + " fit needs more than " + degree + " points, got "
          + x.length);
    }
    double min = java.util.Arrays.stream(x).min().orElseThrow();
    double max = java.util.Arrays.stream(x).max().orElseThrow();
    double center = (max + min) / 2;
    double half = max > min ? (max - min) / 2 : 1;
    int n = degree + 1;
    double[][] a = new double[n][n + 1]; // [XᵀX | Xᵀy]
    for (int k = 0; k < x.length; k++) {
      double t = (x[k] - center) / half;
      double[] pow = new double[2 * n];
      pow[0] = 1;
      for (int i = 1; i < pow.length; i++) {
        pow[i] = pow[i - 1] * t;
      }
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          a[i][j] += pow[i + j];
        }
        a[i][n] += pow[i] * y[k];
      }
    }
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int r = col + 1; r < n; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
          pivot = r;
        }
      }
      double[] tmp = a[col];
      a[col] = a[pivot];
      a[pivot] = tmp;
      for (int r = 0; r < n; r++) {
        if (r != col) {
          double f = a[r][col] / a[col][col];
          for (int c = col; c <= n; c++) {
            a[r][c] -= f * a[col][c];
          }
        }
      }
    }
    double[] coef = new double[n];
    for (int i = 0; i < n; i++) {
      coef[i] = a[i][n] / a[i][i];
    }
    return new Polynomial(degree, coef, center, half);
  }

  public double at(double x) {
    double t = (x - center) / halfRange;
    double v = 0;
    for (int i = coefficients.length - 1; i >= 0; i--) {
      v = v * t + coefficients[i];
    }
    return v;
  }

  /** Mean squared error on (x, y): 1/m · Σ (p(x) − y)². */
  public double mse(double[] x, double[] y) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      double d = at(x[i]) - y[i];
      s += d * d;
    }
    return s / x.length;
  }
}
