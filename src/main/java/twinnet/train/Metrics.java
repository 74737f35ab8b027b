package twinnet.train;

import twinnet.model.Matrix;

/**
 * MSE, MAE and R² of predictions against targets, in the targets' own units, over every output. R² is
 * 1 − SSE/SST with SST summed over the targets, each around its own mean. Every backend computes them with
 * one {@link Accumulator}, batch by batch or at once.
 */
public record Metrics(double mse, double mae, double r2) {

  public static final Metrics NONE = new Metrics(Double.NaN, Double.NaN, Double.NaN);

  /** The metrics of predictions against targets, both targets × examples. */
  public static Metrics of(Matrix pred, Matrix y) {
    Accumulator a = new Accumulator(y.rows());
    a.add(pred, y);
    return a.metrics();
  }

  /**
   * Sums for the metrics, batch after batch: SSE and SAE, and per target its count, mean and sum of squared
   * deviations (M2), combined across batches with Chan's formula, so that SST stays exact for targets with
   * a large mean.
   */
  public static final class Accumulator implements java.io.Serializable {
    private double sse;
    private double sae;
    private long n;
    private final double[] mean;
    private final double[] m2;

    public Accumulator(int targets) {
      mean = new double[targets];
      m2 = new double[targets];
    }

    /** One batch in the course's layout: pred and y are targets × examples. */
    public Accumulator add(Matrix pred, Matrix y) {
      int m = y.cols();
      double[] bm = new double[y.rows()];
      double[] b2 = new double[y.rows()];
      for (int i = 0; i < y.rows(); i++) {
        double s = 0;
        for (int j = 0; j < m; j++) {
          s += y.get(i, j);
        }
        bm[i] = s / m;
        for (int j = 0; j < m; j++) {
          double d = pred.get(i, j) - y.get(i, j);
          sse += d * d;
          sae += Math.abs(d);
          b2[i] += (y.get(i, j) - bm[i]) * (y.get(i, j) - bm[i]);
        }
      }
      return merge(m, bm, b2);
    }

    /** One batch in DL4J's layout: rows are examples, columns targets. */
    public Accumulator addRows(double[][] pred, double[][] y) {
      return add(Matrix.of(pred).transpose(), Matrix.of(y).transpose());
    }

    /** Another accumulator's sums (a partition's, a worker's). */
    public Accumulator merge(Accumulator o) {
      sse += o.sse;
      sae += o.sae;
      return merge(o.n, o.mean, o.m2);
    }

    // Chan et al.: n = na + nb; δ = μb − μa; μ = μa + δ·nb/n; M2 = M2a + M2b + δ²·na·nb/n
    private Accumulator merge(long nb, double[] mb, double[] m2b) {
      if (nb == 0) {
        return this;
      }
      long total = n + nb;
      for (int i = 0; i < mean.length; i++) {
        double delta = mb[i] - mean[i];
        m2[i] += m2b[i] + delta * delta * ((double) n * nb / total);
        mean[i] += delta * nb / total;
      }
      n = total;
      return this;
    }

    public Metrics metrics() {
      if (n == 0) {
        return NONE;
      }
      double count = (double) n * mean.length;
      double sst = 0;
      for (double v : m2) {
        sst += v;
      }
      return new Metrics(sse / count, sae / count, sst == 0 ? Double.NaN : 1 - sse / sst);
    }
  }
}
