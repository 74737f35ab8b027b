package twinnet.scratch;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import twinnet.model.Matrix;

/**
 * The fast matrix products of the scratch network, beside the reference {@link Matrix#dot} that a
 * learner reads. Three shapes cover a dense layer without ever materialising a transpose:
 *
 * <ul>
 *   <li>{@link #matmul}: C = A·B (Z = W·A_prev);
 *   <li>{@link #matmulNT}: C = A·Bᵀ (dW = dZ·A_prevᵀ);
 *   <li>{@link #matmulTN}: C = Aᵀ·B (dA_prev = Wᵀ·dZ).
 * </ul>
 *
 * What makes them fast (measured, see the README's performance section): a contiguous inner loop (i-k-j
 * order, which the JIT vectorises), k unrolled by four, and rows of C split into blocks computed in
 * parallel. Each element of C is summed by one thread in a fixed order of k, so results are
 * bit-identical for every thread count.
 */
public final class Kernels {
  private Kernels() {}

  private static volatile int threads = Integer.getInteger("twinnet.threads",
      Runtime.getRuntime().availableProcessors());

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
    if (a.cols() != b.rows()) {
      throw new IllegalArgumentException("cannot multiply " + a.shape() + " by " + b.shape());
    }
    int n = a.rows();
    int k = a.cols();
    int p = b.cols();
    double[] A = a.toRowMajor();
    double[] B = b.toRowMajor();
    double[] C = new double[n * p];
    forRows(n, (long) n * k * p, (from, to) -> {
      for (int i = from; i < to; i++) {
        int ci = i * p;
        int ai = i * k;
        int kk = 0;
        for (; kk + 3 < k; kk += 4) { // C[i,:] += A[i,kk..kk+3] · B[kk..kk+3,:]
          double a0 = A[ai + kk];
          double a1 = A[ai + kk + 1];
          double a2 = A[ai + kk + 2];
          double a3 = A[ai + kk + 3];
          int b0 = kk * p;
          int b1 = b0 + p;
          int b2 = b1 + p;
          int b3 = b2 + p;
          for (int j = 0; j < p; j++) {
            C[ci + j] += a0 * B[b0 + j] + a1 * B[b1 + j] + a2 * B[b2 + j] + a3 * B[b3 + j];
          }
        }
        for (; kk < k; kk++) {
          double av = A[ai + kk];
          int bk = kk * p;
          for (int j = 0; j < p; j++) {
            C[ci + j] += av * B[bk + j];
          }
        }
      }
    });
    return Matrix.of(n, p, C);
  }

  /** C = A·Bᵀ, (n×k)·(p×k)ᵀ: each C[i,j] is a dot product of two contiguous rows. */
  public static Matrix matmulNT(Matrix a, Matrix b) {
    if (a.cols() != b.cols()) {
      throw new IllegalArgumentException("cannot multiply " + a.shape() + " by the transpose of " + b.shape());
    }
    int n = a.rows();
    int k = a.cols();
    int p = b.rows();
    double[] A = a.toRowMajor();
    double[] B = b.toRowMajor();
    double[] C = new double[n * p];
    forRows(n, (long) n * k * p, (from, to) -> {
      for (int i = from; i < to; i++) {
        int ai = i * k;
        for (int j = 0; j < p; j++) {
          int bj = j * k;
          double s0 = 0;
          double s1 = 0;
          double s2 = 0;
          double s3 = 0;
          int kk = 0;
          for (; kk + 3 < k; kk += 4) {
            s0 += A[ai + kk] * B[bj + kk];
            s1 += A[ai + kk + 1] * B[bj + kk + 1];
            s2 += A[ai + kk + 2] * B[bj + kk + 2];
            s3 += A[ai + kk + 3] * B[bj + kk + 3];
          }
          for (; kk < k; kk++) {
            s0 += A[ai + kk] * B[bj + kk];
          }
          C[i * p + j] = (s0 + s1) + (s2 + s3);
        }
      }
    });
    return Matrix.of(n, p, C);
  }

  /** C = Aᵀ·B, (k×n)ᵀ·(k×p): row i of C accumulates A[kk,i]·B[kk,:] over kk, contiguous in j. */
  public static Matrix matmulTN(Matrix a, Matrix b) {
    if (a.rows() != b.rows()) {
      throw new IllegalArgumentException("cannot multiply the transpose of " + a.shape() + " by " + b.shape());
    }
    int k = a.rows();
    int n = a.cols();
    int p = b.cols();
    double[] A = a.toRowMajor();
    double[] B = b.toRowMajor();
    double[] C = new double[n * p];
    forRows(n, (long) n * k * p, (from, to) -> {
      for (int i = from; i < to; i++) {
        int ci = i * p;
        for (int kk = 0; kk < k; kk++) {
          double av = A[kk * n + i];
          int bk = kk * p;
          for (int j = 0; j < p; j++) {
            C[ci + j] += av * B[bk + j];
          }
        }
      }
    });
    return Matrix.of(n, p, C);
  }

  private interface RowRange {
    void run(int from, int to);
  }

  /** Runs rows [0, n) in equal blocks, one per thread; the calling thread takes the first. */
  private static void forRows(int n, long work, RowRange body) {
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
