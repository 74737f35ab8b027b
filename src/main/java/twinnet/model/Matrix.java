package twinnet.model;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * A small dense matrix of doubles, row-major, written to be read rather than to be fast.
 *
 * <p>Instances are immutable: every operation returns a new matrix. Shapes are checked and a
 * mismatch throws an {@link IllegalArgumentException} that names both shapes.
 */
public final class Matrix {
  private final int rows;
  private final int cols;
  private final double[] data; // element (i, j) at data[i * cols + j]

  private Matrix(int rows, int cols, double[] data) {
    this.rows = rows;
    this.cols = cols;
    this.data = data;
  }

  /** A rows × cols matrix of zeros. */
  public static Matrix zeros(int rows, int cols) {
    if (rows < 1 || cols < 1) {
      throw new IllegalArgumentException("a matrix needs at least 1 row and 1 column, got " + rows + "×" + cols);
    }
    return new Matrix(rows, cols, new double[rows * cols]);
  }

  /** A copy of {@code values}, which must be rectangular. */
  public static Matrix of(double[][] values) {
    if (values.length == 0 || values[0].length == 0) {
      throw new IllegalArgumentException("a matrix needs at least 1 row and 1 column");
    }
    int cols = values[0].length;
    double[] data = new double[values.length * cols];
    for (int i = 0; i < values.length; i++) {
      if (values[i].length != cols) {
        throw new IllegalArgumentException(
            "ragged rows: row 0 has " + cols + " values, row " + i + " has " + values[i].length);
      }
      System.arraycopy(values[i], 0, data, i * cols, cols);
    }
    return new Matrix(values.length, cols, data);
  }

  /** A matrix over a copy of {@code rowMajor}. */
  public static Matrix of(int rows, int cols, double[] rowMajor) {
    if (rowMajor.length != rows * cols) {
      throw new IllegalArgumentException(rows + "×" + cols + " needs " + rows * cols + " values, got " + rowMajor.length);
    }
    return new Matrix(rows, cols, rowMajor.clone());
  }

  /**
   * A matrix over {@code rowMajor} itself, without a copy: for kernels that have just filled a fresh
   * array. The caller gives the array up and must not touch it again.
   */
  public static Matrix adopt(int rows, int cols, double[] rowMajor) {
    if (rowMajor.length != rows * cols) {
      throw new IllegalArgumentException(rows + "×" + cols + " needs " + rows * cols + " values, got " + rowMajor.length);
    }
    return new Matrix(rows, cols, rowMajor);
  }

  /**
   * The live backing array, row-major, not a copy: for kernels that only read it. Nothing enforces that:
   * writing to it would change this matrix and every one that shares the array; use {@link #toRowMajor()}
   * for a copy to change.
   */
  public double[] backingArray() {
    return data;
  }

  /** A 1 × n row vector. */
  public static Matrix row(double... values) {
    return of(1, values.length, values);
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return cols;
  }

  public String shape() {
    return rows + "×" + cols;
  }

  public boolean sameShape(Matrix o) {
    return rows == o.rows && cols == o.cols;
  }

  public double get(int i, int j) {
    return data[i * cols + j];
  }

  /** A copy of the elements in row-major order. */
  public double[] toRowMajor() {
    return data.clone();
  }

  public double[][] toArray() {
    double[][] out = new double[rows][cols];
    for (int i = 0; i < rows; i++) {
      System.arraycopy(data, i * cols, out[i], 0, cols);
    }
    return out;
  }

  /** This with element (i, j) replaced by v. */
  public Matrix with(int i, int j, double v) {
    double[] d = data.clone();
    d[i * cols + j] = v;
    return new Matrix(rows, cols, d);
  }

  /** C = this · B, (n×k)·(k×p) → n×p. Plain i-k-j loops: the reference product. */
  public Matrix dot(Matrix b) {
    if (cols != b.rows) {
      throw new IllegalArgumentException("cannot multiply " + shape() + " by " + b.shape());
    }
    double[] c = new double[rows * b.cols];
    for (int i = 0; i < rows; i++) {
      for (int k = 0; k < cols; k++) {
        double aik = data[i * cols + k];
        for (int j = 0; j < b.cols; j++) {
          c[i * b.cols + j] += aik * b.data[k * b.cols + j];
        }
      }
    }
    return new Matrix(rows, b.cols, c);
  }

