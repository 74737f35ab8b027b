package twinnet.model;

import java.util.Arrays;

/**
 * What a dense network is: layer sizes (input first, so {@code layers = [n_x, n_1, …, n_L]}), the
 * activation of every hidden layer, the activation of the output layer, their α where they have one,
 * the loss, the hidden layers' dropout and their batch normalisation (null: none).
 */
public record NetworkSpec(int[] layers, Activation hidden, double hiddenAlpha, Activation output, double outputAlpha,
    Loss loss, Dropout dropout, BatchNorm batchNorm) {

  /** A spec without dropout or batch normalisation. */
  public NetworkSpec(int[] layers, Activation hidden, double hiddenAlpha, Activation output, double outputAlpha,
      Loss loss) {
    this(layers, hidden, hiddenAlpha, output, outputAlpha, loss, null, null);
  }

  /** A spec without batch normalisation. */
  public NetworkSpec(int[] layers, Activation hidden, double hiddenAlpha, Activation output, double outputAlpha,
      Loss loss, Dropout dropout) {
    this(layers, hidden, hiddenAlpha, output, outputAlpha, loss, dropout, null);
  }

  public NetworkSpec {
    if (layers == null || layers.length < 2) {
      throw new IllegalArgumentException("layers needs an input size and at least one layer, e.g. [1, 8, 1]");
    }
    layers = layers.clone();
    for (int i = 0; i < layers.length; i++) {
      if (layers[i] < 1) {
        throw new IllegalArgumentException("layer sizes must be at least 1, got " + layers[i] + " at position " + i);
      }
    }
    if (hidden == null || output == null || loss == null) {
      throw new IllegalArgumentException("hidden, output activation and loss are required");
    }
    hiddenAlpha = checkAlpha(hidden, hiddenAlpha, "hidden");
    outputAlpha = checkAlpha(output, outputAlpha, "output");
    if (loss == Loss.BCE && output != Activation.SIGMOID) {
      throw new IllegalArgumentException(
          "the bce loss needs a sigmoid output (its log needs A in (0, 1)), got " + output.id());
    }
    if (loss == Loss.CCE && output != Activation.SOFTMAX) {
      throw new IllegalArgumentException("the cce loss needs a softmax output (it reads A as the probabilities of "
          + "the classes of each example), got " + output.id());
    }
    if (hidden == Activation.SOFTMAX) {
      throw new IllegalArgumentException("softmax is an output activation (it mixes a layer's units): use it with "
          + "--output, not --hidden");
    }
    if (dropout != null) {
      dropout.requireFits(layers.length - 2);
    }
    if (batchNorm != null && layers.length < 3) {
      throw new IllegalArgumentException("batch normalisation normalises the hidden layers, and there are none: add "
          + "a hidden layer, or leave batch norm out");
    }
  }

  /** This spec with {@code d} as its dropout (null: none). */
  public NetworkSpec withDropout(Dropout d) {
    return new NetworkSpec(layers, hidden, hiddenAlpha, output, outputAlpha, loss, d, batchNorm);
  }

  /** This spec with {@code bn} normalising every hidden layer (null: none). */
  public NetworkSpec withBatchNorm(BatchNorm bn) {
    return new NetworkSpec(layers, hidden, hiddenAlpha, output, outputAlpha, loss, dropout, bn);
  }

  /** Whether layer l (1-based) is batch-normalised: every hidden layer when the spec has batch norm. */
  public boolean normalises(int l) {
    return batchNorm != null && l >= 1 && l < depth();
  }

  /** Whether any hidden layer drops units in training. */
  public boolean hasDropout() {
    return dropout != null && java.util.stream.IntStream.rangeClosed(1, depth() - 1).anyMatch(dropout::drops);
  }

  /** A spec whose activations take their default α. */
  public static NetworkSpec of(int[] layers, Activation hidden, Activation output, Loss loss) {
    return new NetworkSpec(layers, hidden, Double.NaN, output, Double.NaN, loss);
  }

  private static double checkAlpha(Activation a, double alpha, String which) {
    if (!a.hasAlpha()) {
      return Double.NaN;
    }
    double v = Double.isNaN(alpha) ? a.defaultAlpha() : alpha;
    if (!Double.isFinite(v) || v <= 0) {
      throw new IllegalArgumentException(which + " α of " + a.id() + " must be a positive number, got " + alpha);
    }
    return v;
  }

  /** L, the number of layers with parameters. */
  public int depth() {
    return layers.length - 1;
  }

  /** n_l, with n_0 the number of input features. */
  public int size(int l) {
    return layers[l];
  }

  public int inputs() {
    return layers[0];
  }

  public int outputs() {
    return layers[layers.length - 1];
  }

  /** The activation of layer l (1-based): hidden for l < L, output for l = L. */
  public Activation activation(int l) {
    return l == depth() ? output : hidden;
  }

  /** α of layer l's activation (NaN when it has none). */
  public double alpha(int l) {
    return l == depth() ? outputAlpha : hiddenAlpha;
  }

  /**
   * Checks that X (n_x × m) and Y (n_y × m) fit this network; the message names the mismatch and what
   * the network expects.
   */
  public void requireData(Matrix X, Matrix Y) {
    if (X.rows() != inputs()) {
      throw new IllegalArgumentException("X has " + X.rows() + " feature rows but the network takes " + inputs()
          + " inputs (layers[0]); X must be n_x × m, examples in columns");
    }
    if (Y != null && Y.rows() != outputs()) {
      throw new IllegalArgumentException("Y has " + Y.rows() + " target rows but the network has " + outputs()
          + " outputs (last of layers); Y must be n_y × m, examples in columns");
    }
    if (Y != null && X.cols() != Y.cols()) {
      throw new IllegalArgumentException("X has " + X.cols() + " examples (columns) but Y has " + Y.cols());
    }
  }

  @Override
  public int[] layers() {
    return layers.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NetworkSpec s
        && Arrays.equals(layers, s.layers)
        && hidden == s.hidden
        && output == s.output
        && Double.compare(hiddenAlpha, s.hiddenAlpha) == 0
        && Double.compare(outputAlpha, s.outputAlpha) == 0
        && loss == s.loss
        && java.util.Objects.equals(dropout, s.dropout)
        && java.util.Objects.equals(batchNorm, s.batchNorm);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(layers) * 31 + hidden.hashCode() * 7 + output.hashCode() + loss.hashCode();
  }

  @Override
  public String toString() {
    return Arrays.toString(layers) + " hidden=" + name(hidden, hiddenAlpha) + " output=" + name(output, outputAlpha)
        + " loss=" + loss.id() + (dropout == null ? "" : " " + dropout) + (batchNorm == null ? "" : " " + batchNorm);
  }

  private static String name(Activation a, double alpha) {
    return a.hasAlpha() ? a.id() + "(α=" + alpha + ")" : a.id();
  }
}
