package twinnet.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import twinnet.data.Dataset;
import twinnet.data.Datasets;
import twinnet.model.Activation;
import twinnet.model.Initializer;
import twinnet.model.Loss;
import twinnet.model.Matrix;
import twinnet.model.Network;
import twinnet.model.NetworkSpec;
import twinnet.model.Parameters;

/**
 * Pins the DL4J 1.0.0-M2.1 facts that {@link Conventions} rests on, measured on DL4J itself (no
 * scratch code involved), so that a DL4J upgrade that changes one of them fails here first.
 */
class ConventionsTest {
  private static final Dataset DATA = Datasets.random(2, 3, 7, 11);

  private static Dl4jNetwork twin(Loss loss, Activation output) {
    NetworkSpec spec = NetworkSpec.of(new int[] {2, 4, 3}, Activation.TANH, output, loss);
    return Dl4jNetwork.initializedByDl4j(spec, Initializer.XAVIER, 5);
  }

  /** Raw DL4J: score and the raw gradient G of a net on the data. */
  private static MultiLayerNetwork backprop(Dl4jNetwork t) {
    MultiLayerNetwork net = t.dl4j();
    net.setInput(Conventions.toDl4jData(DATA.X()));
    net.setLabels(Conventions.toDl4jData(DATA.Y()));
    net.computeGradientAndScore();
    return net;
  }

  private static double sse(Matrix a, Matrix y) {
    Matrix d = a.minus(y);
    return d.times(d).sum();
  }

  @Test
  void lossMseScoreIsSseOverMTimesNOut() {
    Dl4jNetwork t = twin(Loss.MSE, Activation.IDENTITY);
    MultiLayerNetwork net = backprop(t);
    double expected = sse(t.predict(DATA.X()), DATA.Y()) / (7 * 3);
    assertThat(net.score()).isCloseTo(expected, within(1e-14 * expected));
  }

  @Test
  void rawGradientIsSummedOverTheBatchNotAveraged() {
    // Output layer with identity activation and LossMSE: ∂S/∂b_j = Σ_i 2(a_ij − y_ij)/(m·n_y), so the
    // summed raw gradient is G_j = Σ_i 2(a_ij − y_ij)/n_y = m·∂S/∂b_j.
    Dl4jNetwork t = twin(Loss.MSE, Activation.IDENTITY);
    Matrix residual = t.predict(DATA.X()).minus(DATA.Y()).scale(2.0 / 3);
    INDArray g = backprop(t).gradient().getGradientFor("1_b");
    for (int j = 0; j < 3; j++) {
      double summed = residual.columns(0, 7).transpose().columns(j, j + 1).sum();
      assertThat(g.getDouble(j)).isCloseTo(summed, within(1e-13));
    }
  }

  @Test
  void oneFitWithSgdIsThetaMinusEtaTimesGOverM() {
    Dl4jNetwork t = twin(Loss.MSE, Activation.IDENTITY);
    MultiLayerNetwork net = backprop(t);
    INDArray before = net.params().dup();
    INDArray g = net.gradient().gradient().dup();
    double scoreBefore = net.score();
    net.setLearningRate(0.3);
    net.fit(new DataSet(Conventions.toDl4jData(DATA.X()), Conventions.toDl4jData(DATA.Y())));
    INDArray expected = before.sub(g.mul(0.3 / 7));
    assertThat(net.params().distance2(expected)).isLessThan(1e-14);
    // after fit, score() is the score before the update
    assertThat(net.score()).isEqualTo(scoreBefore);
  }

  @Test
  void layoutIsTransposedWeightsAndRank1Biases() {
    Dl4jNetwork t = twin(Loss.MSE, Activation.IDENTITY);
    assertThat(t.dl4j().getParam("0_W").shape()).containsExactly(2, 4); // [n_in, n_out]
    assertThat(t.dl4j().getParam("0_b").rank()).isEqualTo(1);
    assertThat(t.dl4j().getParam("0_b").shape()).containsExactly(4);
    Parameters p = t.parameters();
    assertThat(p.W(1).shape()).isEqualTo("4×2");
    assertThat(p.W(1).get(3, 1)).isEqualTo(t.dl4j().getParam("0_W").getDouble(1, 3));
    assertThat(p.b(1).shape()).isEqualTo("4×1");
  }

  @Test
  void parametersRoundTripBitExactly() {
    Dl4jNetwork a = twin(Loss.HALF_MSE, Activation.RELU);
    Dl4jNetwork b = Dl4jNetwork.withParameters(a.spec(), a.parameters());
    assertThat(b.parameters()).isEqualTo(a.parameters());
    assertThat(b.dl4j().params().equalsWithEps(a.dl4j().params(), 0.0)).isTrue();
  }

