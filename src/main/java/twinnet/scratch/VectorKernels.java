package twinnet.scratch;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The products of {@link Kernels} with the Java Vector API (JDK 17's incubator module
 * {@code jdk.incubator.vector}; AVX-512 holds 8 doubles a vector here). Used only when the JVM was
 * started with {@code --add-modules jdk.incubator.vector}; {@link Kernels} falls back to its plain loops
 * otherwise, and nothing here is loaded.
 *
 * <p>Every element of C is summed by the same procedure whatever block or thread computes it (fused
 * multiply-adds in a fixed order of k), so results are bit-identical for every thread count.
 */
final class VectorKernels {
  private VectorKernels() {}

  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  /** Columns of C computed per panel of B: 3 vectors. */
  static final int COLUMN_BLOCK = 3 * L;

  /**
   * Rows [from, to) of C = A·B, (n×k)·(k×p): 4 rows × 3 vectors of C held in 12 registers while k runs
   * (12 fused multiply-adds for 3 loads of B and 4 broadcasts of A).
   */
  static void matmul(double[] A, double[] B, double[] C, int k, int p, int from, int to) {
    matmul(A, B, C, k, p, from, to, 0, p);
  }

  /**
   * Rows [from, to) and columns [jFrom, jTo) of C = A·B (jFrom a multiple of 3 vectors): a wide C is split
   * by columns between threads, so that each copies only its own panels of B.
   */
  static void matmul(double[] A, double[] B, double[] C, int k, int p, int from, int to, int jFrom, int jTo) {
    int jw = 3 * L;
    int full = p - p % jw; // columns covered by whole 3-vector blocks
    int fullEnd = Math.min(full, jTo);
    double[] panel = fullEnd > jFrom ? new double[k * jw] : null;
    for (int j = jFrom; j < fullEnd; j += jw) {
      // copy B[:, j:j+jw] into a contiguous panel: the rows of B are far apart (p doubles), the panel's
      // k × 24 numbers stay in cache for every block of 4 rows of A
      for (int kk = 0; kk < k; kk++) {
        System.arraycopy(B, kk * p + j, panel, kk * jw, jw);
      }
      int i = from;
      for (; i + 3 < to; i += 4) {
        block4(A, panel, C, k, p, i, j);
      }
      for (; i < to; i++) {
        block1(A, panel, C, k, p, i, j);
      }
    }
    if (jTo > full) {
      for (int i = from; i < to; i++) {
        rowTail(A, B, C, k, p, i, Math.max(full, jFrom), jTo);
      }
    }
  }

  /** C[i..i+3, j..j+24) from the panel: 12 vectors of C in registers while k runs. */
  private static void block4(double[] A, double[] panel, double[] C, int k, int p, int i, int j) {
    int jw = 3 * L;
    int a0 = i * k;
    int a1 = a0 + k;
    int a2 = a1 + k;
    int a3 = a2 + k;
    DoubleVector c00 = DoubleVector.zero(S), c01 = DoubleVector.zero(S), c02 = DoubleVector.zero(S);
    DoubleVector c10 = DoubleVector.zero(S), c11 = DoubleVector.zero(S), c12 = DoubleVector.zero(S);
    DoubleVector c20 = DoubleVector.zero(S), c21 = DoubleVector.zero(S), c22 = DoubleVector.zero(S);
    DoubleVector c30 = DoubleVector.zero(S), c31 = DoubleVector.zero(S), c32 = DoubleVector.zero(S);
    for (int kk = 0; kk < k; kk++) {
      int bo = kk * jw;
      DoubleVector b0 = DoubleVector.fromArray(S, panel, bo);
      DoubleVector b1 = DoubleVector.fromArray(S, panel, bo + L);
      DoubleVector b2 = DoubleVector.fromArray(S, panel, bo + 2 * L);
      DoubleVector x = DoubleVector.broadcast(S, A[a0 + kk]);
      c00 = b0.fma(x, c00);
      c01 = b1.fma(x, c01);
      c02 = b2.fma(x, c02);
      x = DoubleVector.broadcast(S, A[a1 + kk]);
      c10 = b0.fma(x, c10);
      c11 = b1.fma(x, c11);
      c12 = b2.fma(x, c12);
      x = DoubleVector.broadcast(S, A[a2 + kk]);
      c20 = b0.fma(x, c20);
      c21 = b1.fma(x, c21);
      c22 = b2.fma(x, c22);
      x = DoubleVector.broadcast(S, A[a3 + kk]);
      c30 = b0.fma(x, c30);
      c31 = b1.fma(x, c31);
      c32 = b2.fma(x, c32);
    }
    int r0 = i * p + j;
    c00.intoArray(C, r0);
    c01.intoArray(C, r0 + L);
    c02.intoArray(C, r0 + 2 * L);
    c10.intoArray(C, r0 + p);
    c11.intoArray(C, r0 + p + L);
    c12.intoArray(C, r0 + p + 2 * L);
    c20.intoArray(C, r0 + 2 * p);
    c21.intoArray(C, r0 + 2 * p + L);
    c22.intoArray(C, r0 + 2 * p + 2 * L);
    c30.intoArray(C, r0 + 3 * p);
    c31.intoArray(C, r0 + 3 * p + L);
    c32.intoArray(C, r0 + 3 * p + 2 * L);
  }

