package twinnet.check;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import twinnet.compare.TensorDiff;
import twinnet.compare.Tolerances;
import twinnet.model.Matrix;
import twinnet.model.Tensor4;

/**
 * What a course function should return, in the course's own structure (a tensor, a number, a tuple such
 * as {@code (Z, cache)}, a dict such as {@code grads}), and the comparison of a learner's answer with it:
 * the first part that differs (in the order the course returns them) and the worst relative error.
 */
sealed interface Expect {
  /** The part's name in messages: "Z", "cache (A, W, b)", "grads[\"dW2\"]". */
  String name();

  record Tensor(String name, Matrix value) implements Expect {}

  /**
   * A number; {@code numberOnly}: an array holding one number is wrong, not squeezed with a note (the course's test
   * of conv_single_step asserts a float).
   */
  record Scalar(String name, double value, boolean numberOnly) implements Expect {
    Scalar(String name, double value) {
      this(name, value, false);
    }
  }

  /** A 3-D array of the recurrent notebook, (n, m, T_x), as its T_x steps (n × m each). */
  record Array3(String name, List<Matrix> steps) implements Expect {
    /** The array as an n × (m·T_x) matrix: (n, m, T_x) in C order. */
    Matrix flat() {
      int n = steps.get(0).rows();
      int m = steps.get(0).cols();
      int T = steps.size();
      double[] v = new double[n * m * T];
      for (int t = 0; t < T; t++) {
        for (int j = 0; j < n; j++) {
          for (int i = 0; i < m; i++) {
            v[(j * m + i) * T + t] = steps.get(t).get(j, i);
          }
        }
      }
      return Matrix.adopt(n, m * T, v);
    }
  }

  /** A 4-D array of the convolution notebook: A (m, n_H, n_W, n_C), W (f, f, n_C_prev, n_C), b (1, 1, 1, n_C). */
  record Array4(String name, Tensor4 value) implements Expect {}

  record Tuple(String name, List<Expect> items) implements Expect {
    Tuple(String name, Expect... items) {
      this(name, List.of(items));
    }
  }

  record Dict(String name, Map<String, Expect> entries) implements Expect {}

  /** A part not compared (what the course leaves free: a list of costs whose recording it does not grade). */
  record Any(String name) implements Expect {}

  static Tensor tensor(String name, Matrix value) {
    return new Tensor(name, value);
  }

  /** A dict of tensors, in the order given: "W1", "b1", ... */
  static Dict dict(String name, Map<String, Matrix> entries) {
    Map<String, Expect> m = new LinkedHashMap<>();
    entries.forEach((k, v) -> m.put(k, new Tensor(name + "[\"" + k + "\"]", v)));
    return new Dict(name, m);
  }

  /**
   * Where an answer first differs from the reference.
   *
   * @param kind "type" (not the structure asked for), "missing" (a key or item absent), "shape", "nonfinite"
   *     (NaN or ∞ where the reference is finite) or "value"
   * @param user the learner's tensor (null when there is none to show)
   */
  record Mismatch(String part, String kind, String what, Matrix user, Matrix reference, JsonNode userValue) {}

  /** The comparison: the first mismatch (null if none), the worst relative error, notes on harmless oddities. */
  record Outcome(Mismatch first, double worst, List<String> notes) {
    boolean ok() {
      return first == null;
    }
  }

  /** Compares an answer with the reference, part by part, in order. */
  static Outcome compare(JsonNode user, Expect e, Tolerances tol) {
    double scale = scale(e);
    Walk w = new Walk(tol, scale);
    w.visit(user, e);
    return new Outcome(w.first, w.worst, w.notes);
  }

  private static double scale(Expect e) {
    if (e instanceof Tensor t) {
      return t.value().norm();
    }
    if (e instanceof Scalar s) {
      return Math.abs(s.value());
    }
    if (e instanceof Array4 a) {
      return a.value().norm();
    }
    if (e instanceof Array3 a) {
      return a.flat().norm();
    }
    if (e instanceof Tuple t) {
      return t.items().stream().mapToDouble(Expect::scale).max().orElse(0);
    }
    if (e instanceof Any) {
      return 0;
    }
    return ((Dict) e).entries().values().stream().mapToDouble(Expect::scale).max().orElse(0);
  }

  /** The depth-first comparison. */
  final class Walk {
    private final Tolerances tol;
    private final double scale;
    Mismatch first;
    double worst;
    final List<String> notes = new ArrayList<>();

    Walk(Tolerances tol, double scale) {
      this.tol = tol;
      this.scale = scale;
    }

    private void miss(Mismatch m) {
      if (first == null) {
        first = m;
      }
      worst = Double.POSITIVE_INFINITY;
    }

