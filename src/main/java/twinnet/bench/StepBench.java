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
      double nd4jGemmGflops, long scratchBytesPerStep, double dl4jFloatMedianMs, double floatSpeedup) {}

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
      long before = mx.getCurrentThreadAllocatedBytes();
      long t0 = System.nanoTime();
      for (int s = 0; s < k; s++) {
        scratch.step(X, Y, lr);
      }
      long t1 = System.nanoTime();
      bytes += mx.getCurrentThreadAllocatedBytes() - before;
      for (int s = 0; s < k; s++) {
        twin.step(X, Y, lr);
      }
      long t2 = System.nanoTime();
      for (int s = 0; s < k; s++) {
        twinFloat.step(X, Y, lr);
      }
      long t3 = System.nanoTime();
      a[i] = (t1 - t0) / 1e6 / k;
      b[i] = (t2 - t1) / 1e6 / k;
      f[i] = (t3 - t2) / 1e6 / k;
    }
    long macs = multiplyAdds(size.m(), size.layers());
    double sMed = median(a);
    double dMed = median(b);
    return new Result(size.name(), threads, sMed, min(a), max(a), dMed, min(b), max(b), sMed / dMed,
        2.0 * macs / (sMed * 1e6), nd4jGemmGflops(size), bytes / ((long) size.reps() * k), median(f),
        dMed / median(f));
  }

  /** ND4J's double GEMM on every product of the step (the ceiling): 2·multiply-adds ÷ median time. */
  static double nd4jGemmGflops(Size size) {
    int m = size.m();
    int[] n = size.layers();
    List<INDArray[]> products = new ArrayList<>();
    for (int l = 1; l < n.length; l++) {
      // DL4J's layouts: Z = A_prev·W ([m, n_{l−1}]·[n_{l−1}, n_l]), dW = A_prevᵀ·dZ, dA_prev = dZ·Wᵀ
      products.add(new INDArray[] {Nd4j.rand(DataType.DOUBLE, m, n[l - 1]), Nd4j.rand(DataType.DOUBLE, n[l - 1], n[l])});
      products.add(new INDArray[] {Nd4j.rand(DataType.DOUBLE, n[l - 1], m), Nd4j.rand(DataType.DOUBLE, m, n[l])});
      if (l > 1) {
        products.add(new INDArray[] {Nd4j.rand(DataType.DOUBLE, m, n[l]), Nd4j.rand(DataType.DOUBLE, n[l], n[l - 1])});
      }
    }
    int reps = Math.max(5, size.reps());
    double[] t = new double[reps];
    for (int i = -3; i < reps; i++) {
      long t0 = System.nanoTime();
      for (INDArray[] ab : products) {
        ab[0].mmul(ab[1]);
      }
      if (i >= 0) {
        t[i] = (System.nanoTime() - t0) / 1e6;
      }
    }
    return 2.0 * multiplyAdds(m, n) / (median(t) * 1e6);
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

  private static double min(double[] v) {
    return Arrays.stream(v).min().orElse(Double.NaN);
  }

  private static double max(double[] v) {
    return Arrays.stream(v).max().orElse(Double.NaN);
  }
}
