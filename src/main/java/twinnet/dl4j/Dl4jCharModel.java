package twinnet.dl4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import twinnet.model.Matrix;

/**
 * The character model's twin: a SimpleRnn or LSTM (tanh, sigmoid gates) and an RnnOutputLayer (softmax,
 * cross-entropy) in one MultiLayerNetwork, double precision, plain SGD, DL4J's element-wise gradient clipping
 * (ClipElementWiseAbsoluteValue) as the course's {@code clip}. Set from, and read back into, the course's parameters.
 *
 * <p>The conventions, in one place. DL4J's score is the cross-entropy summed over the time steps and the batch,
 * divided by m: the course's loss at m = 1, its mean over m sequences otherwise. DL4J's gradients (and its input
 * gradient dx) are sums over the batch; its updater divides them by m, <i>then</i> clips, then steps: so raw ÷ m is
 * the course's gradient, and the update the updater makes ÷ learning rate the course's clipped gradient. MCXENT's
 * softmax clamp (ŷ into [1e-10, 1 − 1e-10] for the score, by default) is set to 0: the course's loss has none.
 */
public final class Dl4jCharModel {
  private final boolean lstm;
  private final int nX;
  private final int nA;
  private final double learningRate;
  private final MultiLayerNetwork net;

  /** One step: the score before it, a⟨t⟩, ŷ⟨t⟩, dx⟨t⟩ and the gradients (÷ m), the applied (clipped) gradients. */
  public record Step(double loss, List<Matrix> a, List<Matrix> y_hat, List<Matrix> dx, Map<String, Matrix> gradients,
      Map<String, Matrix> applied) {}

