package twinnet.dl4j;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import twinnet.model.Activation;
import twinnet.model.NetworkSpec;

/**
 * How the twin is configured: a spec (and its conv stages) as DL4J's layers, its activations, loss and updater, each
 * chosen as {@link Conventions} maps the course onto DL4J. {@link Dl4jNetwork} builds its network from here.
 */
final class Dl4jConfigs {
  private Dl4jConfigs() {}

  /**
   * The MultiLayerNetwork's configuration for a spec (and its conv stages, or null): the weights drawn by {@code init}
   * or {@code dist} from {@code seed}, the optimizer's updater, L2 mapped for batches of {@code batchSize}.
   */
  static MultiLayerConfiguration configuration(NetworkSpec spec, twinnet.model.ConvStack stack, WeightInit init,
      NormalDistribution dist, long seed, DataType dtype, twinnet.model.Optimizer optimizer, int batchSize) {
    NeuralNetConfiguration.Builder builder = new NeuralNetConfiguration.Builder()
        .seed(seed)
        .dataType(dtype)
        .updater(updater(spec, optimizer))
        .biasInit(0.0);
    if (optimizer.l2() > 0) {
      if (batchSize < 1) {
        throw new IllegalArgumentException("L2 needs the batch size it is mapped for");
      }
      builder.l2(Conventions.dl4jL2(spec, optimizer.l2(), batchSize));
    }
    if (dist != null) {
      builder.weightInit(dist);
    } else {
      builder.weightInit(init);
    }
    if (stack != null) {
      builder.convolutionMode(org.deeplearning4j.nn.conf.ConvolutionMode.Truncate); // the course's floor
    }
    NeuralNetConfiguration.ListBuilder list = builder.list();
    if (stack != null) {
      for (twinnet.model.ConvStack.Stage s : stack.stages()) {
        if (s instanceof twinnet.model.ConvStack.Conv c) {
          list.layer(new org.deeplearning4j.nn.conf.layers.ConvolutionLayer.Builder(c.f(), c.f())
              .stride(c.stride(), c.stride()).padding(c.pad(), c.pad()).nOut(c.filters())
              .activation(activation(c.activation(), c.activation().hasAlpha() ? c.activation().defaultAlpha()
                  : Double.NaN)).build());
        } else {
          twinnet.model.ConvStack.Pool p = (twinnet.model.ConvStack.Pool) s;
          list.layer(new org.deeplearning4j.nn.conf.layers.SubsamplingLayer.Builder(p.mode()
              == twinnet.model.ConvStack.Pooling.MAX ? org.deeplearning4j.nn.conf.layers.SubsamplingLayer.PoolingType.MAX
                  : org.deeplearning4j.nn.conf.layers.SubsamplingLayer.PoolingType.AVG, new int[] {p.f(), p.f()},
              new int[] {p.stride(), p.stride()}).build());
        }
      }
    }
    int L = spec.depth();
    for (int l = 1; l < L; l++) {
      IActivation g = activation(spec.activation(l), spec.alpha(l));
      DenseLayer.Builder dense = new DenseLayer.Builder()
          .nIn(spec.size(l - 1))
          .nOut(spec.size(l))
          .dropOut(Conventions.dl4jDropout(spec, l - 1));
      if (spec.normalises(l)) { // Dense (identity, no b) → BatchNormalization → ActivationLayer (see Conventions.Layout)
        list.layer(dense.activation(new ActivationIdentity()).hasBias(false).build());
        list.layer(Conventions.dl4jBatchNorm(spec, l));
        list.layer(new org.deeplearning4j.nn.conf.layers.ActivationLayer.Builder().activation(g).build());
      } else {
        list.layer(dense.activation(g).build());
      }
    }
    list.layer(new OutputLayer.Builder(lossFunction(spec))
        .nIn(spec.size(L - 1))
        .nOut(spec.size(L))
        .activation(activation(spec.activation(L), spec.alpha(L)))
        .dropOut(Conventions.dl4jDropout(spec, L - 1))
        .build());
    if (stack != null) { // NHWC: the course's (m, n_H, n_W, n_C) as it is, flattened in (h, w, c) order
      list.setInputType(org.deeplearning4j.nn.conf.inputs.InputType.convolutional(stack.height(), stack.width(),
          stack.channels(), org.deeplearning4j.nn.conf.CNN2DFormat.NHWC));
    }
    return list.build();
  }

  /** DL4J's updater for an optimizer; its learning rate is set at each step (see Conventions). */
  static org.nd4j.linalg.learning.config.IUpdater updater(NetworkSpec spec, twinnet.model.Optimizer o) {
    double eps = Conventions.dl4jEpsilon(spec, o);
    return switch (o.kind()) {
      case GD -> new Sgd(1.0);
      case MOMENTUM -> throw new IllegalArgumentException("DL4J has no updater for the course's momentum "
          + "(v ← β·v + (1−β)·dW): use nesterov, DL4J's Nesterovs, on the dl4j backend, or the scratch backend");
      case NESTEROV -> new org.nd4j.linalg.learning.config.Nesterovs(1.0, o.momentum());
      case RMSPROP -> new org.nd4j.linalg.learning.config.RmsProp(1.0, o.beta2(), eps);
      case ADAM, ADAM_DL4J -> new org.nd4j.linalg.learning.config.Adam(1.0, o.beta1(), o.beta2(), eps);
    };
  }

  /** The DL4J activation for a spec's activation. */
  static IActivation activation(Activation a, double alpha) {
    return switch (a) {
      case RELU -> new ActivationReLU();
      case LEAKY_RELU -> new ActivationLReLU(alpha);
      case SIGMOID -> new ActivationSigmoid();
      case TANH -> new ActivationTanH();
      case IDENTITY -> new ActivationIdentity();
      case ELU -> new ActivationELU(alpha);
      case SOFTMAX -> new org.nd4j.linalg.activations.impl.ActivationSoftmax();
    };
  }

  /** half_mse and mse both use {@code LossMSE} (the ½ is mapped by {@link Conventions#costScale}). */
  static ILossFunction lossFunction(NetworkSpec spec) {
    return switch (spec.loss()) {
      case HALF_MSE, MSE -> new LossMSE();
      case BCE -> new LossBinaryXENT();
      // −Σ y·log p, summed over the outputs; the score divides by m, the gradient is summed over the batch,
      // and with a softmax the output layer's dL/dZ is p − y exactly (p clipped to [1e-10, 1 − 1e-10] in
      // the score only)
      case CCE -> new org.nd4j.linalg.lossfunctions.impl.LossMCXENT();
    };
  }
}
