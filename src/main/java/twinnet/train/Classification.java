package twinnet.train;

import java.util.ArrayList;
import java.util.List;
import twinnet.model.Matrix;

/**
 * How a classifier did: the confusion matrix (rows: the true class, columns: the predicted one) and the
 * accuracy. One output (a sigmoid): class 1 where it is above ½; several (a softmax): the largest.
 */
public record Classification(int[][] confusion, double accuracy) {

  /** The class of example j. */
  public static int classOf(Matrix p, int j) {
    if (p.rows() == 1) {
      return p.get(0, j) > 0.5 ? 1 : 0;
    }
    int best = 0;
    for (int i = 1; i < p.rows(); i++) {
      best = p.get(i, j) > p.get(best, j) ? i : best;
    }
    return best;
  }

  public static Classification of(Matrix pred, Matrix y) {
    int k = Math.max(2, y.rows());
    int[][] c = new int[k][k];
    int right = 0;
    for (int j = 0; j < y.cols(); j++) {
      int t = classOf(y, j);
      int p = classOf(pred, j);
      c[t][p]++;
      right += t == p ? 1 : 0;
    }
    return new Classification(c, y.cols() == 0 ? Double.NaN : (double) right / y.cols());
  }

  /** The confusion matrix as lines of text, with the class names. */
  public List<String> lines(List<String> classes) {
    List<String> out = new ArrayList<>();
    int w = Math.max(9, classes.stream().mapToInt(String::length).max().orElse(0) + 1);
    int first = Math.max(w, 18);
    StringBuilder h = new StringBuilder(String.format("%-" + first + "s", "true \\ predicted"));
    for (String c : classes) {
      h.append(String.format("%" + w + "s", c));
    }
    out.add(h.toString());
    for (int i = 0; i < confusion.length; i++) {
      StringBuilder r = new StringBuilder(String.format("%-" + first + "s", classes.get(i)));
      for (int n : confusion[i]) {
        r.append(String.format("%" + w + "d", n));
      }
      out.add(r.toString());
    }
    return out;
  }
}