  /** C[i, j..j+24) from the panel: the same arithmetic for one row. */
  private static void block1(double[] A, double[] panel, double[] C, int k, int p, int i, int j) {
    int jw = 3 * L;
    DoubleVector c0 = DoubleVector.zero(S), c1 = DoubleVector.zero(S), c2 = DoubleVector.zero(S);
    for (int kk = 0; kk < k; kk++) {
      DoubleVector x = DoubleVector.broadcast(S, A[i * k + kk]);
      c0 = DoubleVector.fromArray(S, panel, kk * jw).fma(x, c0);
      c1 = DoubleVector.fromArray(S, panel, kk * jw + L).fma(x, c1);
      c2 = DoubleVector.fromArray(S, panel, kk * jw + 2 * L).fma(x, c2);
    }
    c0.intoArray(C, i * p + j);
    c1.intoArray(C, i * p + j + L);
    c2.intoArray(C, i * p + j + 2 * L);
  }

  /**
   * Columns [j, end) of row i of C = A·B. A vector lane's chain of fused multiply-adds over k is the same
   * arithmetic as a scalar Math.fma chain, so every kernel here gives an element the same bits.
   */
  private static void rowTail(double[] A, double[] B, double[] C, int k, int p, int i, int j, int end) {
    for (; j + L <= end; j += L) {
      DoubleVector c = DoubleVector.zero(S);
      for (int kk = 0; kk < k; kk++) {
        c = DoubleVector.fromArray(S, B, kk * p + j).fma(DoubleVector.broadcast(S, A[i * k + kk]), c);
      }
      c.intoArray(C, i * p + j);
    }
    for (; j < end; j++) {
      double s = 0;
      for (int kk = 0; kk < k; kk++) {
        s = Math.fma(A[i * k + kk], B[kk * p + j], s);
      }
      C[i * p + j] = s;
    }
  }

  /**
   * Rows [from, to) of C = A·Bᵀ, (n×k)·(p×k)ᵀ: each C[i,j] a dot product of two contiguous rows, as lane
   * sums over slices of k (lane l takes k ≡ l mod 8), each slice's sum reduced and added to C[i,j], then
   * the last k mod 8 terms; 4×4 of them at once (16 accumulators, 8 loads for 16 fused multiply-adds).
   */
  static void matmulNT(double[] A, double[] B, double[] C, int k, int p, int from, int to) {
    int kv = k - k % L;
    // the same procedure for every element, in the 4×4 tile and out of it: C[i,j] += the slice's reduced
    // lane sums, slice after slice, then the last k mod 8 terms
    for (int kb = 0; kb < kv; kb += KBLOCK) {
      int ke = Math.min(kb + KBLOCK, kv);
      int i = from;
      for (; i + 3 < to; i += 4) {
        int j = 0;
        for (; j + 3 < p; j += 4) {
          tile4x4(A, B, C, k, p, i, j, kb, ke);
        }
        for (; j < p; j++) {
          for (int r = i; r < i + 4; r++) {
            C[r * p + j] += slice(A, r * k, B, j * k, kb, ke);
          }
        }
      }
      for (; i < to; i++) {
        for (int j = 0; j < p; j++) {
          C[i * p + j] += slice(A, i * k, B, j * k, kb, ke);
        }
      }
    }
    for (int i = from; i < to; i++) {
      for (int j = 0; j < p; j++) {
        double s = C[i * p + j];
        for (int kk = kv; kk < k; kk++) {
          s = Math.fma(A[i * k + kk], B[j * k + kk], s);
        }
        C[i * p + j] = s;
      }
    }
  }

