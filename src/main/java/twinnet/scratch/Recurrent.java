package twinnet.scratch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import twinnet.model.Matrix;

/**
 * Course 5, week 1, "Building your Recurrent Neural Network: Step by Step", in its names and layout: a sequence is
 * the course's (n, m, T_x) array as a list of its T_x time steps, {@code x.get(t)} being x[:, :, t] (n × m, one
 * example a column). Each forward sits beside its backward; one formula a line, as in the notebook.
 */
public final class Recurrent {
  private Recurrent() {}

  // ---- the basic RNN cell ----

  /** The RNN's parameters: Wax (n_a, n_x), Waa (n_a, n_a), Wya (n_y, n_a), ba (n_a, 1), by (n_y, 1). */
  public record RnnParameters(Matrix Wax, Matrix Waa, Matrix Wya, Matrix ba, Matrix by) {
    /** From the course's parameters dictionary. */
    public static RnnParameters of(Map<String, Matrix> p) {
      return new RnnParameters(p.get("Wax"), p.get("Waa"), p.get("Wya"), p.get("ba"), p.get("by"));
    }

    /** As the course's dictionary, in the notebook's order: {"Waa", "Wax", "Wya", "ba", "by"}. */
    public Map<String, Matrix> dict() {
      Map<String, Matrix> m = new LinkedHashMap<>();
      m.put("Waa", Waa);
      m.put("Wax", Wax);
      m.put("Wya", Wya);
      m.put("ba", ba);
      m.put("by", by);
      return m;
    }
  }

  /** rnn_cell_forward's cache: (a_next, a_prev, xt, parameters). */
  public record RnnCache(Matrix a_next, Matrix a_prev, Matrix xt, RnnParameters parameters) {}

  public record RnnCellForward(Matrix a_next, Matrix yt_pred, RnnCache cache) {}

  // a_next = tanh(Waa·a_prev + Wax·xt + ba); ŷ_t = softmax(Wya·a_next + by)
  public static RnnCellForward rnnCellForward(Matrix xt, Matrix a_prev, RnnParameters p) {
    Matrix a_next = p.Waa().dot(a_prev).plus(p.Wax().dot(xt)).plusColumn(p.ba()).map(Math::tanh);
    Matrix yt_pred = softmax(p.Wya().dot(a_next).plusColumn(p.by()));
    return new RnnCellForward(a_next, yt_pred, new RnnCache(a_next, a_prev, xt, p));
  }

  /** rnn_cell_backward's gradients: {"dxt", "da_prev", "dWax", "dWaa", "dba"}. */
  public record RnnCellGradients(Matrix dxt, Matrix da_prev, Matrix dWax, Matrix dWaa, Matrix dba) {}

  public static RnnCellGradients rnnCellBackward(Matrix da_next, RnnCache cache) {
    RnnParameters p = cache.parameters();
    Matrix dtanh = cache.a_next().map(a -> 1 - a * a).times(da_next); // dz = (1 − a_next²) ⊙ da_next
    Matrix dxt = p.Wax().transpose().dot(dtanh);                        // dxt = Waxᵀ·dz
    Matrix dWax = dtanh.dot(cache.xt().transpose());                    // dWax = dz·xtᵀ
    Matrix da_prev = p.Waa().transpose().dot(dtanh);                    // da_prev = Waaᵀ·dz
    Matrix dWaa = dtanh.dot(cache.a_prev().transpose());                // dWaa = dz·a_prevᵀ
    Matrix dba = dtanh.sumColumns();                                    // dba = Σ_examples dz (keepdims)
    return new RnnCellGradients(dxt, da_prev, dWax, dWaa, dba);
  }

  // ---- the RNN over T_x steps ----

  /** rnn_forward's result: a and y_pred (T_x steps each) and the caches (one a step, then x). */
  public record RnnForward(List<Matrix> a, List<Matrix> y_pred, List<RnnCache> caches, List<Matrix> x) {}

