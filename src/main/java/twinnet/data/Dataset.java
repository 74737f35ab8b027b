package twinnet.data;

import twinnet.model.Matrix;

/** X (n_x × m) and Y (n_y × m), examples in columns, with a name for reports. */
public record Dataset(String name, Matrix X, Matrix Y) {
  public Dataset {
    if (X.cols() != Y.cols()) {
      throw new IllegalArgumentException(name + ": X has " + X.cols() + " examples but Y has " + Y.cols());
    }
  }

  public int examples() {
    return X.cols();
  }

  /** The same data with every feature row standardised (see {@link Datasets#standardize}). */
  public Dataset standardizedInputs() {
    return new Dataset(name + ", standardised x", Datasets.standardize(X), Y);
  }

  /** The same data with features and targets standardised. */
  public Dataset standardized() {
    return new Dataset(name + ", standardised x and y", Datasets.standardize(X), Datasets.standardize(Y));
  }
}
