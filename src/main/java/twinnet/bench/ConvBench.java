package twinnet.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import twinnet.bench.StepBench.Ceiling;
import twinnet.cases.Case;
import twinnet.cases.CaseParser;
import twinnet.cases.CaseRunner;
import twinnet.data.Dataset;
import twinnet.dl4j.ConvConventions;
import twinnet.dl4j.Dl4jConvLayers;
import twinnet.dl4j.Dl4jNetwork;
import twinnet.model.Matrix;
import twinnet.model.Parameters;
import twinnet.model.Tensor4;
import twinnet.scratch.Convolution;
import twinnet.scratch.Convolution.ConvParams;
import twinnet.scratch.ConvolutionFast;
import twinnet.scratch.ConvNetwork;
import twinnet.scratch.Kernels;

/**
 * The convolution rows of {@code twinnet bench}: one conv layer forward and backward (the A (64, 32, 32, 16)
 * → 32 filters 3 × 3, pad 1, stride 1), the scratch network's im2col form against DL4J's ConvolutionLayer in its
 * own NHWC layout, with ND4J's DGEMM on the same three products as the ceiling and the notebook's loops (in Java)
 * on a few examples; and one training step of the shipped image classifier (compare/conv-image-classifier.json) on
 * its mini-batch, scratch against the twin.
 */
public final class ConvBench {
  private ConvBench() {}

  /** The layer: m, n_H_prev, n_W_prev, n_C_prev, f, n_C, pad, stride; the loops run on {@link #LOOP_M} examples. */
  static final int M = 64, H = 32, W = 32, C = 16, F = 3, N_C = 32, PAD = 1, STRIDE = 1;
  static final int LOOP_M = 2;

  /**
   * One row: medians and ranges in milliseconds; {@code loopsMsPerExample} the notebook's loops in Java per example
   * (NaN where not timed); the ceiling null where none is measured.
   */
  public record Result(String name, int threads, String shape, double scratchMedianMs, double scratchMinMs,
      double scratchMaxMs, double dl4jMedianMs, double dl4jMinMs, double dl4jMaxMs, double ratio,
      long multiplyAdds, double scratchGflops, double loopsMsPerExample, Ceiling ceiling) {}

  static Tensor4 gaussian(Random r, int d0, int d1, int d2, int d3, double scale) {
    double[] v = new double[d0 * d1 * d2 * d3];
    for (int i = 0; i < v.length; i++) {
      v[i] = scale * r.nextGaussian();
    }
    return Tensor4.adopt(d0, d1, d2, d3, v);
  }

