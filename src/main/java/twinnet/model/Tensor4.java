package twinnet.model;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * A 4-D array of doubles in numpy's C order, as the course's convolution notebook holds its arrays: activations A
 * (m, n_H, n_W, n_C), filters W (f, f, n_C_prev, n_C), biases b (1, 1, 1, n_C). Element (i, j, k, l) is at
 * ((i·d1 + j)·d2 + k)·d3 + l. Immutable from outside except through {@link #add} on a tensor its maker owns
 * (the loops of the backward passes accumulate into their own zeros).
 */
public final class Tensor4 {
  private final int d0;
  private final int d1;
  private final int d2;
  private final int d3;
  private final double[] data;

  private Tensor4(int d0, int d1, int d2, int d3, double[] data) {
    if (d0 < 0 || d1 < 0 || d2 < 0 || d3 < 0) {
      throw new IllegalArgumentException("a tensor's sizes are at least 0, got " + text(d0, d1, d2, d3));
    }
    if ((long) d0 * d1 * d2 * d3 != data.length) {
      throw new IllegalArgumentException("shape " + text(d0, d1, d2, d3) + " needs " + (long) d0 * d1 * d2 * d3
          + " values, got " + data.length);
    }
    this.d0 = d0;
    this.d1 = d1;
    this.d2 = d2;
    this.d3 = d3;
    this.data = data;
  }

  public static Tensor4 zeros(int d0, int d1, int d2, int d3) {
    return new Tensor4(d0, d1, d2, d3, new double[Math.multiplyExact(Math.multiplyExact(d0, d1), Math.multiplyExact(
        d2, d3))]);
  }

  /** A tensor holding a copy of {@code cOrder}. */
  public static Tensor4 of(int d0, int d1, int d2, int d3, double[] cOrder) {
    return new Tensor4(d0, d1, d2, d3, cOrder.clone());
  }

  /** A tensor over {@code cOrder} itself (no copy): for arrays nobody else keeps. */
  public static Tensor4 adopt(int d0, int d1, int d2, int d3, double[] cOrder) {
    return new Tensor4(d0, d1, d2, d3, cOrder);
  }

  public int dim(int axis) {
    return switch (axis) {
      case 0 -> d0;
      case 1 -> d1;
      case 2 -> d2;
      case 3 -> d3;
      default -> throw new IllegalArgumentException("axis " + axis + " of a 4-D tensor");
    };
  }

  public int[] shape() {
    return new int[] {d0, d1, d2, d3};
  }

  /** numpy's way of writing the shape: "(2, 5, 7, 4)". */
  public String shapeText() {
    return text(d0, d1, d2, d3);
  }

  private static String text(int a, int b, int c, int d) {
    return "(" + a + ", " + b + ", " + c + ", " + d + ")";
  }

  public boolean sameShape(Tensor4 o) {
    return d0 == o.d0 && d1 == o.d1 && d2 == o.d2 && d3 == o.d3;
  }

  public int size() {
    return data.length;
  }

  public int index(int i, int j, int k, int l) {
    return ((i * d1 + j) * d2 + k) * d3 + l;
  }

  public double get(int i, int j, int k, int l) {
    return data[index(i, j, k, l)];
  }

  /** Adds v at (i, j, k, l): for the tensors the backward loops build. */
  public void add(int i, int j, int k, int l, double v) {
    data[index(i, j, k, l)] += v;
  }

  /** A copy of the values in C order. */
  public double[] toArray() {
    return data.clone();
  }

  /** The values themselves, for kernels that read them in place; do not change them. */
  public double[] backingArray() {
    return data;
  }

  public Tensor4 map(DoubleUnaryOperator f) {
    double[] out = new double[data.length];
    for (int n = 0; n < out.length; n++) {
      out[n] = f.applyAsDouble(data[n]);
    }
    return new Tensor4(d0, d1, d2, d3, out);
  }

  public Tensor4 plus(Tensor4 o) {
    requireSameShape(o, "+");
    double[] out = new double[data.length];
    for (int n = 0; n < out.length; n++) {
      out[n] = data[n] + o.data[n];
    }
    return new Tensor4(d0, d1, d2, d3, out);
  }

  public Tensor4 minus(Tensor4 o) {
    requireSameShape(o, "−");
    double[] out = new double[data.length];
    for (int n = 0; n < out.length; n++) {
      out[n] = data[n] - o.data[n];
    }
    return new Tensor4(d0, d1, d2, d3, out);
  }

  public Tensor4 times(Tensor4 o) {
    requireSameShape(o, "⊙");
    double[] out = new double[data.length];
    for (int n = 0; n < out.length; n++) {
      out[n] = data[n] * o.data[n];
    }
    return new Tensor4(d0, d1, d2, d3, out);
  }

  public Tensor4 scale(double s) {
    return map(v -> v * s);
  }

  private void requireSameShape(Tensor4 o, String op) {
    if (!sameShape(o)) {
      throw new IllegalArgumentException(shapeText() + " " + op + " " + o.shapeText() + ": the shapes differ");
    }
  }

  /** The same values as a (d0 · d1 · d2) × d3 matrix: W (f, f, n_C_prev, n_C) as the im2col weight matrix. */
  public Matrix asRows() {
    return Matrix.adopt(d0 * d1 * d2, d3, data.clone());
  }

  /** The inverse of {@link #asRows}. */
  public static Tensor4 fromRows(Matrix m, int d0, int d1, int d2) {
    return of(d0, d1, d2, m.cols(), m.toRowMajor());
  }

  /**
   * A (m, n_H, n_W, n_C) tensor as the dense layers see it: one column per example, its values in (h, w, c) order
   * (numpy's A.reshape(m, −1).T), (n_H · n_W · n_C) × m.
   */
  public Matrix flattenExamples() {
    int n = d1 * d2 * d3;
    double[] out = new double[n * d0];
    for (int i = 0; i < d0; i++) {
      for (int r = 0; r < n; r++) {
        out[r * d0 + i] = data[i * n + r];
      }
    }
    return Matrix.adopt(n, d0, out);
  }

  /** The inverse of {@link #flattenExamples}: columns of (h, w, c) values back to (m, n_H, n_W, n_C). */
  public static Tensor4 unflattenExamples(Matrix X, int h, int w, int c) {
    if (X.rows() != h * w * c) {
      throw new IllegalArgumentException("a column of " + X.rows() + " values is not an image of " + h + " × " + w
          + " × " + c + " = " + h * w * c);
    }
    int n = X.rows();
    int m = X.cols();
    double[] out = new double[n * m];
    double[] x = X.backingArray();
    for (int r = 0; r < n; r++) {
      for (int i = 0; i < m; i++) {
        out[i * n + r] = x[r * m + i];
      }
    }
    return adopt(m, h, w, c, out);
  }

  public double norm() {
    double s = 0;
    for (double v : data) {
      s += v * v;
    }
    return Math.sqrt(s);
  }

  public boolean isFinite() {
    for (double v : data) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tensor4 t && sameShape(t) && Arrays.equals(data, t.data);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(data) * 31 + Arrays.hashCode(shape());
  }

  @Override
  public String toString() {
    return "Tensor4" + shapeText();
  }
}
