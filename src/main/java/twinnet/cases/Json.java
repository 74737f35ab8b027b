package twinnet.cases;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import twinnet.model.Matrix;

/** Typed reads of a JSON tree, each failing with a message that names the field and what it must be. */
final class Json {
  private Json() {}

  static IllegalArgumentException bad(String path, String must, JsonNode got) {
    String shown = got == null || got.isMissingNode() ? "nothing"
        : got.isNumber() ? got.asText() : abbreviate(got.toString());
    return new IllegalArgumentException("\"" + path + "\" must be " + must + ", got " + shown);
  }

  private static String abbreviate(String s) {
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }

  static String join(String parent, String field) {
    return parent.isEmpty() ? field : parent + "." + field;
  }

  /** Refuses fields that are not known here: a typo otherwise silently takes a default. */
  static void onlyKnown(JsonNode obj, String path, Set<String> known) {
    Iterator<String> names = obj.fieldNames();
    while (names.hasNext()) {
      String n = names.next();
      if (!known.contains(n)) {
        throw new IllegalArgumentException("unknown field \"" + join(path, n) + "\"; known fields"
            + (path.isEmpty() ? "" : " of \"" + path + "\"") + ": " + String.join(", ", known.stream().sorted().toList()));
      }
    }
  }

  static JsonNode object(JsonNode parent, String path, String field, boolean required) {
    JsonNode n = parent.get(field);
    String p = join(path, field);
    if (n == null || n.isNull()) {
      if (required) {
        throw new IllegalArgumentException("missing field \"" + p + "\"");
      }
      return null;
    }
    if (!n.isObject()) {
      throw bad(p, "an object", n);
    }
    return n;
  }

  static boolean present(JsonNode parent, String field) {
    JsonNode n = parent.get(field);
    return n != null && !n.isNull();
  }

  static String string(JsonNode parent, String path, String field, String fallback) {
    JsonNode n = parent.get(field);
    String p = join(path, field);
    if (n == null || n.isNull()) {
      if (fallback == null) {
        throw new IllegalArgumentException("missing field \"" + p + "\"");
      }
      return fallback;
    }
    if (!n.isTextual()) {
      throw bad(p, "a string", n);
    }
    return n.asText();
  }

  static boolean bool(JsonNode parent, String path, String field, boolean fallback) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) {
      return fallback;
    }
    if (!n.isBoolean()) {
      throw bad(join(path, field), "true or false", n);
    }
    return n.asBoolean();
  }

  /** A finite number; null when absent and {@code fallback} is null and not required. */
  static Double number(JsonNode parent, String path, String field, Double fallback, boolean required) {
    JsonNode n = parent.get(field);
    String p = join(path, field);
    if (n == null || n.isNull()) {
      if (required) {
        throw new IllegalArgumentException("missing field \"" + p + "\"");
      }
      return fallback;
    }
    if (!n.isNumber()) {
      throw bad(p, "a number", n);
    }
    double v = n.asDouble();
    if (!Double.isFinite(v)) {
      throw bad(p, "a finite number", n);
    }
    return v;
  }

  /** An integer in [min, max]; null when absent and not required. */
  static Long integer(JsonNode parent, String path, String field, Long fallback, boolean required, long min,
      long max) {
    JsonNode n = parent.get(field);
    String p = join(path, field);
    if (n == null || n.isNull()) {
      if (required) {
        throw new IllegalArgumentException("missing field \"" + p + "\"");
      }
      return fallback;
    }
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      throw bad(p, "a whole number", n);
    }
    long v = n.asLong();
    if (v < min || v > max) {
      throw bad(p, "between " + min + " and " + max, n);
    }
    return v;
  }

  static int[] intArray(JsonNode parent, String path, String field, int min) {
    JsonNode n = parent.get(field);
    String p = join(path, field);
    if (n == null || n.isNull()) {
      throw new IllegalArgumentException("missing field \"" + p + "\"");
    }
    if (!n.isArray() || n.isEmpty()) {
      throw bad(p, "a non-empty array of whole numbers", n);
    }
    int[] out = new int[n.size()];
    for (int i = 0; i < n.size(); i++) {
      JsonNode e = n.get(i);
      if (!e.isIntegralNumber() || !e.canConvertToInt() || e.asInt() < min) {
        throw bad(p + "[" + i + "]", "a whole number of at least " + min, e);
      }
      out[i] = e.asInt();
    }
    return out;
  }

  /** A non-empty array of finite numbers. */
  static double[] numberArray(JsonNode parent, String path, String field) {
    JsonNode n = parent.get(field);
    String p = join(path, field);
    if (n == null || n.isNull()) {
      throw new IllegalArgumentException("missing field \"" + p + "\"");
    }
    if (!n.isArray() || n.isEmpty()) {
      throw bad(p, "a non-empty array of numbers", n);
    }
    double[] out = new double[n.size()];
    for (int i = 0; i < n.size(); i++) {
      JsonNode e = n.get(i);
      if (!e.isNumber() || !Double.isFinite(e.asDouble())) {
        throw bad(p + "[" + i + "]", "a finite number", e);
      }
      out[i] = e.asDouble();
    }
    return out;
  }

  static List<String> stringArray(JsonNode parent, String path, String field) {
    JsonNode n = parent.get(field);
    String p = join(path, field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isArray() || n.isEmpty()) {
      throw bad(p, "a non-empty array of column names", n);
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n.size(); i++) {
      if (!n.get(i).isTextual()) {
        throw bad(p + "[" + i + "]", "a column name (a string)", n.get(i));
      }
      out.add(n.get(i).asText());
    }
    return out;
  }

  /** A rectangular array of finite numbers, rows first. */
  static Matrix matrix(JsonNode parent, String path, String field) {
    JsonNode n = parent.get(field);
    String p = join(path, field);
    if (n == null || n.isNull()) {
      throw new IllegalArgumentException("missing field \"" + p + "\"");
    }
    if (!n.isArray() || n.isEmpty()) {
      throw bad(p, "a non-empty array of rows (arrays of numbers)", n);
    }
    int cols = -1;
    double[][] a = new double[n.size()][];
    for (int i = 0; i < n.size(); i++) {
      JsonNode row = n.get(i);
      if (!row.isArray() || row.isEmpty()) {
        throw bad(p + "[" + i + "]", "a non-empty array of numbers", row);
      }
      if (cols >= 0 && row.size() != cols) {
        throw new IllegalArgumentException("\"" + p + "\" has ragged rows: row 0 has " + cols + " values, row " + i
            + " has " + row.size());
      }
      cols = row.size();
      a[i] = new double[cols];
      for (int j = 0; j < cols; j++) {
        JsonNode v = row.get(j);
        if (!v.isNumber()) {
          throw bad(p + "[" + i + "][" + j + "]", "a number", v);
        }
        if (!Double.isFinite(v.asDouble())) {
          throw bad(p + "[" + i + "][" + j + "]", "a finite number", v);
        }
        a[i][j] = v.asDouble();
      }
    }
    return Matrix.of(a);
  }
}
