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
      C2W1GradientChecking.NOTEBOOK, C2W2Optimization.NOTEBOOK, C4W1ConvStepByStep.NOTEBOOK,
      C5W1RnnStepByStep.NOTEBOOK);

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

  /**
   * docs/check.md's coverage: for each notebook, its functions and the slips {@code check} names in each (a cause's
   * sentence up to its first colon, what the numbers fill in shown as …), then the causes any notebook's functions
   * share, by the function they belong to.
   */
  static String coverage() {
    StringBuilder sb = new StringBuilder();
    for (Notebook n : NOTEBOOKS) {
      sb.append("**").append(n.title()).append("** (`--notebook ").append(n.id()).append("`)\n\n");
      sb.append("| function | slips named |\n|---|---|\n");
      for (String f : n.all()) {
        List<String> slips = new ArrayList<>();
        for (Cause c : Cause.values()) {
          if (c.notebook.equals(n.id()) && f.equals(c.function)) {
            slips.add(label(c));
          }
        }
        for (Cause c : Cause.values()) {
          String also = "the shared ones (below)";
          if (c.notebook.equals("*") && !c.function.equals("*") && !c.function.equals("training") && belongs(c, n, f)
              && !slips.contains(also)) {
            slips.add(also);
          }
        }
        sb.append("| `").append(f).append("` | ").append(slips.isEmpty() ? "(a wrong value: its place and size)"
            : String.join("; ", slips)).append(" |\n");
      }
      sb.append('\n');
    }
    sb.append("**Shared by the notebooks' functions**\n\n| functions | slips named |\n|---|---|\n");
    Map<String, List<String>> shared = new java.util.LinkedHashMap<>();
    for (Cause c : Cause.values()) {
      if (c.notebook.equals("*")) {
        shared.computeIfAbsent(c.function, k -> new ArrayList<>()).add(label(c));
      }
    }
    Map<String, String> which = Map.of("*", "any function", "training", "the training run", "initialize",
        "`initialize_parameters…`", "update_parameters", "`update_parameters`, `update_parameters_with_gd`",
        "compute_cost", "`compute_cost…`", "backward", "the backward passes", "propagate", "`propagate`");
    shared.forEach((f, slips) -> sb.append("| ").append(which.getOrDefault(f, "`" + f + "`")).append(" | ")
        .append(String.join("; ", slips)).append(" |\n"));
    return sb.toString();
  }

  /** Whether {@code c} is one of notebook {@code n}'s function {@code f}'s causes, or one it shares. */
  static boolean belongs(Cause c, Notebook n, String f) {
    if (c.notebook.equals("*")) {
      return switch (c.function) {
        case "*", "training" -> true;
        case "initialize" -> f.startsWith("initialize_parameters"); // Checks.initialization
        case "update_parameters" -> f.equals("update_parameters") || f.equals("update_parameters_with_gd");
        case "compute_cost" -> f.startsWith("compute_cost");
        // the harness's pattern: the backward passes checked against the scratch network's gradients
        case "backward" -> f.equals("L_model_backward") || f.startsWith("backward_propagation")
            && !n.id().equals("c2w1-gradient-checking");
        default -> f.equals(c.function);
      };
    }
    return c.notebook.equals(n.id()) && f.equals(c.function);
  }

  /** A cause's sentence up to its first colon or semicolon (at most 90 characters), what the numbers fill in shown as "…". */
  static String label(Cause c) {
    if (c == Cause.GRADIENT_PATTERN) {
      return "the pattern of the gradients' errors, as the harness names it (a 1/m missing or twice, a sign, a "
          + "transpose, one layer)";
    }
    String t = c.text.replaceAll("%[-0-9.]*[sd]", "…").replace("%%", "%");
    int cut = t.length();
    for (String stop : new String[] {": ", "; ", ", where"}) {
      int at = t.indexOf(stop);
      if (at >= 6 && at < cut) {
        cut = at;
      }
    }
    String head = t.substring(0, cut).replaceAll("[.,]$", "");
    if (head.length() > 90) {
      head = head.substring(0, head.lastIndexOf(' ', 88)).replaceAll("[.,]$", "") + " …";
    }
    return head.replace("|", "\\|");
  }
}
