package twinnet.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import twinnet.model.Matrix;
import twinnet.model.Tensor4;

/**
 * The protocol's values: an array is {@code {"ndarray": nested lists, "shape": [...]}} (non-finite numbers
 * as the strings "NaN", "Infinity", "-Infinity"); a tuple or list is a JSON array; a dict a JSON object.
 */
final class Values {
  private Values() {}

  static ObjectNode array(Matrix m) {
    ObjectNode o = Bridge.JSON.createObjectNode();
    ArrayNode rows = o.putArray("ndarray");
    for (int i = 0; i < m.rows(); i++) {
      ArrayNode r = rows.addArray();
      for (int j = 0; j < m.cols(); j++) {
        r.add(m.get(i, j));
      }
    }
    o.putArray("shape").add(m.rows()).add(m.cols());
    return o;
  }

  /** A 4-D array, (d0, d1, d2, d3) nested lists. */
  static ObjectNode array(Tensor4 t) {
    return array(t.shape(), t.toArray());
  }

  /** An array of any shape from its numbers in C order: the 3-D window (f, f, n_C_prev), b (1, 1, 1). */
  static ObjectNode array(int[] shape, double[] cOrder) {
    ObjectNode o = Bridge.JSON.createObjectNode();
    o.set("ndarray", nested(shape, 0, cOrder, 0));
    ArrayNode s = o.putArray("shape");
    for (int d : shape) {
      s.add(d);
    }
    return o;
  }

  private static JsonNode nested(int[] shape, int axis, double[] v, int offset) {
    if (axis == shape.length) {
      return Bridge.JSON.getNodeFactory().numberNode(v[offset]);
    }
    int stride = 1;
    for (int a = axis + 1; a < shape.length; a++) {
      stride *= shape[a];
    }
    ArrayNode out = Bridge.JSON.createArrayNode();
    for (int i = 0; i < shape[axis]; i++) {
      out.add(nested(shape, axis + 1, v, offset + i * stride));
    }
    return out;
  }

  /** An array value's numbers in C order, whatever its rank (its shape checked by the caller). */
  static double[] flat(JsonNode n) {
    int[] s = shape(n);
    double[] out = new double[Arrays.stream(s).reduce(1, (a, b) -> a * b)];
    int[] at = {0};
    fill(n.get("ndarray"), out, at);
    return out;
  }

  private static void fill(JsonNode v, double[] out, int[] at) {
    if (v != null && v.isArray()) {
      for (JsonNode x : v) {
        fill(x, out, at);
      }
    } else if (at[0] < out.length) {
      out[at[0]++] = number(v);
    }
  }

  /** A 4-D array value's numbers (its shape checked by the caller). */
  static Tensor4 tensor4(JsonNode n) {
    int[] s = shape(n);
    if (s == null || s.length != 4) {
      throw new IllegalArgumentException("not a 4-D array: " + describe(n));
    }
    double[] out = new double[s[0] * s[1] * s[2] * s[3]];
    int at = 0;
    for (JsonNode a1 : n.get("ndarray")) {
      for (JsonNode a2 : a1) {
        for (JsonNode a3 : a2) {
          for (JsonNode v : a3) {
            out[at++] = number(v);
          }
        }
      }
    }
    return Tensor4.adopt(s[0], s[1], s[2], s[3], out);
  }

  static ArrayNode tuple(JsonNode... items) {
    ArrayNode a = Bridge.JSON.createArrayNode();
    for (JsonNode n : items) {
      a.add(n);
    }
    return a;
  }

  static boolean isArray(JsonNode n) {
    return n != null && n.isObject() && n.has("ndarray") && n.path("shape").isArray();
  }

  /** The shape of an array value ((3, 1), (3,), () for a 0-d array); null if not an array. */
  static int[] shape(JsonNode n) {
    if (!isArray(n)) {
      return null;
    }
    int[] s = new int[n.get("shape").size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = n.get("shape").get(i).asInt();
    }
    return s;
  }

  static String shapeText(JsonNode n) {
    int[] s = shape(n);
    if (s == null) {
      return describe(n);
    }
    return "(" + String.join(", ", Arrays.stream(s).mapToObj(String::valueOf).toList()) + (s.length == 1 ? ",)" : ")");
  }

  /** A short description of a value that is not what was expected: "None", "a list of 2", "a number". */
  static String describe(JsonNode n) {
    if (n == null || n.isNull()) {
      return "None";
    }
    if (isArray(n)) {
      return "an array of shape " + shapeText(n);
    }
    if (n.isArray()) {
      return "a tuple/list of " + n.size();
    }
    if (n.isObject()) {
      return n.has("repr") ? "an object " + n.get("repr").asText() : "a dict with keys " + iterable(n.fieldNames());
    }
    if (n.isNumber()) {
      return "the number " + n.asText();
    }
    return n.isTextual() ? "the string \"" + n.asText() + "\"" : n.toString();
  }

  private static String iterable(java.util.Iterator<String> it) {
    java.util.List<String> l = new java.util.ArrayList<>();
    it.forEachRemaining(l::add);
    return l.toString();
  }

  /** The array's numbers as a matrix of its shape, a vector (n,) as n × 1, a 0-d array as 1 × 1. */
  static Matrix matrix(JsonNode n) {
    int[] s = shape(n);
    JsonNode data = n.get("ndarray");
    if (s.length == 0) {
      return Matrix.of(new double[][] {{number(data)}});
    }
    if (s.length == 1) {
      double[][] a = new double[s[0]][1];
      for (int i = 0; i < s[0]; i++) {
        a[i][0] = number(data.get(i));
      }
      return Matrix.of(a);
    }
    if (s.length != 2) {
      throw new IllegalArgumentException("an array of " + s.length + " dimensions");
    }
    double[][] a = new double[s[0]][s[1]];
    for (int i = 0; i < s[0]; i++) {
      for (int j = 0; j < s[1]; j++) {
        a[i][j] = number(data.get(i).get(j));
      }
    }
    return Matrix.of(a);
  }

  /** A number, or an array holding exactly one (np.squeeze's 0-d array, a (1, 1) array); else NaN. */
  static double scalar(JsonNode n) {
    if (n != null && (n.isNumber() || n.isTextual())) {
      return number(n);
    }
    if (isArray(n) && Arrays.stream(shape(n)).reduce(1, (a, b) -> a * b) == 1) {
      JsonNode v = n.get("ndarray");
      while (v != null && v.isArray()) { // any number of dimensions: (1, 1, 1) holds its one number three deep
        v = v.get(0);
      }
      return number(v);
    }
    return Double.NaN;
  }

  static double number(JsonNode n) {
    if (n == null) {
      return Double.NaN;
    }
    if (n.isTextual()) {
      return switch (n.asText()) {
        case "Infinity" -> Double.POSITIVE_INFINITY;
        case "-Infinity" -> Double.NEGATIVE_INFINITY;
        default -> Double.NaN;
      };
    }
    return n.asDouble();
  }

  static boolean finite(Matrix m) {
    return Arrays.stream(m.toRowMajor()).allMatch(Double::isFinite);
  }
}
