package twinnet.dl4j;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import twinnet.model.Matrix;

/**
 * One recurrent layer of DL4J (SimpleRnn, LSTM) run forward and backward from the course's parameters, on the
 * course's sequences: the twin of rnn_forward / rnn_backward and lstm_forward / lstm_backward. Double precision, tanh
 * set explicitly (DL4J's default activation is sigmoid), the upstream gradient da given as DL4J's epsilon, the initial
 * state a0 = 0 (DL4J's backprop always starts from zero, and returns no da0).
 *
 * <p>The layout, in one place: the course's sequence (n, m, T_x), here a list of T_x matrices n × m, is DL4J's
 * [m, n, T] (NCW). SimpleRnn holds W = Waxᵀ [n_x, n_a], RW = Waaᵀ [n_a, n_a], b = ba [n_a]. LSTM holds W [n_x, 4n_a],
 * RW [n_a, 4n_a] and b [4n_a] in four blocks of n_a columns, in the order {@link #LSTM_GATES} (LSTMHelpers: block 0
 * the tanh candidate, then the forget, output and input gates); a course gate W_g (n_a, n_a + n_x) acts on [a_prev;
 * xt], so its first n_a columns transposed are RW's block and the rest transposed are W's.
 */
public final class Dl4jRnnLayers {
  private Dl4jRnnLayers() {}

  /** DL4J's LSTM blocks, by the course's gate names: [c̃ (Wc), forget (Wf), output (Wo), input/update (Wi)]. */
  public static final List<String> LSTM_GATES = List.of("c", "f", "o", "i");

  /** The layer's activations a (T_x steps), dx, and the course's gradients by their keys ("dWax", "dWf", …). */
  public record Run(List<Matrix> a, List<Matrix> dx, Map<String, Matrix> gradients) {}

