package twinnet.train;

import twinnet.model.Matrix;

/**
 * Per-row mean and population standard deviation, fitted on the training split only and stored with the
 * model: x ← (x − μ) / σ. A feature with σ = 0 is only centred; a target with σ = 0 is refused (nothing
 * to learn, and its predictions could not be mapped back).
 */
public record Standardizer(double[] meanX, double[] sdX, double[] meanY, double[] sdY) {

  public static Standardizer fit(Matrix X, Matrix Y, java.util.List<String> targetNames) {
    double[][] x = stats(X);
    double[][] y = stats(Y);
    for (int i = 0; i < y[1].length; i++) {
      if (y[1][i] == 0) {
        throw new IllegalArgumentException("target column \"" + targetNames.get(i) + "\" is constant in the "
            + "training split (standard deviation 0): there is nothing to learn; choose another target");
      }
    }
    return new Standardizer(x[0], x[1], y[0], y[1]);
  }

  /**
   * For a classifier (cross-entropy over a sigmoid or a softmax): the inputs standardised, the 0/1 or
   * one-hot targets left as they are (mean 0, standard deviation 1), since the loss reads them as labels.
   */
  public static Standardizer fitInputs(Matrix X, int targets) {
    double[][] x = stats(X);
    double[] zero = new double[targets];
    double[] one = new double[targets];
    java.util.Arrays.fill(one, 1.0);
    return new Standardizer(x[0], x[1], zero, one);
  }

  private static double[][] stats(Matrix A) {
    double[] mean = new double[A.rows()];
    double[] sd = new double[A.rows()];
    for (int i = 0; i < A.rows(); i++) {
      double s = 0;
      for (int j = 0; j < A.cols(); j++) {
        s += A.get(i, j);
      }
      mean[i] = s / A.cols();
      double v = 0;
      for (int j = 0; j < A.cols(); j++) {
        v += (A.get(i, j) - mean[i]) * (A.get(i, j) - mean[i]);
      }
      sd[i] = Math.sqrt(v / A.cols());
    }
    return new double[][] {mean, sd};
  }

  public Matrix x(Matrix X) {
    return apply(X, meanX, sdX, false);
  }

  public Matrix y(Matrix Y) {
    return apply(Y, meanY, sdY, false);
  }

  /** Rows predicted at a time: a stop request is seen between blocks (well under a second each). */
  static final int PREDICT_BLOCK = 8192;

  /**
   * {@code network}'s predictions in the targets' units for raw features X (features × rows), a block of rows
   * at a time.
   */
  public Matrix predict(twinnet.model.Network network, Matrix X) {
    int m = X.cols();
    if (m <= PREDICT_BLOCK) {
      return yBack(network.predict(x(X)));
    }
    int outputs = meanY.length;
    double[] out = new double[outputs * m];
    for (int from = 0; from < m; from += PREDICT_BLOCK) {
      int to = Math.min(m, from + PREDICT_BLOCK);
      twinnet.io.Stop.check("predicting rows " + (from + 1) + " to " + to + " of " + m);
      Matrix P = yBack(network.predict(x(X.columns(from, to))));
      for (int i = 0; i < outputs; i++) {
        System.arraycopy(P.backingArray(), i * (to - from), out, i * m + from, to - from);
      }
    }
    return Matrix.adopt(outputs, m, out);
  }

  /** Predictions back in the targets' units: y = ŷ·σ + μ. */
  public Matrix yBack(Matrix Y) {
    return apply(Y, meanY, sdY, true);
  }

  private static Matrix apply(Matrix A, double[] mean, double[] sd, boolean invert) {
    if (A.rows() != mean.length) {
      throw new IllegalArgumentException("expected " + mean.length + " rows, got " + A.rows());
    }
    double[] out = A.toRowMajor();
    for (int i = 0; i < A.rows(); i++) {
      double s = sd[i] > 0 ? sd[i] : 1;
      for (int j = 0; j < A.cols(); j++) {
        int k = i * A.cols() + j;
        out[k] = invert ? out[k] * s + mean[i] : (out[k] - mean[i]) / s;
      }
    }
    return Matrix.of(A.rows(), A.cols(), out);
  }
}