  // a⟨t⟩, ŷ⟨t⟩ = rnn_cell_forward(x⟨t⟩, a⟨t−1⟩), from a⟨0⟩ = a0
  public static RnnForward rnnForward(List<Matrix> x, Matrix a0, RnnParameters p) {
    List<Matrix> a = new ArrayList<>();
    List<Matrix> y = new ArrayList<>();
    List<RnnCache> caches = new ArrayList<>();
    Matrix a_next = a0;
    for (Matrix xt : x) {
      RnnCellForward f = rnnCellForward(xt, a_next, p);
      a_next = f.a_next();
      a.add(a_next);
      y.add(f.yt_pred());
      caches.add(f.cache());
    }
    return new RnnForward(a, y, caches, x);
  }

  /** rnn_backward's gradients: {"dx", "da0", "dWax", "dWaa", "dba"}. */
  public record RnnGradients(List<Matrix> dx, Matrix da0, Matrix dWax, Matrix dWaa, Matrix dba) {}

  // each step gets da[:, :, t] + da_prevt: the loss's gradient at a⟨t⟩ and what flows back from step t + 1
  public static RnnGradients rnnBackward(List<Matrix> da, RnnForward f) {
    RnnParameters p = f.caches().get(0).parameters();
    int T = da.size();
    Matrix[] dx = new Matrix[T];
    Matrix dWax = zerosLike(p.Wax());
    Matrix dWaa = zerosLike(p.Waa());
    Matrix dba = zerosLike(p.ba());
    Matrix da_prevt = zerosLike(da.get(0));
    for (int t = T - 1; t >= 0; t--) {
      RnnCellGradients g = rnnCellBackward(da.get(t).plus(da_prevt), f.caches().get(t));
      dx[t] = g.dxt();
      dWax = dWax.plus(g.dWax());
      dWaa = dWaa.plus(g.dWaa());
      dba = dba.plus(g.dba());
      da_prevt = g.da_prev();
    }
    return new RnnGradients(List.of(dx), da_prevt, dWax, dWaa, dba);
  }

  // ---- the LSTM cell ----

  /**
   * The LSTM's parameters: the gates Wf, Wi, Wc, Wo (n_a, n_a + n_x), acting on concat = [a_prev; xt] (the first n_a
   * columns on a_prev, the rest on xt), their biases (n_a, 1), and the output's Wy (n_y, n_a), by (n_y, 1).
   */
  public record LstmParameters(Matrix Wf, Matrix bf, Matrix Wi, Matrix bi, Matrix Wc, Matrix bc, Matrix Wo, Matrix bo,
      Matrix Wy, Matrix by) {
    /** From the course's parameters dictionary. */
    public static LstmParameters of(Map<String, Matrix> p) {
      return new LstmParameters(p.get("Wf"), p.get("bf"), p.get("Wi"), p.get("bi"), p.get("Wc"), p.get("bc"),
          p.get("Wo"), p.get("bo"), p.get("Wy"), p.get("by"));
    }

    /** As the course's dictionary: {"Wf", "bf", "Wi", "bi", "Wc", "bc", "Wo", "bo", "Wy", "by"}. */
    public Map<String, Matrix> dict() {
      Map<String, Matrix> m = new LinkedHashMap<>();
      m.put("Wf", Wf);
      m.put("bf", bf);
      m.put("Wi", Wi);
      m.put("bi", bi);
      m.put("Wc", Wc);
      m.put("bc", bc);
      m.put("Wo", Wo);
      m.put("bo", bo);
      m.put("Wy", Wy);
      m.put("by", by);
      return m;
    }
  }

  /** lstm_cell_forward's cache: (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters). */
  public record LstmCache(Matrix a_next, Matrix c_next, Matrix a_prev, Matrix c_prev, Matrix ft, Matrix it,
      Matrix cct, Matrix ot, Matrix xt, LstmParameters parameters) {}

  public record LstmCellForward(Matrix a_next, Matrix c_next, Matrix yt_pred, LstmCache cache) {}

