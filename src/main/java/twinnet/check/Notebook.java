package twinnet.check;

import java.util.List;
import java.util.Set;

/**
 * One numpy notebook of the course, as {@code check} knows it: its graded functions in the order a learner fixes
 * them (each one's check in {@link #checks}), the helpers checked only when a file defines its own, and the names
 * that tell a file is this notebook's ({@link Catalogue#assume}).
 *
 * @param id what --notebook takes ("c1w2-logistic-regression")
 * @param title the notebook's name in the course
 * @param functions the graded functions, in check order (a function the file lacks is "not found")
 * @param helpers checked only when the file defines its own (relu, sigmoid, …)
 * @param distinctive names that no other notebook has: a file that defines one is this notebook's
 * @param signatures the course's parameters of the functions whose names other notebooks share
 *     ("forward_propagation" → [X, parameters]): they tell a file that defines only shared names
 * @param calls which of its functions call which others of the learner's (optimize → propagate): a function that
 *     calls a wrong one is checked as it is, and its verdict says so
 * @param checks the checks of one file: a notebook's class (one method per function) on a session
 */
record Notebook(String id, String title, List<String> functions, List<String> helpers, Set<String> distinctive,
    java.util.Map<String, List<String>> signatures, java.util.Map<String, List<String>> calls, Factory checks) {

  /** Makes a notebook's checks for one session. */
  interface Factory {
    Checks make(Session session, DeclaredModel model, long seed);
  }

  /** Every function it checks: helpers first, then the graded ones. */
  List<String> all() {
    List<String> out = new java.util.ArrayList<>(helpers);
    functions.stream().filter(f -> !out.contains(f)).forEach(out::add);
    return out;
  }
}