  @Test
  void dl4jInitialisationIsSeededAndBiasesAreZero() {
    Parameters p1 = twin(Loss.MSE, Activation.IDENTITY).parameters();
    Parameters p2 = twin(Loss.MSE, Activation.IDENTITY).parameters();
    assertThat(p1).isEqualTo(p2);
    assertThat(p1.b(1).norm()).isZero();
    assertThat(p1.W(1).norm()).isPositive();
  }

  @Test
  void derivativesAtTheKinkAreReluZeroLeakyReluOneEluOne() {
    assertThat(kinkDerivative(new ActivationReLU())).isEqualTo(0.0);
    assertThat(kinkDerivative(new ActivationLReLU(0.25))).isEqualTo(1.0);
    assertThat(kinkDerivative(new ActivationELU(1.0))).isEqualTo(1.0);
  }

  private static double kinkDerivative(org.nd4j.linalg.activations.IActivation a) {
    return a.backprop(Nd4j.zeros(1, 1), Nd4j.ones(1, 1)).getFirst().getDouble(0);
  }

  @Test
  void leakyReluBackpropCastsAlphaToFloat() {
    double slope = new ActivationLReLU(0.01).backprop(Nd4j.valueArrayOf(new long[] {1, 1}, -2.0), Nd4j.ones(1, 1))
        .getFirst().getDouble(0);
    assertThat(slope).isEqualTo((double) (float) 0.01).isNotEqualTo(0.01);
  }

  @Test
  void eluBackpropIgnoresAlpha() {
    // ELU′(z) = α·e^z for z < 0; DL4J returns e^z whatever α is.
    double d = new ActivationELU(0.5).backprop(Nd4j.valueArrayOf(new long[] {1, 1}, -1.0), Nd4j.ones(1, 1))
        .getFirst().getDouble(0);
    assertThat(d).isCloseTo(Math.exp(-1), within(1e-15));
    assertThat(d).isNotCloseTo(0.5 * Math.exp(-1), within(1e-3));
  }

  @Test
  void binaryCrossEntropyClipsOutputsAtOneMinusOneEMinusFive() {
    assertThat(new LossBinaryXENT().getClipEps()).isEqualTo(1e-5);
  }

  @Test
  void learningRateMappingFollowsTheCostScale() {
    NetworkSpec half = NetworkSpec.of(new int[] {2, 3}, Activation.RELU, Activation.IDENTITY, Loss.HALF_MSE);
    NetworkSpec mse = NetworkSpec.of(new int[] {2, 3}, Activation.RELU, Activation.IDENTITY, Loss.MSE);
    assertThat(Conventions.costScale(half)).isEqualTo(1.5); // n_y / 2
    assertThat(Conventions.dl4jLearningRate(half, 0.1)).isEqualTo(1.5 * 0.1);
    assertThat(Conventions.costScale(mse)).isEqualTo(1.0);
    assertThat(Conventions.gradientFactor(half, 4)).isEqualTo(1.5 / 4);
  }

  @org.junit.jupiter.api.Test
  void lossMcxentScoresTheMeanOfMinusYLogPClippedAndItsGradientIsPMinusYSummed() {
    // a softmax output on one-hot data: DL4J's score S = −1/m·Σ y·log(p) (c = 1), its output-layer gradient
    // p − y summed over the batch (the twin maps dJ/dθ = G/m); p clipped to [1e-10, 1 − 1e-10] in the score only
    NetworkSpec spec = NetworkSpec.of(new int[] {2, 3}, Activation.TANH, Activation.SOFTMAX, Loss.CCE);
    assertThat(Conventions.costScale(spec)).isEqualTo(1.0);
    Dataset classes = Datasets.randomClasses(2, 3, 7, 11);
    Dl4jNetwork t = Dl4jNetwork.initializedByDl4j(spec, Initializer.XAVIER, 5);
    MultiLayerNetwork net = t.dl4j();
    net.setInput(Conventions.toDl4jData(classes.X()));
    net.setLabels(Conventions.toDl4jData(classes.Y()));
    net.computeGradientAndScore();
    Matrix P = t.predict(classes.X());
    double expected = 0;
    for (int j = 0; j < 7; j++) {
      for (int i = 0; i < 3; i++) {
        expected -= classes.Y().get(i, j) * Math.log(P.get(i, j));
      }
    }
    assertThat(net.score()).isCloseTo(expected / 7, org.assertj.core.data.Offset.offset(1e-12));
    // dW (DL4J's [n_in, n_out]) = X·(P − Y)ᵀ, summed over the 7 examples, not averaged
    Matrix dW = Conventions.toCourseWeights(net.gradient().getGradientFor("0_W"), 1.0);
    Matrix expectedDW = P.minus(classes.Y()).dot(classes.X().transpose());
    assertThat(twinnet.compare.TensorDiff.of("dW", 1, dW, expectedDW).relativeError()).isLessThan(1e-12);
    // saturated: the true class at p ≈ e^-60; the score is clipped at −log(1e-10) ≈ 23.03, the gradient is not
    Dl4jNetwork far = Dl4jNetwork.withParameters(spec, new twinnet.model.Parameters(
        java.util.List.of(Matrix.of(new double[][] {{30, 0}, {-30, 0}, {0, 0}})),
        java.util.List.of(Matrix.zeros(3, 1))));
    Matrix x = Matrix.of(new double[][] {{1}, {0}});
    Matrix y = Matrix.of(new double[][] {{0}, {1}, {0}});
    Network.Backprop bp = far.backprop(x, y);
    assertThat(bp.cost()).isCloseTo(-Math.log(1e-10), org.assertj.core.data.Offset.offset(1e-6));
    assertThat(bp.grads().dW(1).get(1, 0)).isCloseTo(bp.AL().get(1, 0) - 1, org.assertj.core.data.Offset.offset(1e-15));
  }