  public static LstmCellForward lstmCellForward(Matrix xt, Matrix a_prev, Matrix c_prev, LstmParameters p) {
    Matrix concat = stack(a_prev, xt);                                     // concat = [a_prev; xt]
    Matrix ft = p.Wf().dot(concat).plusColumn(p.bf()).map(Recurrent::sigmoid); // forget gate
    Matrix it = p.Wi().dot(concat).plusColumn(p.bi()).map(Recurrent::sigmoid); // update gate
    Matrix cct = p.Wc().dot(concat).plusColumn(p.bc()).map(Math::tanh);     // candidate c̃
    Matrix c_next = ft.times(c_prev).plus(it.times(cct));                  // c_next = ft ⊙ c_prev + it ⊙ c̃
    Matrix ot = p.Wo().dot(concat).plusColumn(p.bo()).map(Recurrent::sigmoid); // output gate
    Matrix a_next = ot.times(c_next.map(Math::tanh));                      // a_next = ot ⊙ tanh(c_next)
    Matrix yt_pred = softmax(p.Wy().dot(a_next).plusColumn(p.by()));
    return new LstmCellForward(a_next, c_next, yt_pred, new LstmCache(a_next, c_next, a_prev, c_prev, ft, it, cct, ot,
        xt, p));
  }

  /**
   * lstm_cell_backward's gradients: {"dxt", "da_prev", "dc_prev", "dWf", "dbf", "dWi", "dbi", "dWc", "dbc", "dWo",
   * "dbo"}.
   */
  public record LstmCellGradients(Matrix dxt, Matrix da_prev, Matrix dc_prev, Matrix dWf, Matrix dbf, Matrix dWi,
      Matrix dbi, Matrix dWc, Matrix dbc, Matrix dWo, Matrix dbo) {}

  public static LstmCellGradients lstmCellBackward(Matrix da_next, Matrix dc_next, LstmCache c) {
    LstmParameters p = c.parameters();
    int n_a = c.a_next().rows();
    Matrix tanhC = c.c_next().map(Math::tanh);
    Matrix dc = dc_next.plus(da_next.times(c.ot()).times(tanhC.map(v -> 1 - v * v))); // dc_next + da·ot·(1 − tanh²c)
    Matrix dot = da_next.times(tanhC).times(c.ot().map(o -> o * (1 - o)));     // dot = da·tanh(c)·ot·(1 − ot)
    Matrix dcct = dc.times(c.it()).times(c.cct().map(v -> 1 - v * v));        // dc̃ = dc·it·(1 − c̃²)
    Matrix dit = dc.times(c.cct()).times(c.it().map(i -> i * (1 - i)));       // dit = dc·c̃·it·(1 − it)
    Matrix dft = dc.times(c.c_prev()).times(c.ft().map(f -> f * (1 - f)));    // dft = dc·c_prev·ft·(1 − ft)
    Matrix concatT = stack(c.a_prev(), c.xt()).transpose();
    Matrix dWf = dft.dot(concatT);                                            // dWf = dft·concatᵀ, and so on
    Matrix dWi = dit.dot(concatT);
    Matrix dWc = dcct.dot(concatT);
    Matrix dWo = dot.dot(concatT);
    // da_prev = Σ_gates W_g[:, :n_a]ᵀ·d_g; dxt = Σ_gates W_g[:, n_a:]ᵀ·d_g
    Matrix da_prev = part(p.Wf(), 0, n_a).transpose().dot(dft).plus(part(p.Wi(), 0, n_a).transpose().dot(dit))
        .plus(part(p.Wc(), 0, n_a).transpose().dot(dcct)).plus(part(p.Wo(), 0, n_a).transpose().dot(dot));
    int n = p.Wf().cols();
    Matrix dxt = part(p.Wf(), n_a, n).transpose().dot(dft).plus(part(p.Wi(), n_a, n).transpose().dot(dit))
        .plus(part(p.Wc(), n_a, n).transpose().dot(dcct)).plus(part(p.Wo(), n_a, n).transpose().dot(dot));
    Matrix dc_prev = dc.times(c.ft());                                        // dc_prev = dc·ft
    return new LstmCellGradients(dxt, da_prev, dc_prev, dWf, dft.sumColumns(), dWi, dit.sumColumns(), dWc,
        dcct.sumColumns(), dWo, dot.sumColumns());
  }

  // ---- the LSTM over T_x steps ----

  /** lstm_forward's result: a, y and c (T_x steps each), the caches, x. */
  public record LstmForward(List<Matrix> a, List<Matrix> y, List<Matrix> c, List<LstmCache> caches, List<Matrix> x) {}