  /**
   * @param lstm an LSTM (else a SimpleRnn)
   * @param parameters the course's dictionary (Wax, Waa, Wya, ba, by or Wf … bo, Wy, by)
   * @param maxValue the clipping threshold, or null for none
   */
  public Dl4jCharModel(boolean lstm, Map<String, Matrix> parameters, double learningRate, Double maxValue) {
    this.lstm = lstm;
    Matrix Wy = parameters.get(lstm ? "Wy" : "Wya");
    this.nA = Wy.cols();
    this.nX = lstm ? parameters.get("Wf").cols() - nA : parameters.get("Wax").cols();
    this.learningRate = learningRate;
    NeuralNetConfiguration.Builder b = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
        .trainingWorkspaceMode(WorkspaceMode.NONE).inferenceWorkspaceMode(WorkspaceMode.NONE)
        .updater(new Sgd(learningRate));
    if (maxValue != null) {
      b.gradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue)
          .gradientNormalizationThreshold(maxValue);
    }
    NeuralNetConfiguration.ListBuilder list = b.list();
    list.layer(lstm
        ? new LSTM.Builder().nIn(nX).nOut(nA).activation(Activation.TANH).gateActivationFunction(Activation.SIGMOID)
            .dataFormat(RNNFormat.NCW).build()
        : new SimpleRnn.Builder().nIn(nX).nOut(nA).activation(Activation.TANH).dataFormat(RNNFormat.NCW).build());
    // MCXENT with its softmax clamp off: by default DL4J's score clamps ŷ into [1e-10, 1 − 1e-10] (its gradient does
    // not); the course's loss has no clamp
    list.layer(new RnnOutputLayer.Builder(new LossMCXENT(0, null)).nIn(nA).nOut(Wy.rows())
        .activation(Activation.SOFTMAX).dataFormat(RNNFormat.NCW).build());
    net = new MultiLayerNetwork(list.setInputType(InputType.recurrent(nX, RNNFormat.NCW)).build());
    net.init();
    Dl4jRnnLayers.toDl4jParams(lstm, parameters, Dl4jRnnLayers.LSTM_GATES)
        .forEach((k, v) -> Dl4jRnnLayers.setParam(net, "0_" + k, v));
    Dl4jRnnLayers.setParam(net, "1_W", Wy.transpose());              // the output layer: W = Wyᵀ, b = byᵀ
    Dl4jRnnLayers.setParam(net, "1_b", parameters.get("by").transpose());
  }

  /** The network (for a bench: {@link #fit} is one step). */
  public MultiLayerNetwork network() {
    return net;
  }

  /** The current parameters in the course's keys. */
  public Map<String, Matrix> parameters() {
    Map<String, Matrix> t = new LinkedHashMap<>();
    for (String k : List.of("W", "RW", "b")) {
      t.put(k, Dl4jRnnLayers.matrix(net.getParam("0_" + k)));
    }
    Map<String, Matrix> p = Dl4jRnnLayers.toCourseParams(lstm, t, nA, nX, Dl4jRnnLayers.LSTM_GATES, "");
    Map<String, Matrix> ordered = new LinkedHashMap<>();
    for (String key : keys()) {
      ordered.put(key, key.equals("by") ? Dl4jRnnLayers.matrix(net.getParam("1_b")).transpose()
          : key.startsWith("Wy") ? Dl4jRnnLayers.matrix(net.getParam("1_W")).transpose() : p.get(key));
    }
    return ordered;
  }

  private List<String> keys() {
    return lstm ? List.of("Wf", "bf", "Wi", "bi", "Wc", "bc", "Wo", "bo", "Wy", "by")
        : List.of("Wax", "Waa", "Wya", "ba", "by");
  }

  /** The course's targets y[t][i] (class indices) as DL4J's one-hot labels [m, n_y, T]. */
  public static INDArray labels(int[][] y, int nY) {
    int T = y.length;
    int m = y[0].length;
    double[] v = new double[m * nY * T];
    for (int t = 0; t < T; t++) {
      for (int i = 0; i < m; i++) {
        v[(i * nY + y[t][i]) * T + t] = 1;
      }
    }
    return Nd4j.create(v, new long[] {m, nY, T}, 'c');
  }

  /** One training step on x (the course's T steps of n_x × m) and targets y[t][i], with everything it saw. */
  public Step step(List<Matrix> x, int[][] y) {
    INDArray features = Dl4jRnnLayers.toDl4j(x);
    INDArray labels = labels(y, (int) net.getParam("1_b").length());
    int m = x.get(0).cols();
    List<INDArray> acts = net.feedForward(features, false);
    Pair<Gradient, INDArray> g = net.calculateGradients(features, labels, null, null);
    Map<String, Matrix> raw = gradients(g.getFirst(), 1.0 / m);
    List<Matrix> dx = Dl4jRnnLayers.toCourse(g.getSecond()).stream().map(d -> d.scale(1.0 / m)).toList();
    net.fit(new DataSet(features, labels));
    double loss = net.score(); // the score fit computed, at the parameters before its update
    // the updater turns the gradient view into the update it subtracts, learning rate · clip(g ÷ m): ÷ the learning
    // rate, the clipped gradient (read so, not as (before − after) ÷ rate, which loses digits at a small rate)
    Map<String, Matrix> applied = gradients(net.gradient(), 1 / learningRate);
    return new Step(loss, Dl4jRnnLayers.toCourse(acts.get(1)), Dl4jRnnLayers.toCourse(acts.get(2)), dx, raw, applied);
  }

  /**
   * The course's sample() on the twin: DL4J's rnnTimeStep, which keeps the layer's state between calls, fed one
   * character at a time from x⟨1⟩ = 0 and a zero state. Each index is drawn with CharModel's rule (the first whose
   * cumulative probability passes the draw: Draws.pick), from the same draws.
   */
  public List<Integer> sample(int end, java.util.function.DoubleSupplier uniform, int maxLength) {
    int nY = (int) net.getParam("1_b").length();
    net.rnnClearPreviousState();
    INDArray x = Nd4j.zeros(DataType.DOUBLE, 1, nX, 1);
    List<Integer> indices = new java.util.ArrayList<>();
    while (indices.size() < maxLength) {
      INDArray y = net.rnnTimeStep(x);
      double[] p = new double[nY];
      for (int j = 0; j < nY; j++) {
        p[j] = y.rank() == 3 ? y.getDouble(0, j, 0) : y.getDouble(0, j);
      }
      int idx = twinnet.model.Draws.pick(p, uniform.getAsDouble());
      indices.add(idx);
      if (idx == end) {
        break;
      }
      x = Nd4j.zeros(DataType.DOUBLE, 1, nX, 1);
      x.putScalar(new long[] {0, idx, 0}, 1);
    }
    net.rnnClearPreviousState();
    return indices;
  }

  /** One step, nothing read back (a bench's). */
  public void fit(INDArray features, INDArray labels) {
    net.fit(new DataSet(features, labels));
  }

  private Map<String, Matrix> gradients(Gradient g, double scale) {
    Map<String, Matrix> d = Dl4jRnnLayers.toCourseParams(lstm, Dl4jRnnLayers.table(g, "0_"), nA, nX,
        Dl4jRnnLayers.LSTM_GATES, "d");
    Map<String, Matrix> ordered = new LinkedHashMap<>();
    for (String key : keys()) {
      Matrix v = key.equals("by") ? Dl4jRnnLayers.matrix(g.getGradientFor("1_b")).transpose()
          : key.startsWith("Wy") ? Dl4jRnnLayers.matrix(g.getGradientFor("1_W")).transpose() : d.get("d" + key);
      ordered.put("d" + key, v.scale(scale));
    }
    return ordered;
  }
}