    void visit(JsonNode u, Expect e) {
      if (e instanceof Tensor t) {
        tensor(u, t);
      } else if (e instanceof Scalar s) {
        scalar(u, s);
      } else if (e instanceof Array4 a) {
        array4(u, a);
      } else if (e instanceof Array3 a) {
        array3(u, a);
      } else if (e instanceof Tuple t) {
        tuple(u, t);
      } else if (e instanceof Any) {
        return; // not compared
      } else {
        dict(u, (Dict) e);
      }
    }

    private void tuple(JsonNode u, Tuple t) {
      if (u == null || !u.isArray() || u.size() != t.items().size()) {
        miss(new Mismatch(t.name(), "type", t.name() + " should be a tuple of " + t.items().size() + " ("
            + String.join(", ", t.items().stream().map(i -> label(i.name())).toList()) + "), got " + Values.describe(u),
            null, null, u));
        return;
      }
      for (int i = 0; i < t.items().size(); i++) {
        visit(u.get(i), t.items().get(i));
      }
    }

    private void dict(JsonNode u, Dict d) {
      if (u == null || !u.isObject() || Values.isArray(u)) {
        miss(new Mismatch(d.name(), "type", d.name() + " should be a dict with keys " + d.entries().keySet() + ", got "
            + Values.describe(u), null, null, u));
        return;
      }
      for (var entry : d.entries().entrySet()) {
        if (!u.has(entry.getKey())) {
          miss(new Mismatch(entry.getValue().name(), "missing", d.name() + " has no key \"" + entry.getKey()
              + "\" (its keys: " + keys(u) + ")", null, null, u));
          continue;
        }
        visit(u.get(entry.getKey()), entry.getValue());
      }
    }

    private void tensor(JsonNode u, Tensor t) {
      Matrix ref = t.value();
      String refShape = "(" + ref.rows() + ", " + ref.cols() + ")";
      if (!Values.isArray(u)) {
        miss(new Mismatch(t.name(), "type", t.name() + " should be an array of shape " + refShape + ", got "
            + Values.describe(u), null, ref, u));
        return;
      }
      int[] s = Values.shape(u);
      Matrix m;
      try {
        m = Values.matrix(u);
      } catch (RuntimeException ex) {
        miss(new Mismatch(t.name(), "shape", t.name() + " has shape " + Values.shapeText(u) + " instead of " + refShape,
            null, ref, u));
        return;
      }
      if (s.length != 2 || s[0] != ref.rows() || s[1] != ref.cols()) {
        miss(new Mismatch(t.name(), "shape", t.name() + " has shape " + Values.shapeText(u) + " instead of " + refShape,
            m, ref, u));
        return;
      }
      if (!Values.finite(m) && Values.finite(ref)) {
        miss(new Mismatch(t.name(), "nonfinite", t.name() + " holds NaN or ∞ where the reference is finite", m, ref,
            u));
        return;
      }
      TensorDiff d = TensorDiff.of(t.name(), 0, m, ref);
      if (!d.agrees(tol.gradient(), tol.roundingFloor(), scale)) {
        miss(new Mismatch(t.name(), "value", d.describe("yours", "reference"), m, ref, u));
        return;
      }
      worst = Math.max(worst, d.atRoundingLevel(tol.roundingFloor(), scale) ? 0 : d.relativeError());
    }

    private void array4(JsonNode u, Array4 a) {
      Tensor4 ref = a.value();
      String refShape = "(" + join(ref.shape()) + ")";
      int[] s = Values.shape(u);
      if (s == null) {
        miss(new Mismatch(a.name(), "type", a.name() + " should be an array of shape " + refShape + ", got "
            + Values.describe(u), null, ref.asRows(), u));
        return;
      }
      if (!java.util.Arrays.equals(s, ref.shape())) {
        miss(new Mismatch(a.name(), "shape", a.name() + " has shape " + Values.shapeText(u) + " instead of "
            + refShape, null, ref.asRows(), u));
        return;
      }
      Tensor4 t = Values.tensor4(u);
      Matrix m = t.asRows();
      if (!t.isFinite() && ref.isFinite()) {
        miss(new Mismatch(a.name(), "nonfinite", a.name() + " holds NaN or ∞ where the reference is finite", m,
            ref.asRows(), u));
        return;
      }
      TensorDiff d = TensorDiff.of(a.name(), 0, m, ref.asRows());
      if (!d.agrees(tol.gradient(), tol.roundingFloor(), scale)) {
        // the worst element's place in the array's own four indices: row (i, j, k) of asRows, column l
        int[] at = {d.row() / (s[1] * s[2]), d.row() / s[2] % s[1], d.row() % s[2], d.col()};
        miss(new Mismatch(a.name(), "value", String.format(java.util.Locale.ROOT, "%s at [%s]: yours=%.17g "
            + "reference=%.17g, relative error %.3e, max |Δ| %.3e", a.name(), join(at), d.a(), d.b(),
            d.relativeError(), d.maxAbsDiff()), m, ref.asRows(), u));
        return;
      }
      worst = Math.max(worst, d.atRoundingLevel(tol.roundingFloor(), scale) ? 0 : d.relativeError());
    }

