package twinnet.scratch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import twinnet.model.Matrix;

/**
 * The character-level language model of course 5, week 1 ("Dinosaurus Island"), in its names: a basic RNN or an LSTM
 * over one-hot characters, a softmax over the vocabulary at every time step, the cross-entropy summed over the time
 * steps, {@code clip} on every gradient, then a plain gradient step ({@code optimize}). The course trains one name at a
 * time (m = 1); here a step may take m sequences of one length, and the loss is averaged over them (at m = 1 it is the
 * course's):
 *
 * <pre>J = −(1/m) Σ_i Σ_t log ŷ⟨t⟩[y⟨t⟩_i, i]</pre>
 *
 * <p>The parameters are the course's dictionary: Wax, Waa, Wya, ba, by (RNN); Wf, bf, Wi, bi, Wc, bc, Wo, bo, Wy, by
 * (LSTM); its gradients the same keys with a "d" in front.
 */
public final class CharModel {
  private CharModel() {}

  /** The recurrent cell. */
  public enum Cell {
    RNN, LSTM;

    /** The parameters' keys, in the course's order. */
    public List<String> keys() {
      return this == RNN ? List.of("Wax", "Waa", "Wya", "ba", "by")
          : List.of("Wf", "bf", "Wi", "bi", "Wc", "bc", "Wo", "bo", "Wy", "by");
    }
  }

  /**
   * initialize_parameters: every weight np.random.randn(rows, cols) · scale, every bias zeros (the course's scale is
   * 0.01); the draws are java.util.Random's Gaussians from {@code seed}, key by key in {@link Cell#keys()}'s order.
   */
  public static Map<String, Matrix> initializeParameters(Cell cell, int n_x, int n_a, int n_y, double scale,
      long seed) {
    Random r = new Random(seed);
    Map<String, Matrix> p = new LinkedHashMap<>();
    for (String key : cell.keys()) {
      boolean output = key.equals("Wya") || key.equals("Wy") || key.equals("by");
      int rows = output ? n_y : n_a;
      int cols = key.startsWith("b") ? 1 : key.equals("Wax") ? n_x : key.equals("Waa") || output ? n_a
          : n_a + n_x; // the LSTM's gates act on [a_prev; xt]
      double[][] v = new double[rows][cols];
      if (!key.startsWith("b")) {
        for (double[] row : v) {
          for (int j = 0; j < cols; j++) {
            row[j] = r.nextGaussian() * scale;
          }
        }
      }
      p.put(key, Matrix.of(v));
    }
    return p;
  }

  /** One pass over a batch: J, the activations a⟨t⟩ and ŷ⟨t⟩, dJ/dx⟨t⟩ and dJ/d(every parameter). */
  public record Pass(double loss, List<Matrix> a, List<Matrix> y_hat, List<Matrix> dx, Map<String, Matrix> gradients) {}

  /** The sequence backward a model uses (Recurrent's, or a test's broken one): the cell's gradients and dx. */
  public interface SequenceBackward {
    /** The cell's gradients by the course's keys ("dWax", "dWf", …) and dx, from the loss's da⟨t⟩. */
    Map<String, Object> backward(List<Matrix> da, Object forward);
  }

  /** Recurrent's rnn_backward and lstm_backward. */
  public static final SequenceBackward COURSE_BACKWARD = (da, forward) -> {
    Map<String, Object> g = new LinkedHashMap<>();
    if (forward instanceof Recurrent.RnnForward f) {
      Recurrent.RnnGradients r = Recurrent.rnnBackward(da, f);
      g.put("dx", r.dx());
      g.put("dWax", r.dWax());
      g.put("dWaa", r.dWaa());
      g.put("dba", r.dba());
    } else {
      Recurrent.LstmGradients r = Recurrent.lstmBackward(da, (Recurrent.LstmForward) forward);
      g.put("dx", r.dx());
      g.put("dWf", r.dWf());
      g.put("dbf", r.dbf());
      g.put("dWi", r.dWi());
      g.put("dbi", r.dbi());
      g.put("dWc", r.dWc());
      g.put("dbc", r.dbc());
      g.put("dWo", r.dWo());
      g.put("dbo", r.dbo());
    }
    return g;
  };

