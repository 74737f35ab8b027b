package twinnet.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import twinnet.cases.CaseParser;
import twinnet.cases.CharText;
import twinnet.cases.RecurrentCase;
import twinnet.cases.RecurrentRunner;
import twinnet.dl4j.Dl4jCharModel;
import twinnet.dl4j.Dl4jRnnLayers;
import twinnet.model.Matrix;
import twinnet.scratch.CharModel;
import twinnet.scratch.Kernels;
import twinnet.scratch.Recurrent;
import twinnet.scratch.RecurrentFast;

/**
 * The recurrent rows of {@code twinnet bench}: an LSTM layer forward and backward (the n_x 64, n_a 128,
 * m 64, T_x 50, a given da), the scratch side's fast form (RecurrentFast) and its loop form (Recurrent, the
 * notebook's) against DL4J's LSTM built once and run in its own layout [m, n, T]; and one training step of the
 * shipped character model (compare/recurrent/char-lstm-names.json) on its first batch, CharModel (fast form, clip,
 * update) against the twin's fit.
 */
public final class RecurrentBench {
  private RecurrentBench() {}

  static final int N_X = 64, N_A = 128, M = 64, T = 50;

  /**
   * One row: medians and ranges in milliseconds; {@code loopMedianMs} the loop form's median (NaN where not timed).
   */
  public record Result(String name, int threads, String shape, double scratchMedianMs, double scratchMinMs,
      double scratchMaxMs, double loopMedianMs, double dl4jMedianMs, double dl4jMinMs, double dl4jMaxMs,
      double ratio) {}

  static List<Matrix> gaussian(Random r, int n, int m, int steps, double scale) {
    List<Matrix> x = new java.util.ArrayList<>();
    for (int t = 0; t < steps; t++) {
      double[][] v = new double[n][m];
      for (double[] row : v) {
        for (int i = 0; i < m; i++) {
          row[i] = scale * r.nextGaussian();
        }
      }
      x.add(Matrix.of(v));
    }
    return x;
  }

  /** The LSTM layer, forward and backward, {@code reps} timed rounds after as many warm-up ones. */
  public static Result lstmLayer(int threads, int reps) {
    Kernels.setThreads(threads);
    Random r = new Random(13);
    Map<String, Matrix> p = CharModel.initializeParameters(CharModel.Cell.LSTM, N_X, N_A, 2, 1 / Math.sqrt(N_A + N_X),
        13);
    Recurrent.LstmParameters lp = Recurrent.LstmParameters.of(p);
    List<Matrix> x = gaussian(r, N_X, M, T, 1);
    List<Matrix> da = gaussian(r, N_A, M, T, 0.1);
    RecurrentFast.Lstm stacked = RecurrentFast.Lstm.of(lp);
    Matrix X = RecurrentFast.sideBySide(x);
    Matrix dA = RecurrentFast.sideBySide(da);
    MultiLayerNetwork net = Dl4jRnnLayers.network(true, p, Dl4jRnnLayers.LSTM_GATES);
    INDArray in = Dl4jRnnLayers.toDl4j(x);
    INDArray eps = Dl4jRnnLayers.toDl4j(da);
    double[] s = new double[reps];
    double[] d = new double[reps];
    for (int i = -Math.max(reps, 10); i < reps; i++) { // DL4J's LSTM took ~8 calls to settle here
      long t0 = System.nanoTime();
      RecurrentFast.lstmBackward(dA, RecurrentFast.lstmForward(X, M, stacked), stacked);
      long t1 = System.nanoTime();
      pause();
      long t2 = System.nanoTime();
      Dl4jRnnLayers.forwardBackward(net, in, eps);
      long t3 = System.nanoTime();
      pause();
      if (i >= 0) {
        s[i] = (t1 - t0) / 1e6;
        d[i] = (t3 - t2) / 1e6;
      }
    }
    Recurrent.lstmBackward(da, Recurrent.lstmForward(x, Matrix.zeros(N_A, M), lp)); // the loop form, warmed up
    double[] loops = new double[3];
    for (int i = 0; i < loops.length; i++) {
      long l0 = System.nanoTime();
      Recurrent.lstmBackward(da, Recurrent.lstmForward(x, Matrix.zeros(N_A, M), lp));
      loops[i] = (System.nanoTime() - l0) / 1e6;
    }
    double sMed = StepBench.median(s);
    return new Result("LSTM layer", threads, "n_x " + N_X + ", n_a " + N_A + ", m " + M + ", T_x " + T
        + ", forward + backward", sMed, StepBench.min(s), StepBench.max(s), StepBench.median(loops),
        StepBench.median(d), StepBench.min(d), StepBench.max(d), sMed / StepBench.median(d));
  }

  /** One training step of the shipped character model on its first batch, scratch (fast form) against the twin. */
  public static Result charStep(int threads, int reps, Path caseFile) {
    Kernels.setThreads(threads);
    RecurrentCase c = (RecurrentCase) CaseParser.readAny(caseFile);
    CharModel.Cell cell = c.cell().equals("lstm") ? CharModel.Cell.LSTM : CharModel.Cell.RNN;
    CharText.Batch b = new CharText.Batches(c).next();
    Map<String, Matrix> p0 = RecurrentRunner.initial(c);
    Dl4jCharModel twin = new Dl4jCharModel(cell == CharModel.Cell.LSTM, p0, c.learningRate(), c.clip());
    INDArray features = Dl4jRnnLayers.toDl4j(b.x());
    INDArray labels = Dl4jCharModel.labels(b.y(), p0.get("by").rows());
    int k = 20; // steps per round: a step is about a millisecond
    double[] s = new double[reps];
    double[] loop = new double[reps];
    double[] d = new double[reps];
    Map<String, Matrix> p = p0;
    for (int i = -reps; i < reps; i++) {
      long t0 = System.nanoTime();
      for (int j = 0; j < k; j++) {
        CharModel.Pass pass = CharModel.passFast(cell, b.x(), b.y(), p);
        p = CharModel.updateParameters(p, CharModel.clip(pass.gradients(), c.clip()), c.learningRate());
      }
      long t1 = System.nanoTime();
      for (int j = 0; j < k; j++) {
        p = CharModel.optimize(cell, b.x(), b.y(), p, c.learningRate(), c.clip(), CharModel.COURSE_BACKWARD)
            .parameters();
      }
      long t2 = System.nanoTime();
      for (int j = 0; j < k; j++) {
        twin.fit(features, labels);
      }
      long t3 = System.nanoTime();
      if (i >= 0) {
        s[i] = (t1 - t0) / 1e6 / k;
        loop[i] = (t2 - t1) / 1e6 / k;
        d[i] = (t3 - t2) / 1e6 / k;
      }
    }
    double sMed = StepBench.median(s);
    return new Result("char model step", threads, c.name() + ": " + c.cell() + ", n_a " + c.nA() + ", vocabulary "
        + p0.get("by").rows() + ", m " + c.m() + ", T_x " + b.length(), sMed, StepBench.min(s), StepBench.max(s),
        StepBench.median(loop), StepBench.median(d), StepBench.min(d), StepBench.max(d), sMed / StepBench.median(d));
  }

  private static void pause() {
    try {
      Thread.sleep(100); // DL4J's OpenMP threads spin after their work: let them settle (as ConvBench)
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