  // a⟨t⟩, c⟨t⟩, ŷ⟨t⟩ = lstm_cell_forward(x⟨t⟩, a⟨t−1⟩, c⟨t−1⟩), from a0 and c⟨0⟩ = 0
  public static LstmForward lstmForward(List<Matrix> x, Matrix a0, LstmParameters p) {
    List<Matrix> a = new ArrayList<>();
    List<Matrix> y = new ArrayList<>();
    List<Matrix> cs = new ArrayList<>();
    List<LstmCache> caches = new ArrayList<>();
    Matrix a_next = a0;
    Matrix c_next = zerosLike(a0);
    for (Matrix xt : x) {
      LstmCellForward f = lstmCellForward(xt, a_next, c_next, p);
      a_next = f.a_next();
      c_next = f.c_next();
      a.add(a_next);
      y.add(f.yt_pred());
      cs.add(c_next);
      caches.add(f.cache());
    }
    return new LstmForward(a, y, cs, caches, x);
  }

  /** lstm_backward's gradients: {"dx", "da0", "dWf", "dbf", "dWi", "dbi", "dWc", "dbc", "dWo", "dbo"}. */
  public record LstmGradients(List<Matrix> dx, Matrix da0, Matrix dWf, Matrix dbf, Matrix dWi, Matrix dbi,
      Matrix dWc, Matrix dbc, Matrix dWo, Matrix dbo) {}

  // each step gets da[:, :, t] + da_prevt and dc_prevt from step t + 1
  public static LstmGradients lstmBackward(List<Matrix> da, LstmForward f) {
    LstmParameters p = f.caches().get(0).parameters();
    int T = da.size();
    Matrix[] dx = new Matrix[T];
    Matrix[] sums = {zerosLike(p.Wf()), zerosLike(p.bf()), zerosLike(p.Wi()), zerosLike(p.bi()), zerosLike(p.Wc()),
        zerosLike(p.bc()), zerosLike(p.Wo()), zerosLike(p.bo())};
    Matrix da_prevt = zerosLike(da.get(0));
    Matrix dc_prevt = zerosLike(da.get(0));
    for (int t = T - 1; t >= 0; t--) {
      LstmCellGradients g = lstmCellBackward(da.get(t).plus(da_prevt), dc_prevt, f.caches().get(t));
      dx[t] = g.dxt();
      Matrix[] step = {g.dWf(), g.dbf(), g.dWi(), g.dbi(), g.dWc(), g.dbc(), g.dWo(), g.dbo()};
      for (int k = 0; k < sums.length; k++) {
        sums[k] = sums[k].plus(step[k]);
      }
      da_prevt = g.da_prev();
      dc_prevt = g.dc_prev();
    }
    return new LstmGradients(List.of(dx), da_prevt, sums[0], sums[1], sums[2], sums[3], sums[4], sums[5], sums[6],
        sums[7]);
  }

  // ---- the course's helpers ----

  // softmax over each column (axis 0): the dense layers' own (Activations.softmax)
  public static Matrix softmax(Matrix z) {
    return Activations.softmax(z);
  }

  // clip(gradient, maxValue): every entry into [−maxValue, maxValue] (np.clip)
  public static Matrix clip(Matrix gradient, double maxValue) {
    return gradient.map(g -> Math.max(-maxValue, Math.min(maxValue, g)));
  }

  static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  /** [top; bottom]: the rows of one above the other's (np.concatenate(axis=0)). */
  static Matrix stack(Matrix top, Matrix bottom) {
    double[] v = new double[(top.rows() + bottom.rows()) * top.cols()];
    System.arraycopy(top.backingArray(), 0, v, 0, top.rows() * top.cols());
    System.arraycopy(bottom.backingArray(), 0, v, top.rows() * top.cols(), bottom.rows() * bottom.cols());
    return Matrix.adopt(top.rows() + bottom.rows(), top.cols(), v);
  }

  /** Columns [from, to) of W: W[:, from:to]. */
  static Matrix part(Matrix W, int from, int to) {
    return W.columns(from, to);
  }

  static Matrix zerosLike(Matrix m) {
    return Matrix.zeros(m.rows(), m.cols());
  }
}
