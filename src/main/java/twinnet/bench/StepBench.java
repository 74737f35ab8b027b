package twinnet.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import twinnet.dl4j.Dl4jNetwork;
import twinnet.model.Activation;
import twinnet.model.Initializer;
import twinnet.model.Loss;
import twinnet.model.Matrix;
import twinnet.model.NetworkSpec;
import twinnet.model.Parameters;
import twinnet.scratch.Initialization;
import twinnet.scratch.Kernels;
import twinnet.scratch.ScratchNetwork;

/**
 * Times one full-batch training step of the scratch network and of the DL4J twin, interleaved, after
 * warm-up, in this process (whose DL4J thread count is fixed by OMP_NUM_THREADS at start), and ND4J's
 * own double GEMM on the same shapes as the ceiling.
 */
public final class StepBench {
  private StepBench() {}

  /**
   * A size of the issue: m examples, layer sizes, how many timed rounds, and the steps of each side in a
   * round. Sides alternate round by round; a tiny step (microseconds) is timed in rounds of 100, so that
   * it is not measured right after a DL4J step has evicted it from the caches, and above the timer's
   * resolution.
   */
  public record Size(String name, int m, int[] layers, int reps, int stepsPerRound) {}

  public static final List<Size> SIZES = List.of(
      new Size("tiny", 20, new int[] {1, 8, 1}, 60, 100),
      new Size("medium", 4096, new int[] {16, 64, 64, 1}, 40, 1),
      new Size("large", 16384, new int[] {64, 256, 256, 1}, 7, 1));

  /** Medians and ranges in milliseconds, rates in GFLOP/s (2 flops per multiply-add). */
  public record Result(String size, int threads, double scratchMedianMs, double scratchMinMs, double scratchMaxMs,
      double dl4jMedianMs, double dl4jMinMs, double dl4jMaxMs, double ratio, double scratchGemmGflops,
      Ceiling ceiling, long scratchBytesPerStep, double dl4jFloatMedianMs, double floatSpeedup) {
    /** The scratch step's GEMM-equivalent rate as a share of ND4J's DGEMM on the same products. */
    public double shareOfCeiling() {
      return scratchGemmGflops / ceiling.gflops();
    }
  }

  /** Multiply-adds of a step's products: forward W·A for every layer, dW for every layer, dA_prev above layer 1. */
  static long multiplyAdds(int m, int[] layers) {
    long total = 0;
    for (int l = 1; l < layers.length; l++) {
      long mac = (long) layers[l] * layers[l - 1] * m;
      total += l == 1 ? 2 * mac : 3 * mac;
    }
    return total;
  }

  public static Result run(Size size, int threads) {
    Kernels.setThreads(threads);
    NetworkSpec spec = NetworkSpec.of(size.layers(), Activation.RELU, Activation.IDENTITY, Loss.HALF_MSE);
    Random r = new Random(7);
    Matrix X = gaussian(r, size.layers()[0], size.m());
    Matrix Y = gaussian(r, 1, size.m());
    Parameters p = Initialization.initializeParametersDeep(spec.layers(), Initializer.HE, 3);
    ScratchNetwork scratch = new ScratchNetwork(spec, p);
    Dl4jNetwork twin = Dl4jNetwork.withParameters(spec, p);
    Dl4jNetwork twinFloat = Dl4jNetwork.withParameters(spec, p, DataType.FLOAT);
    double lr = 1e-3;
    int k = size.stepsPerRound();
    int warm = size.reps() * k; // as many warm-up steps as timed ones: the JIT compiles both sides first
    for (int i = 0; i < warm; i++) {
      scratch.step(X, Y, lr);
      twin.step(X, Y, lr);
      twinFloat.step(X, Y, lr);
    }
    double[] a = new double[size.reps()];
    double[] b = new double[size.reps()];
    double[] f = new double[size.reps()];
    var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long bytes = 0;
    for (int i = 0; i < size.reps(); i++) {
      settle(size);
      long before = mx.getCurrentThreadAllocatedBytes();
      long t0 = System.nanoTime();
      for (int s = 0; s < k; s++) {
        scratch.step(X, Y, lr);
      }
      long t1 = System.nanoTime();
      bytes += mx.getCurrentThreadAllocatedBytes() - before;
      settle(size);
      long t2 = System.nanoTime();
      for (int s = 0; s < k; s++) {
        twin.step(X, Y, lr);
      }
      long t3 = System.nanoTime();
      settle(size);
      long t4 = System.nanoTime();
      for (int s = 0; s < k; s++) {
        twinFloat.step(X, Y, lr);
      }
      long t5 = System.nanoTime();
      a[i] = (t1 - t0) / 1e6 / k;
      b[i] = (t3 - t2) / 1e6 / k;
      f[i] = (t5 - t4) / 1e6 / k;
    }
    long macs = multiplyAdds(size.m(), size.layers());
    double sMed = median(a);
    double dMed = median(b);
    return new Result(size.name(), threads, sMed, min(a), max(a), dMed, min(b), max(b), sMed / dMed,
        2.0 * macs / (sMed * 1e6), nd4jCeiling(size, threads), bytes / ((long) size.reps() * k), median(f),
        dMed / median(f));
  }

