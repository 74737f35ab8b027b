package twinnet.cases;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * A recurrent comparison case (a file with a top-level {@code "recurrent"}, compare/README.md): the course's
 * character model, or its notebook's shapes on random sequences, trained by scratch/CharModel and its DL4J twin from
 * the same weights on the same batches.
 *
 * @param cell "rnn" or "lstm"
 * @param nA the hidden state's size n_a
 * @param data the text of a character model, or the notebook's random sequences
 * @param m sequences a step
 * @param lengths the sequence lengths T_x, taken in turn step by step
 * @param batchSeed the seed of the batches' draws
 * @param initScale the weights' scale (np.random.randn · scale; the course's is 0.01)
 * @param initSeed the weights' seed
 * @param clip the clipping threshold (the course's maxValue, 5), or null for none
 * @param tolerance the largest relative difference that agrees
 */
public record RecurrentCase(String name, String description, String cell, int nA, Data data, int m, int[] lengths,
    long batchSeed, double initScale, long initSeed, double learningRate, Double clip, int steps, double tolerance) {

  /** The data: {@code text} for a character model (its vocabulary the characters it has), or random sequences. */
  public sealed interface Data permits Text, Random {}

  /**
   * A character model's text: given inline, read from {@code file} (else null), or twinnet's generated names;
   * {@code source} says which.
   */
  public record Text(String text, String source, Path file) implements Data {}

  /** The notebook's random sequences: x⟨t⟩ ~ N(0, 1) (n_x × m), the targets uniform over n_y classes. */
  public record Random(int nX, int nY) implements Data {}

  static final Set<String> TOP = Set.of("$schema", "name", "description", "recurrent", "data", "batch", "init", "learningRate",
      "clip", "steps", "tolerance");
  static final int MAX_HIDDEN = 1024;
  static final int MAX_LENGTH = 1000;
  static final int MAX_TEXT = 1_000_000;
  /** The model's parameters: report.json keeps the initial ones and both sides' final ones. */
  static final long MAX_PARAMETERS = 1_000_000L;
  /** steps · m · T_x: every step's targets stay in memory for the report. */
  static final long MAX_KEPT = 20_000_000L;
  /** A step's numbers (m · T · (n_x + n_y + 6 n_a) on each side) are bounded so that no case can exhaust the heap. */
  static final long MAX_STEP_NUMBERS = 50_000_000L;

  /** Whether a parsed JSON case is a recurrent one. */
  static boolean is(JsonNode root) {
    return root != null && root.isObject() && root.has("recurrent");
  }

  /** Parses a recurrent case; {@code directory} resolves a text file's path. */
  static RecurrentCase parse(JsonNode root, String fallbackName, Path directory) {
    Json.onlyKnown(root, "", TOP);
    String name = CaseParser.name(root, fallbackName);
    String description = Json.string(root, "", "description", "");
    JsonNode r = Json.object(root, "", "recurrent", true);
    Json.onlyKnown(r, "recurrent", Set.of("cell", "n_a"));
    String cell = Json.string(r, "recurrent", "cell", null);
    if (cell == null || !Set.of("rnn", "lstm").contains(cell)) {
      throw new IllegalArgumentException("\"recurrent.cell\" must be rnn or lstm, got " + (cell == null ? "nothing"
          : "\"" + cell + "\""));
    }
    int nA = Json.integer(r, "recurrent", "n_a", null, true, 1, MAX_HIDDEN).intValue();
    Data data = data(Json.object(root, "", "data", true), directory);
    JsonNode b = Json.object(root, "", "batch", true);
    Json.onlyKnown(b, "batch", Set.of("m", "lengths", "seed"));
    int m = Json.integer(b, "batch", "m", null, true, 1, 10_000).intValue();
    int[] lengths = Json.intArray(b, "batch", "lengths", 1);
    for (int T : lengths) {
      if (T > MAX_LENGTH) {
        throw new IllegalArgumentException("\"batch.lengths\" must be at most " + MAX_LENGTH + ", got " + T);
      }
      if (data instanceof Text t && T + 1 > t.text().length()) {
        throw new IllegalArgumentException("\"batch.lengths\" has " + T + ", but the text has only "
            + t.text().length() + " characters: a sequence needs T + 1 of them (its targets are the next characters)");
      }
    }
    long seed = Json.integer(b, "batch", "seed", 1L, false, 0, Long.MAX_VALUE);
    JsonNode init = Json.object(root, "", "init", false);
    double scale = 0.01;
    long initSeed = 1;
    if (init != null) {
      Json.onlyKnown(init, "init", Set.of("scale", "seed"));
      scale = Json.number(init, "init", "scale", 0.01, false);
      initSeed = Json.integer(init, "init", "seed", 1L, false, 0, Long.MAX_VALUE);
      if (scale <= 0 || scale > 10) {
        throw new IllegalArgumentException("\"init.scale\" must be in (0, 10], got " + scale);
      }
    }
    double lr = Json.number(root, "", "learningRate", null, true);
    if (lr <= 0 || lr > 100) {
      throw new IllegalArgumentException("\"learningRate\" must be in (0, 100], got " + lr);
    }
    Double clip = Json.present(root, "clip") ? Json.number(root, "", "clip", null, true) : null;
    if (root.has("clip") && !root.get("clip").isNull() && clip <= 0) {
      throw new IllegalArgumentException("\"clip\" must be above 0 (or null for no clipping), got " + clip);
    }
    int steps = Json.integer(root, "", "steps", null, true, 1, 100_000).intValue();
    double tol = Json.number(root, "", "tolerance", 1e-9, false);
    if (tol <= 0 || tol >= 1) {
      throw new IllegalArgumentException("\"tolerance\" must be in (0, 1), got " + tol);
    }
    int nX = data instanceof Random rd ? rd.nX() : 0;
    int nY = data instanceof Random rd ? rd.nY() : 0;
    if (data instanceof Text t) {
      nX = (int) t.text().chars().distinct().count();
      nY = nX;
    }
    int longest = java.util.Arrays.stream(lengths).max().orElse(1);
    long parameters = 4L * nA * (nA + nX) + 4L * nA + (long) nY * (nA + 1);
    if (parameters > MAX_PARAMETERS) {
      throw new IllegalArgumentException("the model would have " + parameters + " parameters, more than "
          + MAX_PARAMETERS + " (report.json keeps three copies): use a smaller recurrent.n_a or vocabulary");
    }
    long kept = (long) steps * m * java.util.Arrays.stream(lengths).asLongStream().sum() / lengths.length;
    if (kept > MAX_KEPT) {
      throw new IllegalArgumentException("steps · m · T_x would be about " + kept + " targets, more than " + MAX_KEPT
          + " (the run keeps every step's batch for its report): use fewer steps, a smaller batch.m or shorter "
          + "batch.lengths");
    }
    long numbers = (long) m * longest * (nX + nY + 6L * nA) + 4L * nA * (nA + nX) + (long) nY * nA;
    if (numbers > MAX_STEP_NUMBERS) {
      throw new IllegalArgumentException("a step would hold " + numbers + " numbers a side (m · T · (n_x + n_y + "
          + "6 n_a)), more than " + MAX_STEP_NUMBERS + ": use a smaller batch.m, batch.lengths or recurrent.n_a");
    }
    if (data instanceof Random && (long) steps * m * longest * nX > 2_000_000L) {
      throw new IllegalArgumentException("random sequences are written into report.json for its replay: steps · m · "
          + "T · n_x must be at most 2000000, got " + (long) steps * m * longest * nX);
    }
    return new RecurrentCase(name, description, cell, nA, data, m, lengths, seed, scale, initSeed, lr, clip, steps,
        tol);
  }

  private static Data data(JsonNode d, Path directory) {
    Json.onlyKnown(d, "data", Set.of("text", "file", "names", "seed", "random"));
    int given = (d.has("text") ? 1 : 0) + (d.has("file") ? 1 : 0) + (d.has("names") ? 1 : 0)
        + (d.has("random") ? 1 : 0);
    if (given != 1) {
      throw new IllegalArgumentException("\"data\" takes one of \"text\" (inline), \"file\" (a UTF-8 text file), "
          + "\"names\" (how many names twinnet generates) or \"random\" ({\"n_x\", \"n_y\"}), got " + given);
    }
    if (d.has("random")) {
      JsonNode r = Json.object(d, "data", "random", true);
      Json.onlyKnown(r, "data.random", Set.of("n_x", "n_y"));
      return new Random(Json.integer(r, "data.random", "n_x", null, true, 1, 10_000).intValue(),
          Json.integer(r, "data.random", "n_y", null, true, 2, 10_000).intValue());
    }
    String text;
    String source;
    Path file = null;
    if (d.has("seed") && !d.has("names")) {
      throw new IllegalArgumentException("\"data.seed\" seeds the generated names: it goes with \"data.names\" only "
          + "(batch.seed draws the windows and the random sequences)");
    }
    if (d.has("names")) {
      int count = Json.integer(d, "data", "names", null, true, 1, 100_000).intValue();
      long seed = Json.integer(d, "data", "seed", 1L, false, 0, Long.MAX_VALUE);
      text = CharText.names(count, seed);
      source = count + " names generated from seed " + seed;
    } else if (d.has("file")) {
      String f = Json.string(d, "data", "file", null);
      Path p = directory.resolve(f);
      try {
        if (Files.size(p) > MAX_TEXT * 4L) {
          throw new IllegalArgumentException("\"data.file\" " + p + " is larger than " + MAX_TEXT + " characters");
        }
        text = Files.readString(p);
        file = p;
      } catch (java.nio.charset.MalformedInputException e) {
        throw new IllegalArgumentException("\"data.file\" " + p + " is not UTF-8 text");
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException("cannot read \"data.file\" " + p + " (" + twinnet.io.Outputs.reason(e)
            + "): give the path of a text file, relative to the case file");
      }
      source = "the file " + f;
    } else {
      text = Json.string(d, "data", "text", null);
      source = "the case's inline text";
    }
    if (text.length() > MAX_TEXT) {
      throw new IllegalArgumentException("the text has " + text.length() + " characters, more than " + MAX_TEXT);
    }
    for (int i = 0; i < text.length(); i++) {
      if (Character.isSurrogate(text.charAt(i))) {
        throw new IllegalArgumentException("the text has a character outside Unicode's basic plane (U+"
            + Integer.toHexString(text.codePointAt(i)).toUpperCase(java.util.Locale.ROOT) + ", an emoji or the like) at "
            + "character " + i + ": the vocabulary is of single UTF-16 characters; remove it from the text");
      }
    }
    if (text.chars().distinct().count() < 2) {
      throw new IllegalArgumentException("the text needs at least two different characters (its vocabulary is the "
          + "characters it has), got " + text.length() + " character(s)");
    }
    return new Text(text, source, file);
  }
}