    private void array3(JsonNode u, Array3 a) {
      Matrix ref = a.flat();
      int n = a.steps().get(0).rows();
      int m = a.steps().get(0).cols();
      int T = a.steps().size();
      String refShape = "(" + n + ", " + m + ", " + T + ")";
      int[] s = Values.shape(u);
      if (s == null) {
        miss(new Mismatch(a.name(), "type", a.name() + " should be an array of shape " + refShape + ", got "
            + Values.describe(u), null, ref, u));
        return;
      }
      if (!java.util.Arrays.equals(s, new int[] {n, m, T})) {
        miss(new Mismatch(a.name(), "shape", a.name() + " has shape " + Values.shapeText(u) + " instead of "
            + refShape, null, ref, u));
        return;
      }
      Matrix mine = Matrix.adopt(n, m * T, Values.flat(u));
      if (!Values.finite(mine) && Values.finite(ref)) {
        miss(new Mismatch(a.name(), "nonfinite", a.name() + " holds NaN or ∞ where the reference is finite", mine,
            ref, u));
        return;
      }
      TensorDiff d = TensorDiff.of(a.name(), 0, mine, ref);
      if (!d.agrees(tol.gradient(), tol.roundingFloor(), scale)) {
        miss(new Mismatch(a.name(), "value", String.format(java.util.Locale.ROOT, "%s at [%d, %d, %d]: yours=%.17g "
            + "reference=%.17g, relative error %.3e, max |Δ| %.3e", a.name(), d.row(), d.col() / T, d.col() % T, d.a(),
            d.b(), d.relativeError(), d.maxAbsDiff()), mine, ref, u));
        return;
      }
      worst = Math.max(worst, d.atRoundingLevel(tol.roundingFloor(), scale) ? 0 : d.relativeError());
    }

    private static String join(int[] a) {
      return String.join(", ", java.util.Arrays.stream(a).mapToObj(String::valueOf).toList());
    }

    private void scalar(JsonNode u, Scalar s) {
      if (s.numberOnly() && Values.isArray(u)) {
        miss(new Mismatch(s.name(), "type", s.name() + " should be a number (a float), got " + Values.describe(u),
            null, Matrix.row(s.value()), u));
        return;
      }
      double v = Values.scalar(u);
      // one number: a number, JSON's "NaN"/"Infinity", or an array holding exactly one (NaN in it is a NaN cost)
      boolean one = u != null && (u.isNumber() || u.isTextual() && java.util.Set.of("NaN", "Infinity", "-Infinity")
          .contains(u.asText()) || Values.isArray(u) && java.util.Arrays.stream(Values.shape(u)).reduce(1,
              (a, b) -> a * b) == 1);
      if (!one) {
        miss(new Mismatch(s.name(), "type", s.name() + " should be a number, got " + Values.describe(u), null,
            Matrix.row(s.value()), u));
        return;
      }
      int[] shape = Values.shape(u);
      if (shape != null && shape.length > 0) {
        notes.add(s.name() + " is an array of shape " + Values.shapeText(u) + ", not a number: the course squeezes "
            + "it (np.squeeze) so that it prints and compares as one number.");
      }
      if (!Double.isFinite(v) && Double.isFinite(s.value())) {
        miss(new Mismatch(s.name(), "nonfinite", s.name() + " is " + (Double.isNaN(v) ? "NaN" : v) + " where the "
            + "reference is " + s.value(),
            Matrix.row(v), Matrix.row(s.value()), u));
        return;
      }
      TensorDiff d = TensorDiff.ofScalar(s.name(), v, s.value());
      if (!d.within(tol.loss()) && !d.atRoundingLevel(tol.roundingFloor(), Math.abs(s.value()))) {
        miss(new Mismatch(s.name(), "value", d.describe("yours", "reference"), Matrix.row(v), Matrix.row(s.value()),
            u));
        return;
      }
      worst = Math.max(worst, d.relativeError());
    }

    /** "cache[0][1] (W)" → "W": the short name of a part, for a list of parts. */
    private static String label(String name) {
      int open = name.lastIndexOf(" (");
      return open >= 0 && name.endsWith(")") ? name.substring(open + 2, name.length() - 1) : name;
    }

    private static String keys(JsonNode u) {
      List<String> k = new ArrayList<>();
      u.fieldNames().forEachRemaining(k::add);
      return k.toString();
    }
  }
}