  /** Aᵀ. */
  public Matrix transpose() {
    double[] t = new double[data.length];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        t[j * rows + i] = data[i * cols + j];
      }
    }
    return new Matrix(cols, rows, t);
  }

  public Matrix plus(Matrix o) {
    requireSameShape(o, "add");
    double[] d = new double[data.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = data[i] + o.data[i];
    }
    return new Matrix(rows, cols, d);
  }

  public Matrix minus(Matrix o) {
    requireSameShape(o, "subtract");
    double[] d = new double[data.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = data[i] - o.data[i];
    }
    return new Matrix(rows, cols, d);
  }

  /** Element-wise (Hadamard) product, the course's {@code A * B}. */
  public Matrix times(Matrix o) {
    requireSameShape(o, "multiply element-wise");
    double[] d = new double[data.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = data[i] * o.data[i];
    }
    return new Matrix(rows, cols, d);
  }

  public Matrix scale(double s) {
    double[] d = new double[data.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = data[i] * s;
    }
    return new Matrix(rows, cols, d);
  }

  public Matrix map(DoubleUnaryOperator f) {
    double[] d = new double[data.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = f.applyAsDouble(data[i]);
    }
    return new Matrix(rows, cols, d);
  }

  /** this + b broadcast over columns: b is rows × 1, as in the course's {@code W·A + b}. */
  public Matrix plusColumn(Matrix b) {
    if (b.rows != rows || b.cols != 1) {
      throw new IllegalArgumentException("cannot broadcast " + b.shape() + " over the columns of " + shape());
    }
    double[] d = new double[data.length];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        d[i * cols + j] = data[i * cols + j] + b.data[i];
      }
    }
    return new Matrix(rows, cols, d);
  }

  /** Σ over columns, keeping dims: the course's {@code np.sum(A, axis=1, keepdims=True)}, rows × 1. */
  public Matrix sumColumns() {
    double[] d = new double[rows];
    for (int i = 0; i < rows; i++) {
      double s = 0;
      for (int j = 0; j < cols; j++) {
        s += data[i * cols + j];
      }
      d[i] = s;
    }
    return new Matrix(rows, 1, d);
  }

  /** Σ of all elements. */
  public double sum() {
    double s = 0;
    for (double v : data) {
      s += v;
    }
    return s;
  }

  /** ‖A‖₂ over all elements (Frobenius norm). */
  public double norm() {
    double s = 0;
    for (double v : data) {
      s += v * v;
    }
    return Math.sqrt(s);
  }

  /** True when every element is finite (no NaN, no ±∞). */
  public boolean isFinite() {
    for (double v : data) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  /** Columns [from, to) as a new matrix: a mini-batch of examples. */
  public Matrix columns(int from, int to) {
    if (from < 0 || to > cols || from >= to) {
      throw new IllegalArgumentException("columns [" + from + ", " + to + ") of " + shape());
    }
    int n = to - from;
    double[] d = new double[rows * n];
    for (int i = 0; i < rows; i++) {
      System.arraycopy(data, i * cols + from, d, i * n, n);
    }
    return new Matrix(rows, n, d);
  }

  /** The given columns, in the given order: a shuffled mini-batch. */
  public Matrix selectColumns(int[] columns) {
    double[] d = new double[rows * columns.length];
    for (int i = 0; i < rows; i++) {
      for (int k = 0; k < columns.length; k++) {
        d[i * columns.length + k] = data[i * cols + columns[k]];
      }
    }
    return new Matrix(rows, columns.length, d);
  }

  private void requireSameShape(Matrix o, String what) {
    if (!sameShape(o)) {
      throw new IllegalArgumentException("cannot " + what + " " + shape() + " and " + o.shape());
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Matrix m && rows == m.rows && cols == m.cols && Arrays.equals(data, m.data);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * rows + cols) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return Arrays.deepToString(toArray());
  }
}