  /** Depth handled at a time in A·Bᵀ, a multiple of the vector length: that slice of B's rows stays in L2. */
  static final int KBLOCK = 256;

  /** C[i..i+3, j..j+3] += the reduced lane sums of the slice [kb, ke): 16 sums held in registers. */
  private static void tile4x4(double[] A, double[] B, double[] C, int k, int p, int i, int j, int kb, int ke) {
    int a0 = i * k;
    int a1 = a0 + k;
    int a2 = a1 + k;
    int a3 = a2 + k;
    int b0 = j * k;
    int b1 = b0 + k;
    int b2 = b1 + k;
    int b3 = b2 + k;
    DoubleVector s00 = DoubleVector.zero(S), s01 = DoubleVector.zero(S), s02 = DoubleVector.zero(S);
    DoubleVector s03 = DoubleVector.zero(S), s10 = DoubleVector.zero(S), s11 = DoubleVector.zero(S);
    DoubleVector s12 = DoubleVector.zero(S), s13 = DoubleVector.zero(S), s20 = DoubleVector.zero(S);
    DoubleVector s21 = DoubleVector.zero(S), s22 = DoubleVector.zero(S), s23 = DoubleVector.zero(S);
    DoubleVector s30 = DoubleVector.zero(S), s31 = DoubleVector.zero(S), s32 = DoubleVector.zero(S);
    DoubleVector s33 = DoubleVector.zero(S);
    for (int kk = kb; kk < ke; kk += L) {
      DoubleVector y0 = DoubleVector.fromArray(S, B, b0 + kk);
      DoubleVector y1 = DoubleVector.fromArray(S, B, b1 + kk);
      DoubleVector y2 = DoubleVector.fromArray(S, B, b2 + kk);
      DoubleVector y3 = DoubleVector.fromArray(S, B, b3 + kk);
      DoubleVector x = DoubleVector.fromArray(S, A, a0 + kk);
      s00 = x.fma(y0, s00);
      s01 = x.fma(y1, s01);
      s02 = x.fma(y2, s02);
      s03 = x.fma(y3, s03);
      x = DoubleVector.fromArray(S, A, a1 + kk);
      s10 = x.fma(y0, s10);
      s11 = x.fma(y1, s11);
      s12 = x.fma(y2, s12);
      s13 = x.fma(y3, s13);
      x = DoubleVector.fromArray(S, A, a2 + kk);
      s20 = x.fma(y0, s20);
      s21 = x.fma(y1, s21);
      s22 = x.fma(y2, s22);
      s23 = x.fma(y3, s23);
      x = DoubleVector.fromArray(S, A, a3 + kk);
      s30 = x.fma(y0, s30);
      s31 = x.fma(y1, s31);
      s32 = x.fma(y2, s32);
      s33 = x.fma(y3, s33);
    }
    int c0 = i * p + j;
    add(C, c0, s00, s01, s02, s03);
    add(C, c0 + p, s10, s11, s12, s13);
    add(C, c0 + 2 * p, s20, s21, s22, s23);
    add(C, c0 + 3 * p, s30, s31, s32, s33);
  }

  private static void add(double[] C, int c, DoubleVector s0, DoubleVector s1, DoubleVector s2, DoubleVector s3) {
    C[c] += s0.reduceLanes(VectorOperators.ADD);
    C[c + 1] += s1.reduceLanes(VectorOperators.ADD);
    C[c + 2] += s2.reduceLanes(VectorOperators.ADD);
    C[c + 3] += s3.reduceLanes(VectorOperators.ADD);
  }

  /** One element's reduced lane sum over the slice [kb, ke) of k, as in the tile. */
  private static double slice(double[] A, int ao, double[] B, int bo, int kb, int ke) {
    DoubleVector s = DoubleVector.zero(S);
    for (int kk = kb; kk < ke; kk += L) {
      s = DoubleVector.fromArray(S, A, ao + kk).fma(DoubleVector.fromArray(S, B, bo + kk), s);
    }
    return s.reduceLanes(VectorOperators.ADD);
  }
}
