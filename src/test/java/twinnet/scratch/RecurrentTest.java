package twinnet.scratch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import twinnet.compare.TensorDiff;
import twinnet.model.Matrix;
import twinnet.scratch.Recurrent.LstmParameters;
import twinnet.scratch.Recurrent.RnnParameters;

/**
 * The recurrent notebook's functions: its public test values (from numpy's own seed-1 draws), and every backward pass
 * against centred differences of its forward pass, on L = Σ_t Σ a⟨t⟩ ⊙ R⟨t⟩ (so that da⟨t⟩ = R⟨t⟩) — with the usual
 * slip, tanh′ written 1 − a, shown to fail the same check.
 */
class RecurrentTest {
  static Matrix gaussian(Random r, int rows, int cols) {
    double[][] v = new double[rows][cols];
    for (double[] row : v) {
      for (int j = 0; j < cols; j++) {
        row[j] = r.nextGaussian();
      }
    }
    return Matrix.of(v);
  }

  static List<Matrix> sequence(Random r, int n, int m, int T) {
    List<Matrix> x = new ArrayList<>();
    for (int t = 0; t < T; t++) {
      x.add(gaussian(r, n, m));
    }
    return x;
  }

  @Test
  void rnnCellForwardGivesTheNotebooksValues() {
    // np.random.seed(1); xt (3, 10), a_prev (5, 10), Waa (5, 5), Wax (5, 3), Wya (2, 5), ba (5, 1), by (2, 1)
    Matrix xt = NumpyDraws.randn(0, 3, 10);
    Matrix aPrev = NumpyDraws.randn(30, 5, 10);
    Matrix Waa = NumpyDraws.randn(80, 5, 5);
    Matrix Wax = NumpyDraws.randn(105, 5, 3);
    Matrix Wya = NumpyDraws.randn(120, 2, 5);
    Matrix ba = NumpyDraws.randn(130, 5, 1);
    Matrix by = NumpyDraws.randn(135, 2, 1);
    Recurrent.RnnCellForward f = Recurrent.rnnCellForward(xt, aPrev, new RnnParameters(Wax, Waa, Wya, ba, by));
    double[] a4 = {0.59584544, 0.18141802, 0.61311866, 0.99808218, 0.85016201, 0.99980978, -0.18887155, 0.99815551,
        0.6531151, 0.82872037};
    double[] y1 = {0.9888161, 0.01682021, 0.21140899, 0.36817467, 0.98988387, 0.88945212, 0.36920224, 0.9966312,
        0.9982559, 0.17746526};
    for (int i = 0; i < 10; i++) {
      assertThat(f.a_next().get(4, i)).isCloseTo(a4[i], org.assertj.core.data.Offset.offset(6e-9));
      assertThat(f.yt_pred().get(1, i)).isCloseTo(y1[i], org.assertj.core.data.Offset.offset(6e-9));
    }
    for (double sum : f.yt_pred().transpose().sumColumns().toRowMajor()) { // softmax over axis 0: columns sum to 1
      assertThat(sum).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-15));
    }
  }

  /** ∂L/∂θ by centred differences, entry by entry: θ's entry is set through {@code set}. */
  static Matrix numeric(Matrix theta, java.util.function.Function<Matrix, Double> loss) {
    double h = 1e-6;
    double[][] g = new double[theta.rows()][theta.cols()];
    for (int i = 0; i < theta.rows(); i++) {
      for (int j = 0; j < theta.cols(); j++) {
        double v = theta.get(i, j);
        g[i][j] = (loss.apply(theta.with(i, j, v + h)) - loss.apply(theta.with(i, j, v - h))) / (2 * h);
      }
    }
    return Matrix.of(g);
  }

  static double dotAll(List<Matrix> a, List<Matrix> r) {
    double s = 0;
    for (int t = 0; t < a.size(); t++) {
      s += a.get(t).times(r.get(t)).sum();
    }
    return s;
  }

  static double error(Matrix analytic, Matrix numeric) {
    return TensorDiff.of("g", 0, analytic, numeric).relativeError();
  }

  @Test
  void rnnBackwardIsTheGradientOfRnnForward() {
    Random r = new Random(3);
    int nx = 3, na = 5, ny = 2, m = 4, T = 4;
    RnnParameters p = new RnnParameters(gaussian(r, na, nx), gaussian(r, na, na).scale(0.5), gaussian(r, ny, na),
        gaussian(r, na, 1), gaussian(r, ny, 1));
    List<Matrix> x = sequence(r, nx, m, T);
    Matrix a0 = gaussian(r, na, m);
    List<Matrix> R = sequence(r, na, m, T);
    Recurrent.RnnGradients g = Recurrent.rnnBackward(R, Recurrent.rnnForward(x, a0, p));
    assertThat(error(g.dWax(), numeric(p.Wax(), w -> dotAll(Recurrent.rnnForward(x, a0, new RnnParameters(w, p.Waa(),
        p.Wya(), p.ba(), p.by())).a(), R)))).isLessThan(1e-7);
    assertThat(error(g.dWaa(), numeric(p.Waa(), w -> dotAll(Recurrent.rnnForward(x, a0, new RnnParameters(p.Wax(), w,
        p.Wya(), p.ba(), p.by())).a(), R)))).isLessThan(1e-7);
    assertThat(error(g.dba(), numeric(p.ba(), b -> dotAll(Recurrent.rnnForward(x, a0, new RnnParameters(p.Wax(),
        p.Waa(), p.Wya(), b, p.by())).a(), R)))).isLessThan(1e-7);
    assertThat(error(g.da0(), numeric(a0, a -> dotAll(Recurrent.rnnForward(x, a, p).a(), R)))).isLessThan(1e-7);
    for (int t : new int[] {0, T - 1}) {
      assertThat(error(g.dx().get(t), numeric(x.get(t), xt -> {
        List<Matrix> y = new ArrayList<>(x);
        y.set(t, xt);
        return dotAll(Recurrent.rnnForward(y, a0, p).a(), R);
      }))).as("dx at t = " + t).isLessThan(1e-7);
    }
    // the slip: tanh′ as 1 − a instead of 1 − a² fails the same check
    Recurrent.RnnCache c = Recurrent.rnnForward(x, a0, p).caches().get(T - 1);
    Matrix slip = c.a_next().map(a -> 1 - a).times(R.get(T - 1)).dot(c.xt().transpose());
    Matrix right = Recurrent.rnnCellBackward(R.get(T - 1), c).dWax();
    assertThat(error(slip, right)).isGreaterThan(1e-2);
  }

  static LstmParameters lstm(Random r, int nx, int na, int ny) {
    return new LstmParameters(gaussian(r, na, na + nx), gaussian(r, na, 1), gaussian(r, na, na + nx),
        gaussian(r, na, 1), gaussian(r, na, na + nx), gaussian(r, na, 1), gaussian(r, na, na + nx), gaussian(r, na, 1),
        gaussian(r, ny, na), gaussian(r, ny, 1));
  }

  /** The parameters with gate matrix {@code k} (0 Wf, 1 bf, 2 Wi, 3 bi, 4 Wc, 5 bc, 6 Wo, 7 bo) replaced. */
  static LstmParameters with(LstmParameters p, int k, Matrix v) {
    Matrix[] m = {p.Wf(), p.bf(), p.Wi(), p.bi(), p.Wc(), p.bc(), p.Wo(), p.bo()};
    m[k] = v;
    return new LstmParameters(m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], p.Wy(), p.by());
  }

  @Test
  void lstmBackwardIsTheGradientOfLstmForward() {
    Random r = new Random(5);
    int nx = 3, na = 5, ny = 2, m = 3, T = 5;
    LstmParameters p = lstm(r, nx, na, ny);
    List<Matrix> x = sequence(r, nx, m, T);
    Matrix a0 = gaussian(r, na, m);
    List<Matrix> R = sequence(r, na, m, T);
    Recurrent.LstmGradients g = Recurrent.lstmBackward(R, Recurrent.lstmForward(x, a0, p));
    Matrix[] analytic = {g.dWf(), g.dbf(), g.dWi(), g.dbi(), g.dWc(), g.dbc(), g.dWo(), g.dbo()};
    Matrix[] params = {p.Wf(), p.bf(), p.Wi(), p.bi(), p.Wc(), p.bc(), p.Wo(), p.bo()};
    String[] names = {"dWf", "dbf", "dWi", "dbi", "dWc", "dbc", "dWo", "dbo"};
    for (int k = 0; k < params.length; k++) {
      int kk = k;
      assertThat(error(analytic[k], numeric(params[k], v -> dotAll(Recurrent.lstmForward(x, a0, with(p, kk, v)).a(),
          R)))).as(names[k]).isLessThan(1e-7);
    }
    assertThat(error(g.da0(), numeric(a0, a -> dotAll(Recurrent.lstmForward(x, a, p).a(), R)))).isLessThan(1e-7);
    assertThat(error(g.dx().get(1), numeric(x.get(1), xt -> {
      List<Matrix> y = new ArrayList<>(x);
      y.set(1, xt);
      return dotAll(Recurrent.lstmForward(y, a0, p).a(), R);
    }))).isLessThan(1e-7);
  }

  @Test
  void lstmCellBackwardsDcPrevIsTheGradientThroughTheCell() {
    Random r = new Random(7);
    int nx = 2, na = 4, m = 3;
    LstmParameters p = lstm(r, nx, na, 2);
    Matrix xt = gaussian(r, nx, m);
    Matrix aPrev = gaussian(r, na, m);
    Matrix cPrev = gaussian(r, na, m);
    Matrix Ra = gaussian(r, na, m);
    Matrix Rc = gaussian(r, na, m);
    // L = Σ a_next ⊙ Ra + Σ c_next ⊙ Rc: da_next = Ra, dc_next = Rc
    java.util.function.Function<Matrix, Double> loss = c -> {
      Recurrent.LstmCellForward f = Recurrent.lstmCellForward(xt, aPrev, c, p);
      return f.a_next().times(Ra).sum() + f.c_next().times(Rc).sum();
    };
    Recurrent.LstmCellGradients g = Recurrent.lstmCellBackward(Ra, Rc, Recurrent.lstmCellForward(xt, aPrev, cPrev, p)
        .cache());
    assertThat(error(g.dc_prev(), numeric(cPrev, loss))).isLessThan(1e-7);
    // the slip of the forum threads: dc_prev without ft is caught
    assertThat(error(g.dc_prev().times(Recurrent.lstmCellForward(xt, aPrev, cPrev, p).cache().ft().map(f -> 1 / f)),
        numeric(cPrev, loss))).isGreaterThan(1e-2);
  }

  @Test
  void clipBoundsEveryEntry() {
    Matrix g = Matrix.of(new double[][] {{-12, -5, 0.5}, {5, 7.25, Double.NaN}});
    Matrix c = Recurrent.clip(g, 5);
    assertThat(c.toRowMajor()).containsExactly(-5, -5, 0.5, 5, 5, Double.NaN); // np.clip keeps NaN
  }
}