  /** The conv layer, forward and backward, {@code reps} timed rounds after as many warm-up ones. */
  public static Result layer(int threads, int reps) {
    Kernels.setThreads(threads);
    Random r = new Random(11);
    Tensor4 A = gaussian(r, M, H, W, C, 1);
    Tensor4 Wt = gaussian(r, F, F, C, N_C, Math.sqrt(2.0 / (F * F * C)));
    Tensor4 b = gaussian(r, 1, 1, 1, N_C, 0.1);
    ConvParams hp = new ConvParams(STRIDE, PAD);
    int nH = Convolution.outputSize(H, F, PAD, STRIDE);
    int nW = Convolution.outputSize(W, F, PAD, STRIDE);
    Tensor4 dZ = gaussian(r, M, nH, nW, N_C, 1);
    MultiLayerNetwork net = Dl4jConvLayers.convNetwork(Wt, b, STRIDE, PAD, H, W, CNN2DFormat.NHWC);
    INDArray in = ConvConventions.toDl4jImages(A, CNN2DFormat.NHWC);
    INDArray eps = ConvConventions.toDl4jImages(dZ, CNN2DFormat.NHWC);
    double[] s = new double[reps];
    double[] d = new double[reps];
    Matrix reused = null; // the scratch network's steps write over their last im2col matrix (ConvNetwork.backprop)
    for (int i = -reps; i < reps; i++) {
      long t0 = System.nanoTime();
      ConvolutionFast.Pass f = ConvolutionFast.convForwardKeepingCols(A, Wt, b, hp, reused);
      reused = f.cols();
      ConvolutionFast.convBackward(dZ, f.cache(), f.cols());
      long t1 = System.nanoTime();
      pause();
      long t2 = System.nanoTime();
      Dl4jConvLayers.forwardBackward(net, in, eps);
      long t3 = System.nanoTime();
      pause();
      if (i >= 0) {
        s[i] = (t1 - t0) / 1e6;
        d[i] = (t3 - t2) / 1e6;
      }
    }
    // the notebook's loops, in Java, on LOOP_M examples (they take about a second per example here)
    Tensor4 few = Tensor4.of(LOOP_M, H, W, C, java.util.Arrays.copyOf(A.backingArray(), LOOP_M * H * W * C));
    Tensor4 fewDZ = Tensor4.of(LOOP_M, nH, nW, N_C, java.util.Arrays.copyOf(dZ.backingArray(), LOOP_M * nH * nW
        * N_C));
    Convolution.convBackward(fewDZ, Convolution.convForward(few, Wt, b, hp)); // warm-up
    long l0 = System.nanoTime();
    Convolution.convBackward(fewDZ, Convolution.convForward(few, Wt, b, hp));
    double loops = (System.nanoTime() - l0) / 1e6 / LOOP_M;
    long rows = (long) M * nH * nW;
    long mac = rows * F * F * C * N_C;
    String cols = "cols (" + rows + "×" + F * F * C + ")";
    String w = "W (" + F * F * C + "×" + N_C + ")";
    String dz = "dZ (" + rows + "×" + N_C + ")";
    List<String> names = List.of("Z = " + cols + "·" + w, "dW = colsᵀ·" + dz, "dcols = " + dz + "·Wᵀ");
    List<INDArray[]> ops = new ArrayList<>();
    INDArray colsA = Nd4j.rand(DataType.DOUBLE, rows, F * F * C).dup('f');
    INDArray wA = Nd4j.rand(DataType.DOUBLE, F * F * C, N_C).dup('f');
    INDArray dzA = Nd4j.rand(DataType.DOUBLE, rows, N_C).dup('f');
    ops.add(new INDArray[] {colsA, wA, Nd4j.createUninitialized(DataType.DOUBLE, new long[] {rows, N_C}, 'f')});
    ops.add(new INDArray[] {colsA, dzA, Nd4j.createUninitialized(DataType.DOUBLE, new long[] {F * F * C, N_C},
        'f')});
    ops.add(new INDArray[] {dzA, wA, Nd4j.createUninitialized(DataType.DOUBLE, new long[] {rows, F * F * C}, 'f')});
    List<boolean[]> flags = List.of(new boolean[] {false, false}, new boolean[] {true, false},
        new boolean[] {false, true});
    Ceiling ceiling = StepBench.timeGemms(names, ops, flags, List.of(mac, mac, mac), Math.max(5, reps), threads);
    double sMed = StepBench.median(s);
    return new Result("conv layer", threads, "A (" + M + ", " + H + ", " + W + ", " + C + ") → " + N_C + " filters "
        + F + "×" + F + ", pad " + PAD + ", stride " + STRIDE, sMed, StepBench.min(s), StepBench.max(s),
        StepBench.median(d), StepBench.min(d), StepBench.max(d), sMed / StepBench.median(d), 3 * mac, 2.0 * 3 * mac
        / (sMed * 1e6), loops, ceiling);
  }

  /** One training step of the shipped image classifier on its first mini-batch, scratch against the twin. */
  public static Result classifier(int threads, int reps, java.nio.file.Path caseFile) {
    Kernels.setThreads(threads);
    Case c = CaseParser.read(caseFile);
    Dataset all = CaseRunner.data(c);
    int batch = c.optimizer().batchSize() != null ? Math.min(c.optimizer().batchSize(), all.examples()) : all.examples();
    Matrix X = all.X().columns(0, batch);
    Matrix Y = all.Y().columns(0, batch);
    Parameters p = CaseRunner.initialParameters(c);
    ConvNetwork scratch = new ConvNetwork(c.convs(), c.spec(), p, c.optimizer().rule());
    Dl4jNetwork twin = Dl4jNetwork.withParameters(c.convs(), c.spec(), p, c.optimizer().rule(), batch);
    double lr = c.optimizer().learningRate();
    int k = 20; // steps per round: a step is a fraction of a millisecond
    double[] s = new double[reps];
    double[] d = new double[reps];
    for (int i = -reps; i < reps; i++) {
      long t0 = System.nanoTime();
      for (int j = 0; j < k; j++) {
        scratch.step(X, Y, lr);
      }
      long t1 = System.nanoTime();
      for (int j = 0; j < k; j++) {
        twin.step(X, Y, lr);
      }
      long t2 = System.nanoTime();
      if (i >= 0) {
        s[i] = (t1 - t0) / 1e6 / k;
        d[i] = (t2 - t1) / 1e6 / k;
      }
    }
    double sMed = StepBench.median(s);
    return new Result("image classifier step", threads, c.name() + ", batch of " + batch + ": "
        + c.convs().describe(), sMed, StepBench.min(s), StepBench.max(s), StepBench.median(d), StepBench.min(d), StepBench.max(d), sMed / StepBench
        .median(d), 0, Double.NaN, Double.NaN, null);
  }

  private static void pause() {
    try {
      Thread.sleep(100); // DL4J's OpenMP threads spin after their work: let them settle (StepBench.settle)
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
