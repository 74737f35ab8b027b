package twinnet.scratch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import twinnet.model.Matrix;

/** RecurrentFast (every time step side by side, the kernels) against the loop form of Recurrent, through CharModel. */
class RecurrentFastTest {

  @AfterEach
  void oneThread() {
    Kernels.setThreads(1);
  }

  static double relative(Matrix a, Matrix b) {
    double diff = 0;
    double scale = 0;
    for (int i = 0; i < a.backingArray().length; i++) {
      diff = Math.max(diff, Math.abs(a.backingArray()[i] - b.backingArray()[i]));
      scale = Math.max(scale, Math.abs(a.backingArray()[i]));
    }
    return diff == 0 ? 0 : diff / scale;
  }

  /** The largest relative difference between two passes, over the loss and every tensor. */
  static double worst(CharModel.Pass a, CharModel.Pass b) {
    double w = Math.abs(a.loss() - b.loss()) / Math.abs(a.loss());
    for (int t = 0; t < a.a().size(); t++) {
      w = Math.max(w, Math.max(relative(a.a().get(t), b.a().get(t)), relative(a.y_hat().get(t), b.y_hat().get(t))));
      w = Math.max(w, relative(a.dx().get(t), b.dx().get(t)));
    }
    assertThat(b.gradients().keySet()).containsExactlyElementsOf(a.gradients().keySet());
    for (String k : a.gradients().keySet()) {
      w = Math.max(w, relative(a.gradients().get(k), b.gradients().get(k)));
    }
    return w;
  }

  record Batch(List<Matrix> x, int[][] y) {}

  static Batch batch(int nX, int nY, int m, int T, long seed) {
    Random r = new Random(seed);
    List<Matrix> x = new ArrayList<>();
    int[][] y = new int[T][m];
    for (int t = 0; t < T; t++) {
      double[][] v = new double[nX][m];
      for (double[] row : v) {
        for (int i = 0; i < m; i++) {
          row[i] = r.nextGaussian();
        }
      }
      x.add(Matrix.of(v));
      for (int i = 0; i < m; i++) {
        y[t][i] = r.nextInt(nY);
      }
    }
    return new Batch(x, y);
  }

  @Test
  void theFastFormIsTheLoopFormOnTheNotebooksShapesAndLarger() {
    int[][] shapes = {{3, 5, 2, 10, 4}, {3, 5, 2, 10, 7}, {7, 16, 11, 3, 9}, {1, 1, 2, 1, 1}};
    for (CharModel.Cell cell : CharModel.Cell.values()) {
      for (int[] s : shapes) {
        Map<String, Matrix> p = CharModel.initializeParameters(cell, s[0], s[1], s[2], 0.5, 7);
        Batch b = batch(s[0], s[2], s[3], s[4], 8);
        double w = worst(CharModel.pass(cell, b.x(), b.y(), p, CharModel.COURSE_BACKWARD),
            CharModel.passFast(cell, b.x(), b.y(), p));
        assertThat(w).as(cell + " " + java.util.Arrays.toString(s)).isLessThan(1e-12);
      }
    }
  }

  @Test
  void itsTanhIsMathTanhTo3e15() {
    double worst = 0;
    for (double z = -30; z <= 30; z += 0.000731) { // through the series' edge at ±0.02 and tanh's saturation
      for (double v : new double[] {z, z * 1e-6}) {
        worst = Math.max(worst, Math.abs(RecurrentFast.tanh(v) - Math.tanh(v)) / Math.max(Math.abs(Math.tanh(v)),
            Double.MIN_NORMAL));
      }
    }
    assertThat(worst).isLessThan(3e-15);
    assertThat(RecurrentFast.tanh(0.0)).isZero();
    assertThat(RecurrentFast.tanh(-800)).isEqualTo(-1.0);
    assertThat(RecurrentFast.tanh(Double.NaN)).isNaN();
  }

  @Test
  void theComparisonCatchesASlip() {
    // the same comparison, the loop form with the forget gate's derivative through c_next: far apart
    Map<String, Matrix> p = CharModel.initializeParameters(CharModel.Cell.LSTM, 3, 5, 2, 0.5, 7);
    Batch b = batch(3, 2, 10, 4, 8);
    CharModel.Pass slipped = CharModel.pass(CharModel.Cell.LSTM, b.x(), b.y(), p, RecurrentSlips.dftThroughCNext());
    assertThat(worst(slipped, CharModel.passFast(CharModel.Cell.LSTM, b.x(), b.y(), p))).isGreaterThan(1e-3);
  }

  @Test
  void twoThreadsGiveTheSameBitsAsOne() {
    Map<String, Matrix> p = CharModel.initializeParameters(CharModel.Cell.LSTM, 20, 64, 20, 0.1, 3);
    Batch b = batch(20, 20, 32, 12, 4);
    CharModel.Pass one = CharModel.passFast(CharModel.Cell.LSTM, b.x(), b.y(), p);
    Kernels.setThreads(2);
    CharModel.Pass two = CharModel.passFast(CharModel.Cell.LSTM, b.x(), b.y(), p);
    assertThat(worst(one, two)).isZero();
  }
}
