package twinnet.data;

import java.util.Random;
import twinnet.model.Matrix;

/** Built-in data sets. */
public final class Datasets {
  private Datasets() {}

  /** The seed's data: x = 0, 1, …, 19 and y = 3x² + 3x, as 1 × 20 rows. */
  public static Dataset seedQuadratic() {
    double[] x = new double[20];
    double[] y = new double[20];
    for (int i = 0; i < 20; i++) {
      x[i] = i;
      y[i] = 3.0 * i * i + 3.0 * i;
    }
    return new Dataset("y = 3x² + 3x, x = 0..19", Matrix.row(x), Matrix.row(y));
  }

  /** Features ~ N(0, 1) and targets ~ N(0, 1), independent: n_x × m and n_y × m. */
  public static Dataset random(int nx, int ny, int m, long seed) {
    Random r = new Random(seed);
    return new Dataset("random " + nx + "→" + ny + ", m = " + m, gaussian(nx, m, r), gaussian(ny, m, r));
  }

  /** Features ~ N(0, 1) and targets in {0, 1}, for a sigmoid classifier. */
  public static Dataset randomBinary(int nx, int ny, int m, long seed) {
    Random r = new Random(seed);
    Matrix X = gaussian(nx, m, r);
    Matrix Y = gaussian(ny, m, r).map(v -> v > 0 ? 1.0 : 0.0);
    return new Dataset("random binary " + nx + "→" + ny + ", m = " + m, X, Y);
  }

  private static Matrix gaussian(int rows, int cols, Random r) {
    double[] v = new double[rows * cols];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextGaussian();
    }
    return Matrix.of(rows, cols, v);
  }

  /**
   * Each row standardised to mean 0 and (population) standard deviation 1: x ← (x − μ) / σ. A row with
   * σ = 0 (a constant feature, or a single example) is only centred.
   */
  public static Matrix standardize(Matrix A) {
    double[][] a = A.toArray();
    for (double[] row : a) {
      double mean = 0;
      for (double v : row) {
        mean += v;
      }
      mean /= row.length;
      double var = 0;
      for (double v : row) {
        var += (v - mean) * (v - mean);
      }
      double sd = Math.sqrt(var / row.length);
      for (int j = 0; j < row.length; j++) {
        row[j] = sd > 0 ? (row[j] - mean) / sd : row[j] - mean;
      }
    }
    return Matrix.of(a);
  }

  /**
   * The data of {@code twinnet compare}: {@code seed} (x = 0..19, y = 3x² + 3x; for cross-entropy, y > 300 as
   * 1) or {@code random} (N(0, 1) features and targets, 0/1 targets for cross-entropy), standardised as asked
   * ({@code none}, {@code x}, {@code xy}; a classifier's 0/1 targets are never standardised).
   */
  public static Dataset forComparison(String data, String standardize, boolean binary, int inputs, int outputs,
      int examples, long seed) {
    Dataset d = switch (data) {
      case "seed" -> seedQuadratic();
      case "random" -> binary ? randomBinary(inputs, outputs, examples, seed) : random(inputs, outputs, examples,
          seed);
      default -> throw new IllegalArgumentException("unknown --data '" + data + "'; use seed or random");
    };
    if (binary && data.equals("seed")) {
      d = new Dataset(d.name() + ", y > 300 as 1", d.X(), d.Y().map(y -> y > 300 ? 1.0 : 0.0));
      return standardize.equals("none") ? d : d.standardizedInputs();
    }
    return switch (standardize) {
      case "none" -> d;
      case "x" -> d.standardizedInputs();
      case "xy" -> binary ? d.standardizedInputs() : d.standardized();
      default -> throw new IllegalArgumentException("unknown --standardize '" + standardize + "'; use none, x or xy");
    };
  }
}