  /**
   * A pause before each side's timed steps: DL4J's OpenMP threads spin-wait for a while after their work,
   * and would otherwise take the cores from the side timed next (the scratch step measured right after a
   * DL4J step was 40% slower than alone). A tiny step (microseconds, in rounds of 100) needs none.
   */
  private static void settle(Size size) {
    if (size.stepsPerRound() == 1) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** One product of the step, its GEMM rate measured by ND4J: "W2·A1 (256×256)·(256×16384)", GFLOP/s. */
  public record Product(String name, long multiplyAdds, double medianMs, double gflops) {}

  /** The ceiling: ND4J's DGEMM on each of the step's products, and on all of them in a row. */
  public record Ceiling(List<Product> products, double totalMs, double gflops, String warning) {}

  /**
   * ND4J's double GEMM on each product of the scratch step, in the course's shapes (Z = W·A_prev,
   * dW = dZ·A_prevᵀ, dA_prev = Wᵀ·dZ), the way BLAS wants them: column-major ('f') operands, the transposes
   * passed as flags, results written into preallocated 'f' outputs ({@code Nd4j.gemm}), so that nothing is
   * copied or allocated in the timed loop. A rate below 1 GFLOP/s per thread on products this large is
   * implausible for a BLAS and is flagged.
   */
  static Ceiling nd4jCeiling(Size size, int threads) {
    int m = size.m();
    int[] n = size.layers();
    List<String> names = new ArrayList<>();
    List<INDArray[]> ops = new ArrayList<>(); // {A, B, C} with flags in tA/tB
    List<boolean[]> flags = new ArrayList<>();
    List<Long> macs = new ArrayList<>();
    for (int l = 1; l < n.length; l++) {
      INDArray W = Nd4j.rand(DataType.DOUBLE, n[l], n[l - 1]).dup('f');
      INDArray A = Nd4j.rand(DataType.DOUBLE, n[l - 1], m).dup('f');
      INDArray dZ = Nd4j.rand(DataType.DOUBLE, n[l], m).dup('f');
      long mac = (long) n[l] * n[l - 1] * m;
      names.add("Z" + l + " = W" + l + "·A" + (l - 1) + " (" + n[l] + "×" + n[l - 1] + ")·(" + n[l - 1] + "×" + m + ")");
      ops.add(new INDArray[] {W, A, Nd4j.createUninitialized(DataType.DOUBLE, new long[] {n[l], m}, 'f')});
      flags.add(new boolean[] {false, false});
      macs.add(mac);
      names.add("dW" + l + " = dZ" + l + "·A" + (l - 1) + "ᵀ (" + n[l] + "×" + m + ")·(" + m + "×" + n[l - 1] + ")");
      ops.add(new INDArray[] {dZ, A, Nd4j.createUninitialized(DataType.DOUBLE, new long[] {n[l], n[l - 1]}, 'f')});
      flags.add(new boolean[] {false, true});
      macs.add(mac);
      if (l > 1) {
        names.add("dA" + (l - 1) + " = W" + l + "ᵀ·dZ" + l + " (" + n[l - 1] + "×" + n[l] + ")·(" + n[l] + "×" + m + ")");
        ops.add(new INDArray[] {W, dZ, Nd4j.createUninitialized(DataType.DOUBLE, new long[] {n[l - 1], m}, 'f')});
        flags.add(new boolean[] {true, false});
        macs.add(mac);
      }
    }
    return timeGemms(names, ops, flags, macs, Math.max(5, size.reps()), threads);
  }

  /**
   * ND4J's DGEMM on each of {@code ops} ({A, B, C}, C = op(A)·op(B) with the transposes in {@code flags}), and on
   * all of them in a row: the median of {@code reps} rounds after 3 warm-up rounds.
   */
  static Ceiling timeGemms(List<String> names, List<INDArray[]> ops, List<boolean[]> flags, List<Long> macs,
      int reps, int threads) {
    double[][] t = new double[ops.size()][reps];
    double[] total = new double[reps];
    for (int i = -3; i < reps; i++) {
      long start = System.nanoTime();
      for (int o = 0; o < ops.size(); o++) {
        INDArray[] x = ops.get(o);
        long t0 = System.nanoTime();
        Nd4j.gemm(x[0], x[1], x[2], flags.get(o)[0], flags.get(o)[1], 1.0, 0.0);
        if (i >= 0) {
          t[o][i] = (System.nanoTime() - t0) / 1e6;
        }
      }
      if (i >= 0) {
        total[i] = (System.nanoTime() - start) / 1e6;
      }
    }
    List<Product> products = new ArrayList<>();
    long all = 0;
    for (int o = 0; o < ops.size(); o++) {
      double ms = median(t[o]);
      products.add(new Product(names.get(o), macs.get(o), ms, 2.0 * macs.get(o) / (ms * 1e6)));
      all += macs.get(o);
    }
    double gflops = 2.0 * all / (median(total) * 1e6);
    String warning = all > 100_000_000L && gflops < threads
        ? String.format("ND4J's DGEMM reached only %.2f GFLOP/s on %d thread(s): implausibly low for a BLAS on "
            + "products this large; check OMP_NUM_THREADS and the BLAS ND4J loaded", gflops, threads) : null;
    return new Ceiling(products, median(total), gflops, warning);
  }

  private static Matrix gaussian(Random r, int rows, int cols) {
    double[] v = new double[rows * cols];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextGaussian();
    }
    return Matrix.of(rows, cols, v);
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  static double min(double[] v) {
    return Arrays.stream(v).min().orElse(Double.NaN);
  }

  static double max(double[] v) {
    return Arrays.stream(v).max().orElse(Double.NaN);
  }
}