  /**
   * Forward and backward over x (T_x steps of n_x × m) with the target classes {@code y[t][i]} (a character's index),
   * from a⟨0⟩ = 0.
   */
  public static Pass pass(Cell cell, List<Matrix> x, int[][] y, Map<String, Matrix> p, SequenceBackward backward) {
    int m = x.get(0).cols();
    Matrix a0 = Matrix.zeros(p.get(cell == Cell.RNN ? "Waa" : "bf").rows(), m);
    Object forward;
    List<Matrix> a;
    List<Matrix> yHat;
    if (cell == Cell.RNN) {
      Recurrent.RnnForward f = Recurrent.rnnForward(x, a0, Recurrent.RnnParameters.of(p));
      forward = f;
      a = f.a();
      yHat = f.y_pred();
    } else {
      Recurrent.LstmForward f = Recurrent.lstmForward(x, a0, Recurrent.LstmParameters.of(p));
      forward = f;
      a = f.a();
      yHat = f.y();
    }
    Matrix Wy = p.get(cell == Cell.RNN ? "Wya" : "Wy");
    double loss = 0;
    Matrix dWy = Matrix.zeros(Wy.rows(), Wy.cols());
    Matrix dby = Matrix.zeros(Wy.rows(), 1);
    List<Matrix> da = new ArrayList<>();
    for (int t = 0; t < x.size(); t++) {
      double[][] dy = yHat.get(t).toArray();
      for (int i = 0; i < m; i++) {
        loss -= Math.log(dy[y[t][i]][i]) / m;           // J = −(1/m) Σ log ŷ⟨t⟩[y⟨t⟩]
        dy[y[t][i]][i] -= 1;                            // dz_y⟨t⟩ = (ŷ⟨t⟩ − y⟨t⟩) / m
      }
      Matrix dz = Matrix.of(dy).scale(1.0 / m);
      dWy = dWy.plus(dz.dot(a.get(t).transpose()));     // dWya += dz_y⟨t⟩·a⟨t⟩ᵀ
      dby = dby.plus(dz.sumColumns());                   // dby += Σ_examples dz_y⟨t⟩
      da.add(Wy.transpose().dot(dz));                    // da⟨t⟩ = Wyaᵀ·dz_y⟨t⟩: the loss's gradient at a⟨t⟩
    }
    Map<String, Object> cellGradients = backward.backward(da, forward);
    Map<String, Matrix> gradients = new LinkedHashMap<>();
    for (String key : cell.keys()) {
      String d = "d" + key;
      gradients.put(d, key.equals("by") ? dby : key.startsWith("Wy") ? dWy : (Matrix) cellGradients.get(d));
    }
    @SuppressWarnings("unchecked")
    List<Matrix> dx = (List<Matrix>) cellGradients.get("dx");
    return new Pass(loss, a, yHat, dx, gradients);
  }

  /**
   * The same pass in {@link RecurrentFast}'s form (every time step side by side; the output's softmax, dWy and da over
   * all of them in one product each): the numbers of {@link #pass} to rounding ({@code RecurrentFastTest}), faster.
   */
  public static Pass passFast(Cell cell, List<Matrix> x, int[][] y, Map<String, Matrix> p) {
    int m = x.get(0).cols();
    int T = x.size();
    Matrix X = RecurrentFast.sideBySide(x);
    Matrix A;
    RecurrentFast.RnnPass rnn = null;
    RecurrentFast.LstmPass lstm = null;
    RecurrentFast.Lstm stacked = null;
    if (cell == Cell.RNN) {
      rnn = RecurrentFast.rnnForward(X, m, p.get("Wax"), p.get("Waa"), p.get("ba"));
      A = rnn.a();
    } else {
      stacked = RecurrentFast.Lstm.of(Recurrent.LstmParameters.of(p));
      lstm = RecurrentFast.lstmForward(X, m, stacked);
      A = lstm.a();
    }
    Matrix Wy = p.get(cell == Cell.RNN ? "Wya" : "Wy");
    Matrix yHat = Activations.softmax(Kernels.matmul(Wy, A).plusColumn(p.get("by"))); // ŷ for every t at once
    double[] dz = yHat.toRowMajor();
    int w = T * m;
    double loss = 0;
    for (int t = 0; t < T; t++) {
      for (int i = 0; i < m; i++) {
        int at = y[t][i] * w + t * m + i;
        loss -= Math.log(dz[at]) / m;                    // J = −(1/m) Σ log ŷ⟨t⟩[y⟨t⟩]
        dz[at] -= 1;
      }
    }
    Matrix dZ = Matrix.adopt(Wy.rows(), w, dz).scale(1.0 / m); // (ŷ − y) / m
    Matrix dA = Kernels.matmulTN(Wy, dZ);                     // da⟨t⟩ = Wyᵀ·dz⟨t⟩
    Map<String, Matrix> g = new LinkedHashMap<>();
    Matrix dX;
    if (cell == Cell.RNN) {
      RecurrentFast.RnnGradients r = RecurrentFast.rnnBackward(dA, rnn, p.get("Wax"), p.get("Waa"));
      dX = r.dx();
      g.put("dWax", r.dWax());
      g.put("dWaa", r.dWaa());
      g.put("dWya", Kernels.matmulNT(dZ, A));
      g.put("dba", r.dba());
    } else {
      RecurrentFast.LstmGradients r = RecurrentFast.lstmBackward(dA, lstm, stacked);
      dX = r.dx();
      String[] gates = {"f", "i", "c", "o"};
      for (int k = 0; k < 4; k++) {
        g.put("dW" + gates[k], RecurrentFast.Lstm.gate(r.dWa(), r.dWx(), k));
        g.put("db" + gates[k], RecurrentFast.Lstm.rows(r.db(), k));
      }
      g.put("dWy", Kernels.matmulNT(dZ, A));
    }
    g.put("dby", dZ.sumColumns());
    return new Pass(loss, RecurrentFast.steps(A, T), RecurrentFast.steps(yHat, T), RecurrentFast.steps(dX, T), g);
  }

