package twinnet.data;

import java.util.List;
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

  /** Features ~ N(0, 1) and one-hot targets of ny classes (the class: the largest of ny N(0, 1) draws). */
  public static Dataset randomClasses(int nx, int ny, int m, long seed) {
    Random r = new Random(seed);
    Matrix X = gaussian(nx, m, r);
    Matrix g = gaussian(ny, m, r);
    double[][] y = new double[ny][m];
    for (int j = 0; j < m; j++) {
      int best = 0;
      for (int i = 1; i < ny; i++) {
        best = g.get(i, j) > g.get(best, j) ? i : best;
      }
      y[best][j] = 1;
    }
    return new Dataset("random classes " + nx + "→" + ny + ", m = " + m, X, Matrix.of(y));
  }

  /**
   * Images twinnet draws (no download), m of height × width × channels, one a column of (h, w, c) values (the
   * course's (m, n_H, n_W, n_C) flattened per example), and n_y classes one-hot: class k is a bright bar (value 1 on
   * a background of 0) of orientation k mod 4 (horizontal, vertical, diagonal, anti-diagonal) and thickness 1 + k/4,
   * at a random place, in every channel at a random strength in [0.5, 1]. With {@code noise} &gt; 0 Gaussian noise of
   * that σ is added (no two pixels equal); without, the images are flat regions of equal values, where max pooling's
   * windows tie.
   */
  public static Dataset images(int height, int width, int channels, int classes, int m, long seed, double noise) {
    Random r = new Random(seed);
    int n = height * width * channels;
    double[] x = new double[n * m];
    double[] y = new double[classes * m];
    for (int i = 0; i < m; i++) {
      int k = r.nextInt(classes);
      y[k * m + i] = 1;
      int thick = 1 + k / 4;
      int at = r.nextInt(Math.max(1, Math.min(height, width) - thick + 1));
      double[] strength = new double[channels];
      for (int c = 0; c < channels; c++) {
        strength[c] = noise > 0 ? 0.5 + 0.5 * r.nextDouble() : 1;
      }
      for (int h = 0; h < height; h++) {
        for (int w = 0; w < width; w++) {
          int d = switch (k % 4) {
            case 0 -> h - at;
            case 1 -> w - at;
            case 2 -> h - w - (at - Math.min(height, width) / 2);
            default -> h + w - at - Math.min(height, width) / 2;
          };
          boolean bar = d >= 0 && d < thick;
          for (int c = 0; c < channels; c++) {
            double v = (bar ? strength[c] : 0) + (noise > 0 ? noise * r.nextGaussian() : 0);
            x[((h * width + w) * channels + c) * m + i] = v;
          }
        }
      }
    }
    return new Dataset((noise > 0 ? "" : "flat ") + "images " + height + "×" + width + "×" + channels + ", " + classes
        + " classes of bars, m = " + m, Matrix.of(n, m, x), Matrix.of(classes, m, y));
  }

  /**
   * Fisher's Iris: 150 flowers, 4 measurements (cm), 3 species, 50 each, targets one-hot (3 × 150). Read from
   * {@code iris.dat}, which ships inside DL4J's own deeplearning4j-core jar (no download).
   */
  public static Dataset iris() {
    try (java.io.InputStream in = Datasets.class.getResourceAsStream("/iris.dat")) {
      if (in == null) {
        throw new IllegalStateException("iris.dat is not on the class path (it ships in deeplearning4j-core)");
      }
      List<String> lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
          .filter(l -> !l.isBlank()).toList();
      double[][] x = new double[4][lines.size()];
      double[][] y = new double[3][lines.size()];
      for (int j = 0; j < lines.size(); j++) {
        String[] c = lines.get(j).split(",");
        for (int i = 0; i < 4; i++) {
          x[i][j] = Double.parseDouble(c[i].trim());
        }
        y[Integer.parseInt(c[4].trim())][j] = 1;
      }
      return new Dataset("Iris (150 flowers, 3 species)", Matrix.of(x), Matrix.of(y));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
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
   * 1; for categorical cross-entropy, y below 100, below 600 or above as 3 classes, one-hot) or {@code random}
   * (N(0, 1) features and targets; 0/1 or one-hot targets for the classifiers), standardised as asked
   * ({@code none}, {@code x}, {@code xy}; a classifier's targets are never standardised).
   */
  public static Dataset forComparison(String data, String standardize, twinnet.model.Loss loss, int inputs,
      int outputs, int examples, long seed) {
    boolean binary = loss == twinnet.model.Loss.BCE;
    boolean classes = loss == twinnet.model.Loss.CCE;
    Dataset d = switch (data) {
      case "seed" -> seedQuadratic();
      case "random" -> binary ? randomBinary(inputs, outputs, examples, seed) : classes ? randomClasses(inputs,
          outputs, examples, seed) : random(inputs, outputs, examples, seed);
      default -> throw new IllegalArgumentException("unknown --data '" + data + "'; use seed or random");
    };
    if ((binary || classes) && data.equals("seed")) {
      double[][] y = new double[classes ? 3 : 1][20];
      for (int j = 0; j < 20; j++) {
        double v = d.Y().get(0, j);
        if (classes) {
          y[v < 100 ? 0 : v < 600 ? 1 : 2][j] = 1;
        } else {
          y[0][j] = v > 300 ? 1 : 0;
        }
      }
      d = new Dataset(d.name() + (classes ? ", y in 3 classes (< 100, < 600, above)" : ", y > 300 as 1"), d.X(),
          Matrix.of(y));
      return standardize.equals("none") ? d : d.standardizedInputs();
    }
    if (classes) {
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
