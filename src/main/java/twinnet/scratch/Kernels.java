package twinnet.scratch;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import twinnet.model.Matrix;

/**
 * The fast matrix products of the scratch network, beside the reference {@link Matrix#dot} that a
 * learner reads. Three shapes cover a dense layer without materialising a transpose of the batch:
 *
 * <ul>
 *   <li>{@link #matmul}: C = A·B (Z = W·A_prev);
 *   <li>{@link #matmulNT}: C = A·Bᵀ (dW = dZ·A_prevᵀ);
 *   <li>{@link #matmulTN}: C = Aᵀ·B (dA_prev = Wᵀ·dZ; only the small W is transposed).
 * </ul>
 *
 * What makes them fast (measured: docs/performance.md): the Vector API kernels of
 * {@link VectorKernels} when the JVM has the module; otherwise no copies of the operands, a contiguous
 * inner loop (i-k-j order, which the JIT vectorises) with k unrolled by four, for A·Bᵀ a 2×4 tile of dot
 * products held in registers; and in both, rows of C split into blocks computed in parallel. Each element
 * of C is summed by one thread in a fixed order of k, so results are bit-identical for every thread
 * count.
 */
public final class Kernels {
  private Kernels() {}

  /** Whether this JVM has the Vector API (started with --add-modules jdk.incubator.vector). */
  public static final boolean VECTOR_API_PRESENT =
      ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

  private static volatile boolean useVector = VECTOR_API_PRESENT && !Boolean.getBoolean("twinnet.scalar");

  /** Whether the products use the Vector API kernels (when present) or the plain loops. */
  public static void useVectorApi(boolean on) {
    if (on && !VECTOR_API_PRESENT) {
      throw new IllegalStateException("the Vector API is not in this JVM: start it with --add-modules "
          + "jdk.incubator.vector");
    }
    useVector = on;
  }

  public static boolean usingVectorApi() {
    return useVector;
  }

  private static volatile int threads = Integer.getInteger("twinnet.threads",
      Runtime.getRuntime().availableProcessors());

  /** Columns (of C in A·B and Aᵀ·B) or depth (of A·Bᵀ) handled at a time, so their data stay in cache. */
  static final int BLOCK = 256;

  /** Below this many multiply-adds a product runs on the calling thread alone. */
  static final long PARALLEL_THRESHOLD = 1L << 18;