  private static NeuralNetConfiguration.ListBuilder base() {
    return new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).trainingWorkspaceMode(WorkspaceMode.NONE)
        .inferenceWorkspaceMode(WorkspaceMode.NONE).list();
  }

  /** DL4J's SimpleRnn with the course's Wax, Waa, ba ({@code parameters}' keys) on x, da as its epsilon. */
  public static Run simpleRnn(List<Matrix> x, Map<String, Matrix> parameters, List<Matrix> da) {
    Matrix Wax = parameters.get("Wax");
    MultiLayerNetwork net = network(false, parameters, LSTM_GATES);
    Pair<List<Matrix>, Pair<Gradient, INDArray>> r = run(net, x, da);
    Map<String, Matrix> grads = toCourseParams(false, table(r.getSecond().getFirst(), "0_"), Wax.rows(), Wax.cols(),
        LSTM_GATES, "d");
    return new Run(r.getFirst(), toCourse(r.getSecond().getSecond()), grads);
  }

  /** DL4J's LSTM with the course's Wf, bf, Wi, bi, Wc, bc, Wo, bo on x, da as its epsilon. */
  public static Run lstm(List<Matrix> x, Map<String, Matrix> parameters, List<Matrix> da) {
    return lstm(x, parameters, da, LSTM_GATES);
  }

  /** ... with the course's gates put into DL4J's blocks in the order {@code gates} (a test's wrong orders). */
  static Run lstm(List<Matrix> x, Map<String, Matrix> parameters, List<Matrix> da, List<String> gates) {
    int nA = parameters.get("Wf").rows();
    int nX = parameters.get("Wf").cols() - nA;
    MultiLayerNetwork net = network(true, parameters, gates);
    Pair<List<Matrix>, Pair<Gradient, INDArray>> r = run(net, x, da);
    Map<String, Matrix> grads = toCourseParams(true, table(r.getSecond().getFirst(), "0_"), nA, nX, gates, "d");
    return new Run(r.getFirst(), toCourse(r.getSecond().getSecond()), grads);
  }

  /**
   * One SimpleRnn (tanh) or LSTM (tanh, sigmoid gates) layer holding the course's parameters, its blocks in the order
   * {@code gates}: a network to run forward and backward in DL4J's own layout (a bench's).
   */
  public static MultiLayerNetwork network(boolean lstm, Map<String, Matrix> parameters, List<String> gates) {
    int nA = parameters.get(lstm ? "Wf" : "Wax").rows();
    int nX = lstm ? parameters.get("Wf").cols() - nA : parameters.get("Wax").cols();
    MultiLayerNetwork net = new MultiLayerNetwork(base()
        .layer(lstm ? new LSTM.Builder().nIn(nX).nOut(nA).activation(Activation.TANH).gateActivationFunction(
            Activation.SIGMOID).dataFormat(RNNFormat.NCW).build()
            : new SimpleRnn.Builder().nIn(nX).nOut(nA).activation(Activation.TANH).dataFormat(RNNFormat.NCW).build())
        .setInputType(InputType.recurrent(nX, RNNFormat.NCW)).build());
    net.init();
    // all of b: DL4J starts the LSTM's forget block at forgetGateBiasInit = 1
    toDl4jParams(lstm, parameters, gates).forEach((k, v) -> setParam(net, "0_" + k, v));
    net.initGradientsView();
    return net;
  }

  /** Forward in training mode and backprop of eps, in DL4J's layout [m, n, T]: dL/dx. */
  public static INDArray forwardBackward(MultiLayerNetwork net, INDArray x, INDArray eps) {
    net.setInput(x);
    net.feedForward(true, false);
    return net.backpropGradient(eps, LayerWorkspaceMgr.noWorkspaces()).getSecond();
  }

  /**
   * The course's parameters of one recurrent layer as DL4J's "W", "RW", "b". SimpleRnn: Waxᵀ, Waaᵀ, baᵀ. LSTM: each
   * gate W_g's first n_a columns transposed into RW's block, the rest transposed into W's, b_g into b's, the blocks in
   * the order {@code gates}.
   */
  static Map<String, Matrix> toDl4jParams(boolean lstm, Map<String, Matrix> p, List<String> gates) {
    Map<String, Matrix> t = new LinkedHashMap<>();
    if (!lstm) {
      t.put("W", p.get("Wax").transpose());
      t.put("RW", p.get("Waa").transpose());
      t.put("b", p.get("ba").transpose());
      return t;
    }
    int nA = p.get("Wf").rows();
    int nX = p.get("Wf").cols() - nA;
    double[][] w = new double[nX][4 * nA];
    double[][] rw = new double[nA][4 * nA];
    double[][] b = new double[1][4 * nA];
    for (int g = 0; g < 4; g++) {
      Matrix Wg = p.get("W" + gates.get(g));
      Matrix bg = p.get("b" + gates.get(g));
      for (int j = 0; j < nA; j++) {
        for (int k = 0; k < nA; k++) {
          rw[k][g * nA + j] = Wg.get(j, k); // W_g[:, :n_a] acts on a_prev: RW's block, transposed
        }
        for (int k = 0; k < nX; k++) {
          w[k][g * nA + j] = Wg.get(j, nA + k); // W_g[:, n_a:] acts on xt: W's block, transposed
        }
        b[0][g * nA + j] = bg.get(j, 0);
      }
    }
    t.put("W", Matrix.of(w));
    t.put("RW", Matrix.of(rw));
    t.put("b", Matrix.of(b));
    return t;
  }

  /**
   * DL4J's "W", "RW", "b" of one recurrent layer (parameters or gradients) in the course's keys, each with
   * {@code prefix} ("d" for gradients): the inverse of {@link #toDl4jParams}, LSTM keys in the course's order f, i, c, o.
   */
  static Map<String, Matrix> toCourseParams(boolean lstm, Map<String, Matrix> t, int nA, int nX, List<String> gates,
      String prefix) {
    Map<String, Matrix> p = new LinkedHashMap<>();
    if (!lstm) {
      p.put(prefix + "Wax", t.get("W").transpose());
      p.put(prefix + "Waa", t.get("RW").transpose());
      p.put(prefix + "ba", t.get("b").rows() == 1 ? t.get("b").transpose() : t.get("b"));
      return p;
    }
    Matrix W = t.get("W");
    Matrix RW = t.get("RW");
    Matrix b = t.get("b").rows() == 1 ? t.get("b").transpose() : t.get("b");
    for (String gate : List.of("f", "i", "c", "o")) {
      int g = gates.indexOf(gate);
      double[][] Wg = new double[nA][nA + nX];
      double[][] bg = new double[nA][1];
      for (int j = 0; j < nA; j++) {
        for (int k = 0; k < nA; k++) {
          Wg[j][k] = RW.get(k, g * nA + j);
        }
        for (int k = 0; k < nX; k++) {
          Wg[j][nA + k] = W.get(k, g * nA + j);
        }
        bg[j][0] = b.get(g * nA + j, 0);
      }
      p.put(prefix + "W" + gate, Matrix.of(Wg));
      p.put(prefix + "b" + gate, Matrix.of(bg));
    }
    return p;
  }

  /** A layer's gradients "W", "RW", "b" from DL4J's gradient keys "0_W", …, as matrices. */
  static Map<String, Matrix> table(Gradient g, String layer) {
    Map<String, Matrix> t = new LinkedHashMap<>();
    for (String k : List.of("W", "RW", "b")) {
      t.put(k, matrix(g.getGradientFor(layer + k)));
    }
    return t;
  }

  /**
   * Sets a parameter from a matrix of the same numbers in the same order, refusing a shape that does not hold
   * exactly as many (a setParam of the wrong size writes past DL4J's view: docs/comparisons.md's trap).
   */
  static void setParam(MultiLayerNetwork net, String key, Matrix m) {
    INDArray now = net.getParam(key);
    if (now.length() != (long) m.rows() * m.cols()) {
      throw new IllegalArgumentException(key + " holds " + now.length() + " numbers, got " + m.shape());
    }
    net.setParam(key, Nd4j.create(m.toRowMajor(), now.shape(), 'c').castTo(now.dataType()));
  }

  /** Forward in training mode, then backprop of da: the activations and (gradient, dL/dx). */
  private static Pair<List<Matrix>, Pair<Gradient, INDArray>> run(MultiLayerNetwork net, List<Matrix> x,
      List<Matrix> da) {
    net.initGradientsView();
    net.setInput(toDl4j(x));
    List<INDArray> acts = net.feedForward(true, false); // training mode, the layers keep their inputs for backprop
    List<Matrix> a = toCourse(acts.get(acts.size() - 1));
    Pair<Gradient, INDArray> back = net.backpropGradient(toDl4j(da), LayerWorkspaceMgr.noWorkspaces());
    return new Pair<>(a, back);
  }

  /** The course's sequence (T steps of n × m) as DL4J's [m, n, T]. */
  public static INDArray toDl4j(List<Matrix> x) {
    int n = x.get(0).rows();
    int m = x.get(0).cols();
    int T = x.size();
    double[] v = new double[m * n * T];
    for (int t = 0; t < T; t++) {
      for (int j = 0; j < n; j++) {
        for (int i = 0; i < m; i++) {
          v[(i * n + j) * T + t] = x.get(t).get(j, i); // [i, j, t] in C order
        }
      }
    }
    return Nd4j.create(v, new long[] {m, n, T}, 'c');
  }

  /** DL4J's [m, n, T] as the course's sequence: T steps of n × m. */
  public static List<Matrix> toCourse(INDArray a) {
    INDArray d = a.castTo(DataType.DOUBLE);
    int m = (int) d.size(0);
    int n = (int) d.size(1);
    int T = (int) d.size(2);
    List<Matrix> out = new ArrayList<>();
    for (int t = 0; t < T; t++) {
      double[][] s = new double[n][m];
      for (int j = 0; j < n; j++) {
        for (int i = 0; i < m; i++) {
          s[j][i] = d.getDouble(i, j, t);
        }
      }
      out.add(Matrix.of(s));
    }
    return out;
  }

  /** A parameter or gradient (rank 1 or 2) as a matrix: a row vector [n] as 1 × n. */
  static Matrix matrix(INDArray a) {
    INDArray d = a.castTo(DataType.DOUBLE);
    int rows = d.rank() == 1 ? 1 : (int) d.size(0);
    int cols = d.rank() == 1 ? (int) d.size(0) : (int) d.size(1);
    double[][] v = new double[rows][cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        v[i][j] = d.rank() == 1 ? d.getDouble(j) : d.getDouble(i, j);
      }
    }
    return Matrix.of(v);
  }
}
