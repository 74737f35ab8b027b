package twinnet.scratch;

import java.util.ArrayList;
import java.util.List;
import twinnet.model.Matrix;

/**
 * The fast form of {@link Recurrent}'s rnn_forward/rnn_backward and lstm_forward/lstm_backward: the same formulas,
 * arranged for the matrix kernels. A sequence's T_x steps sit side by side as one n × (T_x·m) matrix (step t in
 * columns [t·m, (t+1)·m)), so every product that does not depend on the previous step is one large product over all
 * time steps (Wx·X forward; dW = dZ·[a_prev; x]ᵀ, db and dX = Wxᵀ·dZ backward), and only W_a·a⟨t−1⟩ and W_aᵀ·dz⟨t⟩
 * run step by step. The LSTM's four gates are one stacked matrix, rows [f; i; c̃; o]. Held to the loop form by
 * {@code RecurrentFastTest} (1e-12); timed in {@code twinnet bench}.
 */
public final class RecurrentFast {
  private RecurrentFast() {}

  /** The T_x steps (n × m each) side by side: n × (T_x·m). */
  public static Matrix sideBySide(List<Matrix> x) {
    int n = x.get(0).rows();
    int m = x.get(0).cols();
    int T = x.size();
    double[] v = new double[n * T * m];
    for (int t = 0; t < T; t++) {
      double[] xt = x.get(t).backingArray();
      for (int j = 0; j < n; j++) {
        System.arraycopy(xt, j * m, v, j * T * m + t * m, m);
      }
    }
    return Matrix.adopt(n, T * m, v);
  }

  /** The inverse of {@link #sideBySide}: T steps of n × m. */
  public static List<Matrix> steps(Matrix all, int T) {
    int n = all.rows();
    int m = all.cols() / T;
    List<Matrix> out = new ArrayList<>();
    for (int t = 0; t < T; t++) {
      out.add(block(all, t, m));
    }
    return out;
  }

  /** Columns [t·m, (t+1)·m) of all, as their own n × m matrix. */
  static Matrix block(Matrix all, int t, int m) {
    int n = all.rows();
    int w = all.cols();
    double[] src = all.backingArray();
    double[] v = new double[n * m];
    for (int j = 0; j < n; j++) {
      System.arraycopy(src, j * w + t * m, v, j * m, m);
    }
    return Matrix.adopt(n, m, v);
  }

  /** a⟨t−1⟩ for every t side by side: all's blocks shifted one step right, a⟨0⟩ = 0 first. */
  static Matrix previous(Matrix all, int m) {
    int n = all.rows();
    int w = all.cols();
    double[] src = all.backingArray();
    double[] v = new double[n * w];
    for (int j = 0; j < n; j++) {
      System.arraycopy(src, j * w, v, j * w + m, w - m);
    }
    return Matrix.adopt(n, w, v);
  }

  static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  /**
   * tanh(z) = sign(z)·(1 − e)/(1 + e), e = exp(−2|z|): Math.exp is a JIT intrinsic, Math.tanh is not (~22 ns against
   * ~5 here). Below |z| = 0.02, where 1 − e would cancel, the series z − z³/3 + 2z⁵/15 − 17z⁷/315 (its next term is
   * 6e-16 of z there). Within 3e-15 relative of Math.tanh (RecurrentFastTest).
   */
  static double tanh(double z) {
    double x = Math.abs(z);
    if (x < 0.02) {
      double x2 = z * z;
      return z * (1 - x2 * (1.0 / 3 - x2 * (2.0 / 15 - x2 * 17.0 / 315)));
    }
    double e = Math.exp(-2 * x);
    return Math.copySign((1 - e) / (1 + e), z);
  }

  // ---- the RNN ----

  /** rnn_forward's states: a (n_a × T·m) and x (n_x × T·m) side by side, m the batch. */
  public record RnnPass(Matrix a, Matrix x, int m) {}

  // a⟨t⟩ = tanh(Wax·x⟨t⟩ + Waa·a⟨t−1⟩ + ba), from a⟨0⟩ = 0: Wax·x for every t in one product
  public static RnnPass rnnForward(Matrix x, int m, Matrix Wax, Matrix Waa, Matrix ba) {
    int nA = Wax.rows();
    int w = x.cols();
    int T = w / m;
    double[] z = Kernels.matmul(Wax, x).backingArray();
    double[] b = ba.backingArray();
    Matrix aPrev = Matrix.zeros(nA, m);
    for (int t = 0; t < T; t++) {
      double[] r = t == 0 ? null : Kernels.matmul(Waa, aPrev).backingArray();
      double[] a = new double[nA * m];
      for (int j = 0; j < nA; j++) {
        for (int i = 0; i < m; i++) {
          int at = j * w + t * m + i;
          z[at] = tanh(z[at] + (r == null ? 0 : r[j * m + i]) + b[j]); // z is overwritten with a
          a[j * m + i] = z[at];
        }
      }
      aPrev = Matrix.adopt(nA, m, a);
    }
    return new RnnPass(Matrix.adopt(nA, w, z), x, m);
  }

