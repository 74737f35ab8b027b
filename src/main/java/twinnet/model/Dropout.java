package twinnet.model;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Inverted dropout on the hidden layers, as in course 2 (week 1): after layer l's activation,
 * {@code D = (rand < keep_prob)}, {@code A ← A ⊙ D / keep_prob}, and the backward pass reuses D:
 * {@code dA ← dA ⊙ D / keep_prob}. Nothing is dropped at prediction time.
 *
 * <p>The masks are a function of (seed, step, layer) and the batch's size, so that two networks (the
 * scratch one and its twin) draw the same ones without sharing state: step t is the t-th training step
 * the network takes, counted from 0; a forward and backward pass that does not update the parameters
 * uses the mask of the step to come.
 *
 * @param keepProb keep_prob of hidden layers 1..L−1, each in (0, 1]; 1 keeps every unit of that layer
 * @param seed where the masks come from
 */
public record Dropout(double[] keepProb, long seed) {

  public Dropout {
    if (keepProb == null || keepProb.length == 0) {
      throw new IllegalArgumentException("dropout needs one keep probability per hidden layer");
    }
    keepProb = keepProb.clone();
    for (int i = 0; i < keepProb.length; i++) {
      double k = keepProb[i];
      if (!(k > 0 && k <= 1)) {
        throw new IllegalArgumentException("keep_prob of hidden layer " + (i + 1) + " must be in (0, 1] (the share "
            + "of units kept; 1 keeps them all), got " + k);
      }
    }
  }

  /** keep_prob of hidden layer l (1-based). */
  public double keep(int l) {
    return keepProb[l - 1];
  }

  /** Whether hidden layer l drops anything. */
  public boolean drops(int l) {
    return l >= 1 && l <= keepProb.length && keepProb[l - 1] < 1;
  }

  /** Checks that there is one keep probability per hidden layer of {@code spec}'s shape. */
  void requireFits(int hiddenLayers) {
    if (keepProb.length != hiddenLayers) {
      throw new IllegalArgumentException("dropout has " + keepProb.length + " keep probabilities, but the network has "
          + hiddenLayers + " hidden layer" + (hiddenLayers == 1 ? "" : "s") + " (one each; the output layer has none)");
    }
  }

  /**
   * D^[l] of training step {@code step}: n_l × m, 1 where the unit is kept ({@code u < keep_prob} for
   * uniform u in [0, 1)), 0 where it is dropped. The uniforms are drawn row by row, from a generator
   * seeded by (seed, step, l).
   */
  public Matrix mask(long step, int l, int rows, int cols) {
    return mask(seed, step, l, keep(l), rows, cols);
  }

  /** {@link #mask(long, int, int, int)} of a dropout with this seed and this layer's keep_prob. */
  public static Matrix mask(long seed, long step, int l, double keep, int rows, int cols) {
    SplittableRandom random = new SplittableRandom(mix(seed, step, l));
    double[] d = new double[Math.multiplyExact(rows, cols)];
    for (int i = 0; i < d.length; i++) {
      d[i] = random.nextDouble() < keep ? 1.0 : 0.0;
    }
    return Matrix.adopt(rows, cols, d);
  }

  private static long mix(long seed, long step, int layer) {
    long h = seed * 0x9E3779B97F4A7C15L + step;
    h = h * 0xBF58476D1CE4E5B9L + layer;
    return h ^ (h >>> 31);
  }

  @Override
  public double[] keepProb() {
    return keepProb.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Dropout d && Arrays.equals(keepProb, d.keepProb) && seed == d.seed;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(keepProb) * 31 + Long.hashCode(seed);
  }

  @Override
  public String toString() {
    return "dropout(keep_prob=" + Arrays.toString(keepProb) + ", seed=" + seed + ")";
  }
}
