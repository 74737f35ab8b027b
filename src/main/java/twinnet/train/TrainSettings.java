package twinnet.train;

import java.util.Arrays;
import twinnet.model.Activation;
import twinnet.model.Initializer;
import twinnet.model.Loss;
import twinnet.model.Optimizer;

/**
 * What to train and how, the same for both backends.
 *
 * @param backend scratch, dl4j or spark (DL4J on Spark; see {@link SparkService})
 * @param hiddenSizes the hidden layers' sizes (the input and output sizes come from the data)
 * @param validation the share of rows held out for validation, drawn with {@code seed}
 * @param patience stop after this many epochs without a better validation loss (0: never), keeping the
 *     best epoch's parameters
 * @param maxScratchNumbers the largest data (rows × columns) the scratch backend holds in memory
 * @param keepProb dropout's keep_prob of each hidden layer (null: no dropout); its masks are drawn from
 *     {@code seed}
 * @param batchNorm batch normalisation of every hidden layer (null: none)
 */
public record TrainSettings(Backend backend, int[] hiddenSizes, Activation hidden, Activation output, Loss loss,
    Optimizer optimizer, double learningRate, int batchSize, int epochs, double validation, long seed,
    int patience, Initializer init, long maxScratchNumbers, double[] keepProb, twinnet.model.BatchNorm batchNorm) {

  /** Settings without batch norm. */
  public TrainSettings(Backend backend, int[] hiddenSizes, Activation hidden, Activation output, Loss loss,
      Optimizer optimizer, double learningRate, int batchSize, int epochs, double validation, long seed,
      int patience, Initializer init, long maxScratchNumbers, double[] keepProb) {
    this(backend, hiddenSizes, hidden, output, loss, optimizer, learningRate, batchSize, epochs, validation, seed,
        patience, init, maxScratchNumbers, keepProb, null);
  }

  /** Settings without dropout. */
  public TrainSettings(Backend backend, int[] hiddenSizes, Activation hidden, Activation output, Loss loss,
      Optimizer optimizer, double learningRate, int batchSize, int epochs, double validation, long seed,
      int patience, Initializer init, long maxScratchNumbers) {
    this(backend, hiddenSizes, hidden, output, loss, optimizer, learningRate, batchSize, epochs, validation, seed,
        patience, init, maxScratchNumbers, null, null);
  }

  public TrainSettings {
    java.util.Objects.requireNonNull(backend, "backend");
    if (Arrays.stream(hiddenSizes).anyMatch(n -> n < 1)) {
      throw new IllegalArgumentException("hidden layer sizes must be at least 1, got " + Arrays.toString(hiddenSizes));
    }
    if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
      throw new IllegalArgumentException("the learning rate must be a positive number, got " + learningRate);
    }
    if (batchSize < 1 || epochs < 1) {
      throw new IllegalArgumentException("the batch size and the number of epochs must be at least 1");
    }
    if (!(validation >= 0 && validation < 1)) {
      throw new IllegalArgumentException("the validation share must be in [0, 1), got " + validation);
    }
    if (patience < 0) {
      throw new IllegalArgumentException("patience must be 0 (off) or more, got " + patience);
    }
    hiddenSizes = hiddenSizes.clone();
    if (keepProb != null) {
      if (keepProb.length != hiddenSizes.length) {
        throw new IllegalArgumentException("--keep-prob gives " + keepProb.length + " keep probabilities for "
            + hiddenSizes.length + " hidden layer(s): give one for all, or one per hidden layer");
      }
      try {
        new twinnet.model.Dropout(keepProb, seed); // checks each value
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--keep-prob: " + e.getMessage());
      }
      keepProb = keepProb.clone();
    }
    if (batchNorm != null && hiddenSizes.length == 0) {
      throw new IllegalArgumentException("--batch-norm normalises the hidden layers, and there are none: give "
          + "--hidden-layers, or drop --batch-norm");
    }
  }

  @Override
  public double[] keepProb() {
    return keepProb == null ? null : keepProb.clone();
  }

  /** The network these settings train on data with {@code inputs} features and {@code outputs} targets. */
  public twinnet.model.NetworkSpec spec(int inputs, int outputs) {
    int[] layers = new int[hiddenSizes.length + 2];
    layers[0] = inputs;
    System.arraycopy(hiddenSizes, 0, layers, 1, hiddenSizes.length);
    layers[layers.length - 1] = outputs;
    return twinnet.model.NetworkSpec.of(layers, hidden, output, loss)
        .withDropout(keepProb == null ? null : new twinnet.model.Dropout(keepProb, seed))
        .withBatchNorm(batchNorm);
  }

  @Override
  public int[] hiddenSizes() {
    return hiddenSizes.clone();
  }
}
