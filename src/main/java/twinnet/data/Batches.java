package twinnet.data;

import java.util.Random;
import twinnet.model.Matrix;

/**
 * The batches both networks see, step by step: the full batch, or mini-batches of {@code batchSize}
 * examples in order, or reshuffled at the start of every epoch from {@code shuffleSeed}. The last
 * batch of an epoch holds what is left (it may be smaller).
 */
public final class Batches {
  private final Dataset data;
  private final int batchSize;
  private final Long shuffleSeed;
  private final Random random;
  private int[] order;
  private int position;

  /** @param batchSize null or ≥ m for the full batch */
  public Batches(Dataset data, Integer batchSize, Long shuffleSeed) {
    int m = data.examples();
    if (batchSize != null && batchSize < 1) {
      throw new IllegalArgumentException("the batch size must be at least 1, got " + batchSize);
    }
    this.data = data;
    this.batchSize = batchSize == null ? m : Math.min(batchSize, m);
    this.shuffleSeed = shuffleSeed;
    this.random = shuffleSeed == null ? null : new Random(shuffleSeed);
    this.order = new int[m];
    this.position = m; // start a new epoch on the first call
  }

  public static Batches fullBatch(Dataset data) {
    return new Batches(data, null, null);
  }

  public boolean isFullBatch() {
    return batchSize == data.examples() && shuffleSeed == null;
  }

  /** One batch: X and Y of the same examples, in the course's layout. */
  public record Batch(Matrix X, Matrix Y) {}

  /** The next batch. */
  public Batch next() {
    if (isFullBatch()) {
      return new Batch(data.X(), data.Y());
    }
    int[] cols = nextColumns();
    return new Batch(data.X().selectColumns(cols), data.Y().selectColumns(cols));
  }

  /** Moves past {@code n} batches without forming them: a resumed run sees the batches it would have seen. */
  public void skip(long n) {
    if (isFullBatch()) {
      return;
    }
    for (long i = 0; i < n; i++) {
      nextColumns();
    }
  }

  private int[] nextColumns() {
    int m = data.examples();
    if (position >= m) {
      for (int i = 0; i < m; i++) {
        order[i] = i;
      }
      if (random != null) { // Fisher–Yates
        for (int i = m - 1; i > 0; i--) {
          int j = random.nextInt(i + 1);
          int t = order[i];
          order[i] = order[j];
          order[j] = t;
        }
      }
      position = 0;
    }
    int end = Math.min(position + batchSize, m);
    int[] cols = java.util.Arrays.copyOfRange(order, position, end);
    position = end;
    return cols;
  }
}