  /** rnn_backward's gradients: dx side by side, dWax, dWaa, dba. */
  public record RnnGradients(Matrix dx, Matrix dWax, Matrix dWaa, Matrix dba) {}

  // dz⟨t⟩ = (1 − a⟨t⟩²) ⊙ (da⟨t⟩ + Waaᵀ·dz⟨t+1⟩); then dWax = dz·xᵀ, dWaa = dz·a_prevᵀ, dba, dx = Waxᵀ·dz at once
  public static RnnGradients rnnBackward(Matrix da, RnnPass f, Matrix Wax, Matrix Waa) {
    int nA = Waa.rows();
    int m = f.m();
    int w = da.cols();
    int T = w / m;
    double[] a = f.a().backingArray();
    double[] d = da.backingArray();
    double[] dz = new double[nA * w];
    double[] next = null; // Waaᵀ·dz⟨t+1⟩
    Matrix WaaT = Waa.transpose(); // once, not at every step
    for (int t = T - 1; t >= 0; t--) {
      double[] dzt = new double[nA * m];
      for (int j = 0; j < nA; j++) {
        for (int i = 0; i < m; i++) {
          int at = j * w + t * m + i;
          dzt[j * m + i] = (1 - a[at] * a[at]) * (d[at] + (next == null ? 0 : next[j * m + i]));
          dz[at] = dzt[j * m + i];
        }
      }
      next = t == 0 ? null : Kernels.matmul(WaaT, Matrix.adopt(nA, m, dzt)).backingArray();
    }
    Matrix dZ = Matrix.adopt(nA, w, dz);
    return new RnnGradients(Kernels.matmulTN(Wax, dZ), Kernels.matmulNT(dZ, f.x()),
        Kernels.matmulNT(dZ, previous(f.a(), m)), dZ.sumColumns());
  }

  // ---- the LSTM ----

  /** The LSTM's gates stacked, rows [f; i; c̃; o]: Wa (4n_a × n_a) on a_prev, Wx (4n_a × n_x) on xt, b (4n_a × 1). */
  public record Lstm(Matrix Wa, Matrix Wx, Matrix b) {
    public static Lstm of(Recurrent.LstmParameters p) {
      int nA = p.Wf().rows();
      int n = p.Wf().cols();
      Matrix[] gates = {p.Wf(), p.Wi(), p.Wc(), p.Wo()};
      Matrix[] biases = {p.bf(), p.bi(), p.bc(), p.bo()};
      double[] wa = new double[4 * nA * nA];
      double[] wx = new double[4 * nA * (n - nA)];
      double[] b = new double[4 * nA];
      for (int g = 0; g < 4; g++) {
        double[] W = gates[g].backingArray();
        for (int j = 0; j < nA; j++) {
          System.arraycopy(W, j * n, wa, (g * nA + j) * nA, nA);          // W_g[:, :n_a]
          System.arraycopy(W, j * n + nA, wx, (g * nA + j) * (n - nA), n - nA); // W_g[:, n_a:]
          b[g * nA + j] = biases[g].get(j, 0);
        }
      }
      return new Lstm(Matrix.adopt(4 * nA, nA, wa), Matrix.adopt(4 * nA, n - nA, wx), Matrix.adopt(4 * nA, 1, b));
    }

    /** Gate g's (0 f, 1 i, 2 c̃, 3 o) W_g = [Wa_g | Wx_g] (n_a × (n_a + n_x)), from stacked gradients or weights. */
    public static Matrix gate(Matrix wa, Matrix wx, int g) {
      int nA = wa.cols();
      int nX = wx.cols();
      double[] v = new double[nA * (nA + nX)];
      for (int j = 0; j < nA; j++) {
        System.arraycopy(wa.backingArray(), (g * nA + j) * nA, v, j * (nA + nX), nA);
        System.arraycopy(wx.backingArray(), (g * nA + j) * nX, v, j * (nA + nX) + nA, nX);
      }
      return Matrix.adopt(nA, nA + nX, v);
    }

    /** Gate g's rows of a stacked 4n_a-row column (a bias or its gradient). */
    public static Matrix rows(Matrix stacked, int g) {
      int nA = stacked.rows() / 4;
      double[] v = new double[nA];
      System.arraycopy(stacked.backingArray(), g * nA, v, 0, nA);
      return Matrix.adopt(nA, 1, v);
    }
  }

  /**
   * lstm_forward's states side by side: a, c and tanh(c) (n_a × T·m), the gates after their activations
   * (4n_a × T·m), x.
   */
  public record LstmPass(Matrix a, Matrix c, Matrix tanhC, Matrix gates, Matrix x, int m) {}

