package twinnet.train;

import twinnet.model.Matrix;

/** MSE, MAE and R² of predictions against targets, in the targets' own units, over every output. */
public record Metrics(double mse, double mae, double r2) {

  public static Metrics of(Matrix pred, Matrix y) {
    double sse = 0;
    double sae = 0;
    double sst = 0;
    int n = y.rows() * y.cols();
    for (int i = 0; i < y.rows(); i++) {
      double mean = 0;
      for (int j = 0; j < y.cols(); j++) {
        mean += y.get(i, j);
      }
      mean /= y.cols();
      for (int j = 0; j < y.cols(); j++) {
        double d = pred.get(i, j) - y.get(i, j);
        sse += d * d;
        sae += Math.abs(d);
        sst += (y.get(i, j) - mean) * (y.get(i, j) - mean);
      }
    }
    return new Metrics(sse / n, sae / n, sst == 0 ? Double.NaN : 1 - sse / sst);
  }
}
