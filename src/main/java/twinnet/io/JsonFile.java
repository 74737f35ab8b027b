package twinnet.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON file that twinnet wrote (a model, its weights, a checkpoint), read back with one-line errors:
 * a truncated or edited file names the file, the field and what is wrong with it, then the fix.
 */
public final class JsonFile {
  /**
   * The reading of every JSON twinnet takes in (case files, models, checkpoints, protocol messages): an object
   * that names one key twice is refused ({@link #duplicateKey}) instead of silently keeping the last value.
   * NaN and ±Infinity tokens are read, so that they reach the finite-number checks and their messages.
   */
  public static final ObjectMapper READER = com.fasterxml.jackson.databind.json.JsonMapper.builder()
      .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  /**
   * The sentence for an object that names a key twice ("the key "steps" appears twice (its second time at line
   * 3, column 12): keep one"), or null when {@code e} is another error.
   */
  public static String duplicateKey(JsonProcessingException e) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^Duplicate field '(.*)'").matcher(
        String.valueOf(e.getOriginalMessage()));
    if (!m.find()) {
      return null;
    }
    var loc = e.getLocation();
    return "the key \"" + m.group(1) + "\" appears twice in one object" + (loc == null ? "" : " (the second time at line "
        + loc.getLineNr() + ", column " + loc.getColumnNr() + ")") + ": which one was meant is unclear; keep one";
  }

  private final Path file;
  private final JsonNode root;
  private final String fix;

  private JsonFile(Path file, JsonNode root, String fix) {
    this.file = file;
    this.root = root;
    this.fix = fix;
  }

  /**
   * @param fix what the user can do when the file is damaged ("retrain the model")
   */
  public static JsonFile read(Path file, String fix) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + " is missing; " + fix);
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new IllegalArgumentException(file + " cannot be read (" + e.getMessage() + "); " + fix);
    }
    try {
      JsonNode root = READER.readTree(text);
      if (root == null || !root.isObject()) {
        throw new IllegalArgumentException(file + " is " + (root == null ? "empty" : "not a JSON object")
            + "; " + fix);
      }
      return new JsonFile(file, root, fix);
    } catch (JsonProcessingException e) {
      String twice = duplicateKey(e);
      if (twice != null) {
        throw new IllegalArgumentException(file + ": " + twice + "; " + fix);
      }
      String why = e.getOriginalMessage().lines().findFirst().orElse("").replaceAll("\\s+", " ");
      String at = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr();
      throw new IllegalArgumentException(file + " is not valid JSON" + at + " (" + abbreviate(why, 80)
          + "): it is truncated or was edited; " + fix);
    }
  }

  public Path file() {
    return file;
  }

  public JsonNode root() {
    return root;
  }

  /** The error for field {@code path}, which must be {@code must}. */
  public IllegalArgumentException bad(String path, String must) {
    JsonNode got = at(path);
    String shown = got.isMissingNode() ? "it is missing" : "got " + abbreviate(got.toString(), 40);
    return new IllegalArgumentException(file + ": \"" + path + "\" must be " + must + " (" + shown + "); " + fix);
  }

  private JsonNode at(String path) {
    JsonNode n = root;
    for (String part : path.split("\\.")) {
      n = n.path(part);
    }
    return n;
  }

  public boolean has(String path) {
    return !at(path).isMissingNode() && !at(path).isNull();
  }

  public String text(String path) {
    JsonNode n = at(path);
    if (!n.isTextual()) {
      throw bad(path, "a string");
    }
    return n.asText();
  }

  /** A number; Jackson writes NaN and ±Infinity as the strings "NaN", "Infinity", "-Infinity". */
  public double number(String path) {
    JsonNode n = at(path);
    if (n.isNumber()) {
      return n.asDouble();
    }
    if (n.isTextual() && java.util.Set.of("NaN", "Infinity", "-Infinity").contains(n.asText())) {
      return Double.parseDouble(n.asText());
    }
    throw bad(path, "a number");
  }

  /** A number that may be absent or null (NaN then). */
  public double numberOrNaN(String path) {
    return has(path) ? number(path) : Double.NaN;
  }

  public long integer(String path, long min, long max) {
    JsonNode n = at(path);
    if (!n.canConvertToLong() || !n.isIntegralNumber() || n.asLong() < min || n.asLong() > max) {
      throw bad(path, "an integer from " + min + " to " + max);
    }
    return n.asLong();
  }

  public boolean bool(String path, boolean fallback) {
    JsonNode n = at(path);
    if (n.isMissingNode() || n.isNull()) {
      return fallback;
    }
    if (!n.isBoolean()) {
      throw bad(path, "true or false");
    }
    return n.asBoolean();
  }

  public List<String> strings(String path) {
    JsonNode n = at(path);
    List<String> out = new ArrayList<>();
    if (n.isArray()) {
      for (JsonNode e : n) {
        if (!e.isTextual()) {
          throw bad(path, "a list of strings");
        }
        out.add(e.asText());
      }
    }
    if (!n.isArray() || out.isEmpty()) {
      throw bad(path, "a non-empty list of strings");
    }
    return out;
  }

  public double[] numbers(String path) {
    return numbers(path, at(path));
  }

  private double[] numbers(String path, JsonNode n) {
    if (!n.isArray()) {
      throw bad(path, "a list of numbers");
    }
    double[] out = new double[n.size()];
    for (int i = 0; i < out.length; i++) {
      if (!n.get(i).isNumber()) {
        throw bad(path, "a list of numbers");
      }
      out[i] = n.get(i).asDouble();
    }
    return out;
  }

  public int[] integers(String path, int min, int max) {
    JsonNode n = at(path);
    if (!n.isArray() || n.isEmpty()) {
      throw bad(path, "a list of integers");
    }
    int[] out = new int[n.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode e = n.get(i);
      if (!e.isIntegralNumber() || e.asLong() < min || e.asLong() > max) {
        throw bad(path, "a list of integers from " + min + " to " + max);
      }
      out[i] = e.asInt();
    }
    return out;
  }

  /** A matrix stored as a list of rows, each {@code cols} numbers long: exactly {@code rows} × {@code cols}. */
  public double[][] matrix(String path, int rows, int cols) {
    return matrix(path, at(path), rows, cols);
  }

  /** As {@link #matrix(String, int, int)}, for a node inside an array (its path named for messages). */
  public double[][] matrix(String path, JsonNode n, int rows, int cols) {
    String shape = rows + "×" + cols + " (a list of " + rows + " rows of " + cols + " numbers)";
    if (!n.isArray() || n.size() != rows) {
      throw matrixError(path, n, shape);
    }
    double[][] out = new double[rows][];
    for (int i = 0; i < rows; i++) {
      if (!n.get(i).isArray() || n.get(i).size() != cols) {
        throw matrixError(path, n, shape);
      }
      out[i] = numbers(path, n.get(i));
    }
    return out;
  }

  private IllegalArgumentException matrixError(String path, JsonNode n, String shape) {
    String got = !n.isArray() ? (n.isMissingNode() ? "it is missing" : "not a list")
        : n.size() + " rows" + (n.size() > 0 && n.get(0).isArray() ? " of " + n.get(0).size() : "");
    return new IllegalArgumentException(file + ": \"" + path + "\" must be " + shape + ", got " + got + "; " + fix);
  }

  private static String abbreviate(String s, int n) {
    return s.length() > n ? s.substring(0, n - 3) + "..." : s;
  }
}