  /**
   * sample: a sequence drawn from the model, as the course's sample() does. x⟨1⟩ = 0 and a⟨0⟩ = 0. At each step the
   * next character is drawn from ŷ⟨t⟩ and fed back one-hot. It stops after {@code end} (the newline's index) or at
   * {@code maxLength} characters. {@code uniform} gives the draws in [0, 1), and the index is the first whose
   * cumulative probability passes the draw ({@code Draws.pick}).
   */
  public static List<Integer> sample(Cell cell, Map<String, Matrix> p, int end, java.util.function.DoubleSupplier
      uniform, int maxLength) {
    int nA = p.get(cell == Cell.RNN ? "Waa" : "bf").rows();
    int nX = cell == Cell.RNN ? p.get("Wax").cols() : p.get("Wf").cols() - nA;
    Matrix x = Matrix.zeros(nX, 1);
    Matrix a = Matrix.zeros(nA, 1);
    Matrix c = Matrix.zeros(nA, 1);
    List<Integer> indices = new ArrayList<>();
    while (indices.size() < maxLength) {
      Matrix y;
      if (cell == Cell.RNN) {
        Recurrent.RnnCellForward f = Recurrent.rnnCellForward(x, a, Recurrent.RnnParameters.of(p));
        a = f.a_next();
        y = f.yt_pred();
      } else {
        Recurrent.LstmCellForward f = Recurrent.lstmCellForward(x, a, c, Recurrent.LstmParameters.of(p));
        a = f.a_next();
        c = f.c_next();
        y = f.yt_pred();
      }
      // idx = np.random.choice(range(vocab_size), p = y.ravel())
      int idx = twinnet.model.Draws.pick(y.toRowMajor(), uniform.getAsDouble());
      indices.add(idx);
      if (idx == end) {
        break;
      }
      x = Matrix.zeros(nX, 1).with(idx, 0, 1);
    }
    return indices;
  }

  /** clip(gradients, maxValue): every gradient into [−maxValue, maxValue] (none when maxValue is null). */
  public static Map<String, Matrix> clip(Map<String, Matrix> gradients, Double maxValue) {
    Map<String, Matrix> c = new LinkedHashMap<>();
    gradients.forEach((k, g) -> c.put(k, maxValue == null ? g : Recurrent.clip(g, maxValue)));
    return c;
  }

  /** update_parameters: W = W − learning_rate · dW, for every key. */
  public static Map<String, Matrix> updateParameters(Map<String, Matrix> p, Map<String, Matrix> gradients,
      double learningRate) {
    Map<String, Matrix> next = new LinkedHashMap<>();
    p.forEach((k, w) -> next.put(k, Optimization.gradientStep(w, gradients.get("d" + k), learningRate)));
    return next;
  }

  /** optimize's result: the pass (loss, activations, raw gradients), the clipped gradients, the new parameters. */
  public record Optimized(Pass pass, Map<String, Matrix> clipped, Map<String, Matrix> parameters) {}

  /** optimize: forward, backward, clip, update. */
  public static Optimized optimize(Cell cell, List<Matrix> x, int[][] y, Map<String, Matrix> p, double learningRate,
      Double maxValue, SequenceBackward backward) {
    Pass pass = pass(cell, x, y, p, backward);
    Map<String, Matrix> clipped = clip(pass.gradients(), maxValue);
    return new Optimized(pass, clipped, updateParameters(p, clipped, learningRate));
  }
}
