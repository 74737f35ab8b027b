package twinnet.check;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The numpy notebooks of courses 1 and 2 that {@code check} knows, in course order: each a {@link Notebook} (its
 * functions, the names that tell it, its checks). A new notebook is a class with one method per function and a
 * line here.
 */
final class Catalogue {
  private Catalogue() {}

  static final List<Notebook> NOTEBOOKS = List.of(C1W2LogisticRegression.NOTEBOOK, C1W3Planar.NOTEBOOK,
      C1W4StepByStep.NOTEBOOK, C1W4Application.NOTEBOOK,
      C2W1Initialization.NOTEBOOK, C2W1Regularization.NOTEBOOK,
      C2W1GradientChecking.NOTEBOOK, C2W2Optimization.NOTEBOOK);

  /** Every name twinnet checks, for the bridge (course functions of every notebook, then the helpers). */
  static List<String> names() {
    Set<String> out = new LinkedHashSet<>();
    for (Notebook n : NOTEBOOKS) {
      out.addAll(n.functions());
      out.addAll(n.distinctive());
    }
    for (Notebook n : NOTEBOOKS) {
      out.addAll(n.helpers());
    }
    return List.copyOf(out);
  }

  static Notebook byId(String id) {
    for (Notebook n : NOTEBOOKS) {
      if (n.id().equals(id)) {
        return n;
      }
    }
    throw new IllegalArgumentException("unknown --notebook '" + id + "'; use one of " + String.join(", ",
        NOTEBOOKS.stream().map(Notebook::id).toList()));
  }

  /**
   * The notebooks a file is for, read from what it defines: each notebook one of whose own names it defines, in
   * course order; a file that defines only names several notebooks share (compute_cost, update_parameters,
   * forward_propagation, …) is the notebook whose parameters those functions take ({@code parameters}: the
   * file's, by function), else the first that has them. Empty when it defines none of the course's functions.
   */
  static List<Notebook> assume(Set<String> defined, Map<String, List<String>> parameters) {
    List<Notebook> out = new ArrayList<>();
    for (Notebook n : NOTEBOOKS) {
      if (n.distinctive().stream().anyMatch(defined::contains)) {
        out.add(n);
      }
    }
    if (!out.isEmpty()) {
      return out;
    }
    Notebook best = null;
    int bestScore = 0;
    for (Notebook n : NOTEBOOKS) {
      int score = 0;
      for (String f : n.functions()) {
        if (defined.contains(f)) {
          List<String> course = n.signatures().get(f);
          score += 1 + (course != null && course.equals(parameters.get(f)) ? 10 : 0);
        }
      }
      if (score > bestScore) {
        best = n;
        bestScore = score;
      }
    }
    return best == null ? List.of() : List.of(best);
  }
}