  @Test
  void batchNormalizationsDefaultsAndWhatItsGradientHolds() {
    // the builder's defaults: ε = 1e-5, decay 0.9, and the running variance stored as log10 of the standard
    // deviation (useLogStd = true), which is why the twin asks for useLogStd(false)
    var bn = new org.deeplearning4j.nn.conf.layers.BatchNormalization.Builder().nIn(3).nOut(3).build();
    assertThat(bn.getEps()).isEqualTo(1e-5);
    assertThat(bn.getDecay()).isEqualTo(0.9);
    assertThat(bn.isUseLogStd()).isTrue();
    var conf = new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().dataType(
        org.nd4j.linalg.api.buffer.DataType.DOUBLE).list()
        .layer(new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nIn(2).nOut(3).build())
        .layer(bn)
        .layer(new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder(
            org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.MSE).nIn(3).nOut(3)
            .activation(org.nd4j.linalg.activations.Activation.IDENTITY).build())
        .build();
    MultiLayerNetwork def = new MultiLayerNetwork(conf);
    def.init();
    assertThat(def.paramTable().keySet()).contains("1_gamma", "1_beta", "1_mean", "1_log10stdev")
        .doesNotContain("1_var");

    // with useLogStd(false), the "gradient" of mean and var is the running averages' update, state and not a
    // derivative: (old − batch)·(1 − decay), applied as θ ← θ − update by a no-op updater
    NetworkSpec spec = NetworkSpec.of(new int[] {2, 3, 3}, Activation.TANH, Activation.IDENTITY, Loss.MSE)
        .withBatchNorm(twinnet.model.BatchNorm.DEFAULT);
    Dl4jNetwork t = Dl4jNetwork.withParameters(spec, twinnet.scratch.Initialization.forSpec(spec, Initializer.HE, 2));
    assertThat(t.dl4j().paramTable().keySet()).contains("1_var").doesNotContain("1_log10stdev", "0_b");
    MultiLayerNetwork net = backprop(t);
    Matrix Z = DATA.X().transpose().dot(t.parameters().W(1).transpose()).transpose(); // W·X, no bias
    double mu = 0;
    double var = 0;
    for (int j = 0; j < 7; j++) {
      mu += Z.get(0, j) / 7;
    }
    for (int j = 0; j < 7; j++) {
      var += (Z.get(0, j) - mu) * (Z.get(0, j) - mu) / 7; // population variance
    }
    INDArray dMean = net.gradient().getGradientFor("1_mean");
    INDArray dVar = net.gradient().getGradientFor("1_var");
    assertThat(dMean.getDouble(0)).isCloseTo((0 - mu) * 0.1, within(1e-14));
    assertThat(dVar.getDouble(0)).isCloseTo((1 - var) * 0.1, within(1e-14));
    // and one fit applies exactly that: the running mean becomes 0.9·0 + 0.1·μ
    net.fit(new DataSet(Conventions.toDl4jData(DATA.X()), Conventions.toDl4jData(DATA.Y())));
    assertThat(net.getParam("1_mean").getDouble(0)).isCloseTo(0.1 * mu, within(1e-14));
    assertThat(net.getParam("1_var").getDouble(0)).isCloseTo(0.9 + 0.1 * var, within(1e-14));
  }
}