  // z = Wx·x⟨t⟩ + Wa·a⟨t−1⟩ + b (Wx·x for every t in one product); ft, it, ot = σ(z), c̃ = tanh(z);
  // c⟨t⟩ = ft ⊙ c⟨t−1⟩ + it ⊙ c̃; a⟨t⟩ = ot ⊙ tanh(c⟨t⟩); from a⟨0⟩ = c⟨0⟩ = 0
  public static LstmPass lstmForward(Matrix x, int m, Lstm p) {
    int nA = p.Wa().cols();
    int w = x.cols();
    int T = w / m;
    double[] g = Kernels.matmul(p.Wx(), x).backingArray(); // 4n_a × T·m: z, then the gates
    double[] b = p.b().backingArray();
    double[] a = new double[nA * w];
    double[] c = new double[nA * w];
    double[] tc = new double[nA * w];
    Matrix aPrev = Matrix.zeros(nA, m);
    for (int t = 0; t < T; t++) {
      double[] r = t == 0 ? null : Kernels.matmul(p.Wa(), aPrev).backingArray();
      double[] at = new double[nA * m];
      for (int j = 0; j < nA; j++) {
        for (int i = 0; i < m; i++) {
          int col = t * m + i;
          int fj = j * w + col;
          int ij = (nA + j) * w + col;
          int cj = (2 * nA + j) * w + col;
          int oj = (3 * nA + j) * w + col;
          double ft = sigmoid(g[fj] + (r == null ? 0 : r[j * m + i]) + b[j]);
          double it = sigmoid(g[ij] + (r == null ? 0 : r[(nA + j) * m + i]) + b[nA + j]);
          double cct = tanh(g[cj] + (r == null ? 0 : r[(2 * nA + j) * m + i]) + b[2 * nA + j]);
          double ot = sigmoid(g[oj] + (r == null ? 0 : r[(3 * nA + j) * m + i]) + b[3 * nA + j]);
          double cPrev = t == 0 ? 0 : c[fj - m];
          c[fj] = ft * cPrev + it * cct;
          tc[fj] = tanh(c[fj]);
          a[fj] = ot * tc[fj];
          g[fj] = ft;
          g[ij] = it;
          g[cj] = cct;
          g[oj] = ot;
          at[j * m + i] = a[fj];
        }
      }
      aPrev = Matrix.adopt(nA, m, at);
    }
    return new LstmPass(Matrix.adopt(nA, w, a), Matrix.adopt(nA, w, c), Matrix.adopt(nA, w, tc),
        Matrix.adopt(4 * nA, w, g), x, m);
  }

  /** lstm_backward's gradients: dx side by side, and the stacked dWa, dWx, db. */
  public record LstmGradients(Matrix dx, Matrix dWa, Matrix dWx, Matrix db) {}

  // from the last step back, with da⟨t⟩ + da_prevt and dc_prevt: dc = dc_next + da·ot·(1 − tanh²c), dot = da·tanh(c)
  // ·ot(1 − ot), dc̃ = dc·it·(1 − c̃²), dit = dc·c̃·it(1 − it), dft = dc·c_prev·ft(1 − ft); da_prev = Waᵀ·dz,
  // dc_prev = dc·ft; then dWa = dz·a_prevᵀ, dWx = dz·xᵀ, db, dx = Wxᵀ·dz over all steps at once
  public static LstmGradients lstmBackward(Matrix da, LstmPass f, Lstm p) {
    int nA = p.Wa().cols();
    int m = f.m();
    int w = da.cols();
    int T = w / m;
    double[] g = f.gates().backingArray();
    double[] c = f.c().backingArray();
    double[] tc = f.tanhC().backingArray();
    double[] d = da.backingArray();
    double[] dz = new double[4 * nA * w];
    double[] daNext = null;
    Matrix WaT = p.Wa().transpose(); // once, not at every step
    double[] dcNext = new double[nA * m];
    for (int t = T - 1; t >= 0; t--) {
      double[] dzt = new double[4 * nA * m];
      for (int j = 0; j < nA; j++) {
        for (int i = 0; i < m; i++) {
          int col = t * m + i;
          int fj = j * w + col;
          double ft = g[fj];
          double it = g[(nA + j) * w + col];
          double cct = g[(2 * nA + j) * w + col];
          double ot = g[(3 * nA + j) * w + col];
          double tanhC = tc[fj];
          double cPrev = t == 0 ? 0 : c[fj - m];
          double dat = d[fj] + (daNext == null ? 0 : daNext[j * m + i]);
          double dc = dcNext[j * m + i] + dat * ot * (1 - tanhC * tanhC);
          dzt[j * m + i] = dc * cPrev * ft * (1 - ft);                    // dft
          dzt[(nA + j) * m + i] = dc * cct * it * (1 - it);               // dit
          dzt[(2 * nA + j) * m + i] = dc * it * (1 - cct * cct);          // dc̃
          dzt[(3 * nA + j) * m + i] = dat * tanhC * ot * (1 - ot);        // dot
          dcNext[j * m + i] = dc * ft;                                   // dc_prev = dc·ft
          for (int k = 0; k < 4; k++) {
            dz[(k * nA + j) * w + col] = dzt[(k * nA + j) * m + i];
          }
        }
      }
      daNext = t == 0 ? null : Kernels.matmul(WaT, Matrix.adopt(4 * nA, m, dzt)).backingArray();
    }
    Matrix dZ = Matrix.adopt(4 * nA, w, dz);
    return new LstmGradients(Kernels.matmulTN(p.Wx(), dZ), Kernels.matmulNT(dZ, previous(f.a(), m)),
        Kernels.matmulNT(dZ, f.x()), dZ.sumColumns());
  }
}
