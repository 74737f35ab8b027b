package twinnet.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import twinnet.compare.TensorDiff;
import twinnet.model.Matrix;
import twinnet.scratch.Recurrent;

/**
 * The recurrent twin's layout, pinned on DL4J itself: SimpleRnn and LSTM from the course's parameters give the
 * course's a, dx and parameter gradients (a0 = 0, the notebook's shapes n_x 3, n_a 5, m 10, T_x 4 and 7); the LSTM's
 * gate blocks are [c̃, forget, output, input] — the course's own order of gates, or any other, is caught; and a
 * nonzero a0, which DL4J's backprop cannot take, is a difference, not agreement.
 */
class RnnConventionsTest {
  static final int NX = 3;
  static final int NA = 5;
  static final int M = 10;

  static Matrix gaussian(Random r, int rows, int cols, double s) {
    double[][] v = new double[rows][cols];
    for (double[] row : v) {
      for (int j = 0; j < cols; j++) {
        row[j] = s * r.nextGaussian();
      }
    }
    return Matrix.of(v);
  }

  static List<Matrix> sequence(Random r, int n, int T) {
    List<Matrix> x = new ArrayList<>();
    for (int t = 0; t < T; t++) {
      x.add(gaussian(r, n, M, 1));
    }
    return x;
  }

  static double worst(List<Matrix> a, List<Matrix> b) {
    double w = 0;
    for (int t = 0; t < a.size(); t++) {
      w = Math.max(w, TensorDiff.of("a", 0, a.get(t), b.get(t)).relativeError());
    }
    return w;
  }

  static double error(Matrix a, Matrix b) {
    return TensorDiff.of("g", 0, a, b).relativeError();
  }

  @Test
  void simpleRnnIsRnnForwardAndBackward() {
    for (int T : new int[] {4, 7}) {
      Random r = new Random(T);
      Recurrent.RnnParameters p = new Recurrent.RnnParameters(gaussian(r, NA, NX, 0.5), gaussian(r, NA, NA, 0.5),
          gaussian(r, 2, NA, 1), gaussian(r, NA, 1, 0.5), gaussian(r, 2, 1, 1));
      List<Matrix> x = sequence(r, NX, T);
      List<Matrix> da = sequence(r, NA, T);
      Recurrent.RnnForward f = Recurrent.rnnForward(x, Matrix.zeros(NA, M), p);
      Recurrent.RnnGradients g = Recurrent.rnnBackward(da, f);
      Dl4jRnnLayers.Run twin = Dl4jRnnLayers.simpleRnn(x, Map.of("Wax", p.Wax(), "Waa", p.Waa(), "ba", p.ba()), da);
      // the same sums in other orders, in double: the harness's 1e-12
      assertThat(worst(f.a(), twin.a())).as("a, T = " + T).isLessThan(1e-12);
      assertThat(worst(g.dx(), twin.dx())).as("dx").isLessThan(1e-12);
      assertThat(error(g.dWax(), twin.gradients().get("dWax"))).isLessThan(1e-12);
      assertThat(error(g.dWaa(), twin.gradients().get("dWaa"))).isLessThan(1e-12);
      assertThat(error(g.dba(), twin.gradients().get("dba"))).isLessThan(1e-12);
    }
  }

  static Recurrent.LstmParameters lstm(Random r) {
    return new Recurrent.LstmParameters(gaussian(r, NA, NA + NX, 0.5), gaussian(r, NA, 1, 0.5), gaussian(r, NA,
        NA + NX, 0.5), gaussian(r, NA, 1, 0.5), gaussian(r, NA, NA + NX, 0.5), gaussian(r, NA, 1, 0.5), gaussian(r, NA,
        NA + NX, 0.5), gaussian(r, NA, 1, 0.5), gaussian(r, 2, NA, 1), gaussian(r, 2, 1, 1));
  }

  @Test
  void lstmIsLstmForwardAndBackwardWithTheGatesInDl4jsOrder() {
    for (int T : new int[] {4, 7}) {
      Random r = new Random(10 + T);
      Recurrent.LstmParameters p = lstm(r);
      List<Matrix> x = sequence(r, NX, T);
      List<Matrix> da = sequence(r, NA, T);
      Recurrent.LstmForward f = Recurrent.lstmForward(x, Matrix.zeros(NA, M), p);
      Recurrent.LstmGradients g = Recurrent.lstmBackward(da, f);
      Dl4jRnnLayers.Run twin = Dl4jRnnLayers.lstm(x, p.dict(), da);
      assertThat(worst(f.a(), twin.a())).as("a, T = " + T).isLessThan(1e-12);
      assertThat(worst(g.dx(), twin.dx())).as("dx").isLessThan(1e-12);
      Matrix[] course = {g.dWf(), g.dbf(), g.dWi(), g.dbi(), g.dWc(), g.dbc(), g.dWo(), g.dbo()};
      String[] keys = {"dWf", "dbf", "dWi", "dbi", "dWc", "dbc", "dWo", "dbo"};
      for (int k = 0; k < keys.length; k++) {
        assertThat(error(course[k], twin.gradients().get(keys[k]))).as(keys[k]).isLessThan(1e-12);
      }
    }
  }

  @Test
  void anyOtherOrderOfTheGatesIsCaught() {
    Random r = new Random(21);
    Recurrent.LstmParameters p = lstm(r);
    List<Matrix> x = sequence(r, NX, 4);
    List<Matrix> a = Recurrent.lstmForward(x, Matrix.zeros(NA, M), p).a();
    // the course's order (f, i, c, o), DL4J's source comment's "IFOG" read as course gates, and two swaps
    for (List<String> order : List.of(List.of("f", "i", "c", "o"), List.of("i", "f", "o", "c"), List.of("c", "i", "o",
        "f"), List.of("c", "f", "i", "o"))) {
      assertThat(worst(a, Dl4jRnnLayers.lstm(x, p.dict(), sequence(r, NA, 4), order).a())).as(order.toString())
          .isGreaterThan(1e-3);
    }
  }

  @Test
  void dl4jsBackpropStartsFromAZeroStateSoANonzeroA0IsADifference() {
    Random r = new Random(31);
    Recurrent.RnnParameters p = new Recurrent.RnnParameters(gaussian(r, NA, NX, 0.5), gaussian(r, NA, NA, 0.5),
        gaussian(r, 2, NA, 1), gaussian(r, NA, 1, 0.5), gaussian(r, 2, 1, 1));
    List<Matrix> x = sequence(r, NX, 4);
    List<Matrix> da = sequence(r, NA, 4);
    Recurrent.RnnForward f = Recurrent.rnnForward(x, gaussian(r, NA, M, 1), p);
    Dl4jRnnLayers.Run twin = Dl4jRnnLayers.simpleRnn(x, Map.of("Wax", p.Wax(), "Waa", p.Waa(), "ba", p.ba()), da);
    assertThat(error(f.a().get(0), twin.a().get(0))).isGreaterThan(1e-3);
    assertThat(error(Recurrent.rnnBackward(da, f).dWaa(), twin.gradients().get("dWaa"))).isGreaterThan(1e-3);
  }
}
