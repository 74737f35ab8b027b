package twinnet.cli;

import picocli.CommandLine.Option;
import twinnet.model.Activation;
import twinnet.model.Loss;

/**
 * The options that describe a model and its learning rate, declared once for check, compare and train (a picocli
 * mixin), parsed one way, with one set of defaults: a ReLU hidden layer, an identity output, the course's ½-MSE.
 * Where a command's default differs, it says why: {@code check}'s is the course's own network, a sigmoid
 * classifier with its cross-entropy ({@link #course()}); each command's learning rate fits how it trains.
 */
final class ModelOptions {
  @Option(names = "--hidden", paramLabel = "ACTIVATION", converter = Converters.ActivationConverter.class,
      description = "Hidden activation: relu, leaky_relu, tanh, sigmoid, identity or elu (default relu).")
  Activation hidden = Activation.RELU;

  @Option(names = "--output", paramLabel = "ACTIVATION", converter = Converters.ActivationConverter.class,
      description = "Output activation, or softmax (default identity; check: sigmoid, the course's classifier).")
  Activation output = Activation.IDENTITY;

  @Option(names = "--loss", paramLabel = "LOSS", converter = Converters.LossConverter.class,
      description = "half_mse (the course's 1/(2m)·Σ(A−Y)²), mse, bce (sigmoid output, 0/1 targets) or cce "
          + "(softmax output, one-hot targets) (default half_mse; check: bce, the course's cross-entropy).")
  Loss loss = Loss.HALF_MSE;

  @Option(names = "--lr", paramLabel = "RATE", description = "Learning rate, in the loss's convention (default: "
      + "compare 0.05, plain gradient descent on a small network; train 0.001, Adam's; check 0.0075, the course's, "
      + "or 0.001 for the MSE losses).")
  Double lr;

  /** check's defaults: the course's network, a sigmoid classifier with its cross-entropy. */
  static ModelOptions course() {
    ModelOptions o = new ModelOptions();
    o.output = Activation.SIGMOID;
    o.loss = Loss.BCE;
    return o;
  }

  /** The learning rate given, or the command's {@code fallback}; a positive finite number. */
  double learningRate(double fallback) {
    if (lr == null) {
      return fallback;
    }
    if (!(lr > 0) || !Double.isFinite(lr)) {
      throw new IllegalArgumentException("--lr must be a positive number, got " + lr);
    }
    return lr;
  }
}
