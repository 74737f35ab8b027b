package twinnet.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import twinnet.model.Matrix;

/**
 * The sequences of a recurrent case: a text's vocabulary and its one-hot windows (x⟨t⟩ the character at start + t, the
 * target the one after it), or the notebook's random sequences; and the names twinnet generates (no download),
 * dinosaur-like, one a line, as the course's "Dinosaurus Island" trains on.
 */
public final class CharText {
  private CharText() {}

  private static final String[] FIRST = {"a", "bra", "ce", "di", "eo", "ga", "he", "ka", "lu", "ma", "no", "pa",
      "ra", "sa", "ta", "ve", "xe", "zu"};
  private static final String[] MIDDLE = {"chi", "lo", "ro", "sau", "to", "don", "ce", "pte", "ra", "no", "ty", "me",
      "gi", "li"};
  private static final String[] LAST = {"saurus", "don", "raptor", "ceratops", "ops", "tor", "nyx", "mimus", "dactyl",
      "suchus"};

  /** {@code count} names, each a first syllable, up to two middle ones and an ending, one a line. */
  public static String names(int count, long seed) {
    Random r = new Random(seed);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < count; i++) {
      b.append(FIRST[r.nextInt(FIRST.length)]);
      for (int k = r.nextInt(3); k > 0; k--) {
        b.append(MIDDLE[r.nextInt(MIDDLE.length)]);
      }
      b.append(LAST[r.nextInt(LAST.length)]).append('\n');
    }
    return b.toString();
  }

  /** The text's characters, sorted: a character's index is its class and its one-hot row. */
  public static String vocabulary(String text) {
    StringBuilder b = new StringBuilder();
    new TreeSet<>(text.chars().boxed().toList()).forEach(c -> b.append((char) c.intValue()));
    return b.toString();
  }

  /**
   * One step's batch: T time steps of x (n_x × m) and the targets y[t][i]; {@code starts} the text windows' first
   * characters (null for random sequences).
   */
  public record Batch(List<Matrix> x, int[][] y, int[] starts) {
    public int length() {
      return x.size();
    }
  }

  /** Draws the batches of a case's steps, in order: a step's length is lengths[step mod lengths.length]. */
  public static final class Batches {
    private final RecurrentCase c;
    private final Random r;
    private final String vocabulary;
    private int step;

    public Batches(RecurrentCase c) {
      this.c = c;
      this.r = new Random(c.batchSeed());
      this.vocabulary = c.data() instanceof RecurrentCase.Text t ? CharText.vocabulary(t.text()) : null;
    }

    /** The vocabulary (null for random sequences). */
    public String vocabulary() {
      return vocabulary;
    }

    public int nX() {
      return c.data() instanceof RecurrentCase.Random rd ? rd.nX() : vocabulary.length();
    }

    public int nY() {
      return c.data() instanceof RecurrentCase.Random rd ? rd.nY() : vocabulary.length();
    }

    public Batch next() {
      int T = c.lengths()[step++ % c.lengths().length];
      int m = c.m();
      int[][] y = new int[T][m];
      List<Matrix> x = new ArrayList<>();
      if (c.data() instanceof RecurrentCase.Text t) {
        int[] starts = new int[m];
        for (int i = 0; i < m; i++) {
          starts[i] = r.nextInt(t.text().length() - T); // the window start .. start + T, its targets one further
        }
        for (int s = 0; s < T; s++) {
          double[][] v = new double[vocabulary.length()][m];
          for (int i = 0; i < m; i++) {
            v[vocabulary.indexOf(t.text().charAt(starts[i] + s))][i] = 1;
            y[s][i] = vocabulary.indexOf(t.text().charAt(starts[i] + s + 1));
          }
          x.add(Matrix.of(v));
        }
        return new Batch(x, y, starts);
      }
      RecurrentCase.Random rd = (RecurrentCase.Random) c.data();
      for (int s = 0; s < T; s++) {
        double[][] v = new double[rd.nX()][m];
        for (double[] row : v) {
          for (int i = 0; i < m; i++) {
            row[i] = r.nextGaussian();
          }
        }
        x.add(Matrix.of(v));
        for (int i = 0; i < m; i++) {
          y[s][i] = r.nextInt(rd.nY());
        }
      }
      return new Batch(x, y, null);
    }
  }
}
