package twinnet.data;

import java.io.BufferedWriter;
import java.io.IOException;
import java.util.Random;
import twinnet.io.Cleanup;

/**
 * Synthetic regression data for {@code twinnet generate}: features x1..xF ~ U(−1, 1) and a target y
 * (quadratic: Σ 3x² + 3x, as the seed's; linear: Σ x), plus Gaussian noise of the given standard deviation.
 */
public record Generator(long rows, int features, String function, double noise, long seed) {

  /** Rows a generated file may have (a 10-feature file of this many rows is about 20 TB). */
  public static final long MAX_ROWS = 100_000_000_000L;

  public Generator {
    if (rows < 1 || rows > MAX_ROWS) {
      throw new IllegalArgumentException("--rows must be between 1 and " + MAX_ROWS + ", got " + rows);
    }
    if (features < 1 || features > twinnet.io.Resources.MAX_WIDTH) {
      throw new IllegalArgumentException("--features must be between 1 and " + twinnet.io.Resources.MAX_WIDTH
          + ", got " + features);
    }
    if (!function.equals("quadratic") && !function.equals("linear")) {
      throw new IllegalArgumentException("unknown --function '" + function + "'; use quadratic or linear");
    }
    if (!(noise >= 0) || !Double.isFinite(noise)) {
      throw new IllegalArgumentException("--noise must be a standard deviation, 0 or more, got " + noise);
    }
  }

  /** About how many bytes the file takes: each number is printed in up to 24 characters and a comma. */
  public long estimatedBytes() {
    long perRow = 25L * (features + 1);
    return rows > Long.MAX_VALUE / perRow ? Long.MAX_VALUE : rows * perRow;
  }

  /** The header line and every row; Ctrl-C stops it between rows. */
  public void write(BufferedWriter w) throws IOException {
    Random r = new Random(seed);
    StringBuilder h = new StringBuilder();
    for (int f = 1; f <= features; f++) {
      h.append('x').append(f).append(',');
    }
    w.write(h.append('y').toString());
    w.newLine();
    StringBuilder line = new StringBuilder();
    for (long i = 0; i < rows; i++) {
      line.setLength(0);
      double y = 0;
      for (int f = 0; f < features; f++) {
        double x = 2 * r.nextDouble() - 1;
        y += function.equals("quadratic") ? 3 * x * x + 3 * x : x;
        line.append(x).append(',');
      }
      line.append(y + noise * r.nextGaussian());
      w.write(line.toString());
      w.newLine();
      if ((i & 0x3FF) == 0) {
        twinnet.io.Stop.check("generating row " + (i + 1) + " of " + rows);
      }
    }
  }
}