  /** How many threads the products use (at least 1). */
  public static void setThreads(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + n);
    }
    threads = n;
  }

  public static int threads() {
    return threads;
  }

  /** C = A·B, (n×k)·(k×p). */
  public static Matrix matmul(Matrix a, Matrix b) {
    double[] C = new double[a.rows() * b.cols()];
    matmulInto(a, b, C);
    return Matrix.adopt(a.rows(), b.cols(), C);
  }

  /**
   * C = A·B written into {@code C} (n·p long, its old content ignored): for a training step that reuses its
   * buffers. The same arithmetic as {@link #matmul}, so the same bits.
   */
  static void matmulInto(Matrix a, Matrix b, double[] C) {
    if (a.cols() != b.rows()) {
      throw new IllegalArgumentException("cannot multiply " + a.shape() + " by " + b.shape());
    }
    int n = a.rows();
    int k = a.cols();
    int p = b.cols();
    double[] A = a.backingArray();
    double[] B = b.backingArray();
    if (C.length != n * p) {
      throw new IllegalArgumentException("the result of " + a.shape() + "·" + b.shape() + " needs " + n * p + " places");
    }
    if (useVector) { // every element of C is written, none read
      if (p > 4 * n) { // a wide C (Z = W·A_prev over a batch): threads take blocks of columns
        int jw = VectorKernels.COLUMN_BLOCK;
        forRows((p + jw - 1) / jw, (long) n * k * p, (bFrom, bTo) -> VectorKernels.matmul(A, B, C, k, p, 0, n,
            bFrom * jw, Math.min(bTo * jw, p)));
      } else {
        forRows(n, (long) n * k * p, (from, to) -> VectorKernels.matmul(A, B, C, k, p, from, to));
      }
      return;
    }
    java.util.Arrays.fill(C, 0.0); // the plain loops add into C
    forRows(n, (long) n * k * p, (from, to) -> {
      for (int jb = 0; jb < p; jb += BLOCK) { // a block of columns of C and B stays in cache across rows i
        int je = Math.min(jb + BLOCK, p);
        for (int i = from; i < to; i++) {
          int ci = i * p;
          int ai = i * k;
          int kk = 0;
          for (; kk + 3 < k; kk += 4) { // C[i,jb:je] += A[i,kk..kk+3] · B[kk..kk+3,jb:je]
            double a0 = A[ai + kk];
            double a1 = A[ai + kk + 1];
            double a2 = A[ai + kk + 2];
            double a3 = A[ai + kk + 3];
            int b0 = kk * p;
            int b1 = b0 + p;
            int b2 = b1 + p;
            int b3 = b2 + p;
            for (int j = jb; j < je; j++) {
              C[ci + j] += a0 * B[b0 + j] + a1 * B[b1 + j] + a2 * B[b2 + j] + a3 * B[b3 + j];
            }
          }
          for (; kk < k; kk++) {
            double av = A[ai + kk];
            int bk = kk * p;
            for (int j = jb; j < je; j++) {
              C[ci + j] += av * B[bk + j];
            }
          }
        }
      }
    });
  }

  /** C = A·Bᵀ, (n×k)·(p×k)ᵀ: each C[i,j] is a dot product of two contiguous rows. */
  public static Matrix matmulNT(Matrix a, Matrix b) {
    if (a.cols() != b.cols()) {
      throw new IllegalArgumentException("cannot multiply " + a.shape() + " by the transpose of " + b.shape());
    }
    int n = a.rows();
    int k = a.cols();
    int p = b.rows();
    double[] A = a.backingArray();
    double[] B = b.backingArray();
    double[] C = new double[n * p];
    if (useVector) {
      forRows(n, (long) n * k * p, (from, to) -> VectorKernels.matmulNT(A, B, C, k, p, from, to));
      return Matrix.adopt(n, p, C);
    }
    forRows(n, (long) n * k * p, (from, to) -> {
      for (int kb = 0; kb < k; kb += BLOCK) { // a slice of k at a time: those columns of B stay in cache
        int ke = Math.min(kb + BLOCK, k);
        ntBlock(A, B, C, from, to, k, p, kb, ke);
      }
    });
    return Matrix.adopt(n, p, C);
  }

  /** Adds Σ_{kk in [kb, ke)} A[i,kk]·B[j,kk] to C[i,j] for rows [from, to). */
  private static void ntBlock(double[] A, double[] B, double[] C, int from, int to, int k, int p, int kb, int ke) {
    {
      int i = from;
      for (; i + 1 < to; i += 2) { // two rows of A against four rows of B: 8 sums held in registers
        int a0 = i * k;
        int a1 = a0 + k;
        int j = 0;
        for (; j + 3 < p; j += 4) {
          int b0 = j * k;
          int b1 = b0 + k;
          int b2 = b1 + k;
          int b3 = b2 + k;
          int c0 = i * p + j;
          int c1 = c0 + p;
          double s00 = C[c0], s01 = C[c0 + 1], s02 = C[c0 + 2], s03 = C[c0 + 3];
          double s10 = C[c1], s11 = C[c1 + 1], s12 = C[c1 + 2], s13 = C[c1 + 3];
          for (int kk = kb; kk < ke; kk++) {
            double x0 = A[a0 + kk];
            double x1 = A[a1 + kk];
            double y0 = B[b0 + kk];
            double y1 = B[b1 + kk];
            double y2 = B[b2 + kk];
            double y3 = B[b3 + kk];
            s00 += x0 * y0;
            s01 += x0 * y1;
            s02 += x0 * y2;
            s03 += x0 * y3;
            s10 += x1 * y0;
            s11 += x1 * y1;
            s12 += x1 * y2;
            s13 += x1 * y3;
          }
          C[c0] = s00;
          C[c0 + 1] = s01;
          C[c0 + 2] = s02;
          C[c0 + 3] = s03;
          C[c1] = s10;
          C[c1 + 1] = s11;
          C[c1 + 2] = s12;
          C[c1 + 3] = s13;
        }
        for (; j < p; j++) {
          C[i * p + j] = dot(C[i * p + j], A, a0, B, j * k, kb, ke);
          C[(i + 1) * p + j] = dot(C[(i + 1) * p + j], A, a1, B, j * k, kb, ke);
        }
      }
      for (; i < to; i++) {
        for (int j = 0; j < p; j++) {
          C[i * p + j] = dot(C[i * p + j], A, i * k, B, j * k, kb, ke);
        }
      }
    }
  }

  /**
   * C = Aᵀ·B, (k×n)ᵀ·(k×p). In a network A is the weights W, small next to the batch B = dZ: forming Wᵀ
   * costs O(n·k) against the product's O(n·k·p), and then the fast A·B serves.
   */
  public static Matrix matmulTN(Matrix a, Matrix b) {
    if (a.rows() != b.rows()) {
      throw new IllegalArgumentException("cannot multiply the transpose of " + a.shape() + " by " + b.shape());
    }
    return matmul(a.transpose(), b);
  }

  /**
   * Rows of A summed together in {@link #matmulTNTall} (the blocks' sums then added in order), transposed
   * {@link #TALL_SLICE} at a time: a slice's transposes stay in L1.
   */
  static final int TALL_BLOCK = 1024;
  static final int TALL_SLICE = 64;

  /**
   * C = Aᵀ·B for a tall A, whose rows (k) far outnumber C's entries: im2col's dW = colsᵀ·dZ, k = m·n_H·n_W. A
   * slice of {@link #TALL_SLICE} rows of A and B at a time is transposed in cache and multiplied by the A·Bᵀ kernel
   * (dot products of contiguous rows); blocks of {@link #TALL_BLOCK} rows are shared between threads, their sums
   * added in block order: the same numbers whatever the number of threads. ({@link #matmulTN} transposes all of A first, which for a tall A costs
   * more than the product.)
   */
  public static Matrix matmulTNTall(Matrix a, Matrix b) {
    if (a.rows() != b.rows()) {
      throw new IllegalArgumentException("cannot multiply the transpose of " + a.shape() + " by " + b.shape());
    }
    int k = a.rows();
    int n = a.cols();
    int p = b.cols();
    int blocks = Math.max(1, (k + TALL_BLOCK - 1) / TALL_BLOCK);
    double[][] part = new double[blocks][];
    double[] A = a.backingArray();
    double[] B = b.backingArray();
    forRows(blocks, (long) k * n * p, (from, to) -> {
      double[] at = new double[n * TALL_SLICE];
      double[] bt = new double[p * TALL_SLICE];
      for (int blk = from; blk < to; blk++) {
        double[] c = new double[n * p];
        for (int r0 = blk * TALL_BLOCK; r0 < Math.min(k, (blk + 1) * TALL_BLOCK); r0 += TALL_SLICE) {
          int len = Math.min(k, r0 + TALL_SLICE) - r0;
          transposeRows(A, n, r0, len, at);
          transposeRows(B, p, r0, len, bt);
          if (useVector) { // C += the slice's Aᵀ·B, as dot products of the transposes' rows
            VectorKernels.matmulNT(at, bt, c, len, p, 0, n);
          } else {
            ntBlock(at, bt, c, 0, n, len, p, 0, len);
          }
        }
        part[blk] = c;
      }
    });
    double[] c = part[0];
    for (int blk = 1; blk < blocks; blk++) {
      for (int i = 0; i < c.length; i++) {
        c[i] += part[blk][i];
      }
    }
    return Matrix.adopt(n, p, c);
  }

  /** C[from..to) += rows [from, to) of A·Bᵀ, (n×k)·(p×k)ᵀ, on the calling thread: {@link #matmulNT}'s arithmetic. */
  static void matmulNTRows(double[] A, double[] B, double[] C, int k, int p, int from, int to) {
    if (useVector) {
      VectorKernels.matmulNT(A, B, C, k, p, from, to);
      return;
    }
    for (int kb = 0; kb < k; kb += BLOCK) {
      ntBlock(A, B, C, from, to, k, p, kb, Math.min(kb + BLOCK, k));
    }
  }

  // out[j, r] = X[r0 + r, j] for r < len: rows [r0, r0 + len) of an (… × width) matrix, transposed, len × width
  private static void transposeRows(double[] X, int width, int r0, int len, double[] out) {
    for (int r = 0; r < len; r++) {
      int xo = (r0 + r) * width;
      for (int j = 0; j < width; j++) {
        out[j * len + r] = X[xo + j];
      }
    }
  }

  /** C = Aᵀ·B written into {@code C}: {@link #matmulTN}'s arithmetic, into a reused buffer. */
  static void matmulTNInto(Matrix a, Matrix b, double[] C) {
    if (a.rows() != b.rows()) {
      throw new IllegalArgumentException("cannot multiply the transpose of " + a.shape() + " by " + b.shape());
    }
    matmulInto(a.transpose(), b, C);
  }

  /** s + Σ_{kk in [kb, ke)} x[xo + kk]·y[yo + kk], in order: the same summation as the tiled loop. */
  private static double dot(double s, double[] x, int xo, double[] y, int yo, int kb, int ke) {
    for (int kk = kb; kk < ke; kk++) {
      s += x[xo + kk] * y[yo + kk];
    }
    return s;
  }

  interface RowRange {
    void run(int from, int to);
  }

  /** Runs rows [0, n) in equal blocks, one per thread; the calling thread takes the first. */
  static void forRows(int n, long work, RowRange body) {
    int t = Math.min(threads, n);
    if (t <= 1 || work < PARALLEL_THRESHOLD) {
      body.run(0, n);
      return;
    }
    Future<?>[] rest = new Future<?>[t - 1];
    for (int c = 1; c < t; c++) {
      int from = (int) ((long) n * c / t);
      int to = (int) ((long) n * (c + 1) / t);
      rest[c - 1] = ForkJoinPool.commonPool().submit(() -> body.run(from, to));
    }
    body.run(0, (int) ((long) n / t));
    for (Future<?> f : rest) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      }
    }
  }
}
