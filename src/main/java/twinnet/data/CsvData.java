package twinnet.data;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.input.BOMInputStream;
import twinnet.io.Cleanup;
import twinnet.io.Resources;
import twinnet.model.Matrix;

/**
 * Reads numeric columns of a CSV file with a header into the course's layout. Standard CSV quoting, a
 * byte-order mark and Windows line endings are accepted; every other problem is an {@link
 * IllegalArgumentException} that names the file, the line and the column. Sizes are checked against the
 * memory before the rows are read, and Ctrl-C stops the reading.
 */
public final class CsvData {
  private CsvData() {}

  /** The longest header line read (a header of {@link Resources#MAX_WIDTH} long names fits). */
  static final int MAX_HEADER_CHARS = 8 << 20;

  private static CSVFormat format() {
    return CSVFormat.DEFAULT.builder().setTrim(true).setIgnoreEmptyLines(true).get();
  }

  /**
   * The column names of a CSV header line (a byte-order mark, quotes and the spaces around commas dropped),
   * checked: at most {@link Resources#MAX_WIDTH} columns, none empty, none twice.
   */
  public static List<String> headerNames(String firstLine) {
    return headerNames("the data", firstLine);
  }

  private static List<String> headerNames(String where, String firstLine) {
    List<String> names;
    try (CSVParser p = format().parse(new StringReader(firstLine.replace("\uFEFF", "")))) {
      List<CSVRecord> records = p.getRecords();
      names = records.isEmpty() ? List.of() : records.get(0).toList();
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new IllegalArgumentException(where + ": the header is not a CSV line (" + e.getMessage() + ")");
    }
    if (names.isEmpty()) {
      throw new IllegalArgumentException(where + ": the file is empty; it needs a header line and rows of numbers");
    }
    if (names.size() > Resources.MAX_WIDTH) {
      throw new IllegalArgumentException(where + ": the header has " + names.size() + " columns; twinnet takes at most "
          + Resources.MAX_WIDTH + ": choose the columns you need in a smaller file");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < names.size(); i++) {
      String n = names.get(i);
      if (n.isEmpty()) {
        throw new IllegalArgumentException(where + ": column " + (i + 1) + " of the header has no name; name every "
            + "column in the header line");
      }
      if (!seen.add(n)) {
        throw new IllegalArgumentException(where + ": the column name \"" + n + "\" appears twice in the header "
            + "(columns " + (names.indexOf(n) + 1) + " and " + (i + 1) + "); rename one");
      }
    }
    return List.copyOf(names);
  }

  /** The header of a CSV file, read without reading the rest (a line of at most 8 M characters). */
  public static List<String> header(Path file) {
    try (Reader in = reader(file)) {
      StringBuilder line = new StringBuilder();
      boolean quoted = false;
      for (int c; (c = in.read()) >= 0; ) {
        if (c == '"') {
          quoted = !quoted;
        } else if ((c == '\n' || c == '\r') && !quoted) {
          if (line.toString().isBlank()) {
            continue; // empty lines before the header
          }
          break;
        }
        line.append((char) c);
        if (line.length() > MAX_HEADER_CHARS) {
          throw new IllegalArgumentException(file + ": the header line is longer than " + MAX_HEADER_CHARS
              + " characters: more columns than twinnet takes (at most " + Resources.MAX_WIDTH + ")");
        }
      }
      return headerNames(file.toString(), line.toString());
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": no such file; check the path");
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new IllegalArgumentException(file + ": cannot read it (" + e.getMessage() + ")");
    }
  }

  private static Reader reader(Path file) throws IOException {
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException(file + " is a folder; give a CSV file");
    }
    return new java.io.BufferedReader(new java.io.InputStreamReader(
        BOMInputStream.builder().setInputStream(Files.newInputStream(file)).get(), StandardCharsets.UTF_8));
  }

  /**
   * The feature and target columns a run uses: the targets default to the last column, the features to
   * every other one; a column named in both, or twice, or not in the header is refused.
   */
  public static List<List<String>> columns(Path file, List<String> header, List<String> features,
      List<String> targets) {
    List<String> ys = targets == null ? List.of(header.get(header.size() - 1)) : targets;
    List<String> xs = features == null ? header.stream().filter(h -> !ys.contains(h)).toList() : features;
    if (xs.isEmpty()) {
      throw new IllegalArgumentException(file + ": no feature columns left besides the targets " + ys);
    }
    for (List<String> names : List.of(xs, ys)) {
      Set<String> seen = new HashSet<>();
      for (String n : names) {
        if (!seen.add(n)) {
          throw new IllegalArgumentException("the column \"" + n + "\" is named twice in --"
              + (names == xs ? "features" : "targets"));
        }
        if (!header.contains(n)) {
          throw new IllegalArgumentException(file + ": no column \"" + n + "\"; the header has " + header);
        }
      }
    }
    for (String n : xs) {
      if (ys.contains(n)) {
        throw new IllegalArgumentException("the column \"" + n + "\" is both a feature and a target; a network "
            + "that sees its target learns nothing: drop it from --features or --targets");
      }
    }
    return List.of(xs, ys);
  }

  /**
   * @param features column names of x (null: every column but the targets)
   * @param targets column names of y (null: the last column)
   */
  public static Dataset read(Path file, List<String> features, List<String> targets) {
    List<String> header = header(file);
    List<List<String>> chosen = columns(file, header, features, targets);
    Matrix[] xy = readBlocks(file, header, chosen.get(0), chosen.get(1));
    return new Dataset(file.getFileName().toString(), xy[0], xy[1]);
  }

  /** Reads the named columns, in blocks: one matrix per list of names, one row per column. */
  @SafeVarargs
  private static Matrix[] readBlocks(Path file, List<String> header, List<String>... blocks) {
    int[] used = java.util.Arrays.stream(blocks).flatMap(List::stream).mapToInt(header::indexOf).toArray();
    requireMemory(file, used.length);
    List<double[]> rows = new ArrayList<>();
    try (Reader in = reader(file);
        CSVParser csv = format().builder().setHeader(header.toArray(String[]::new)).setSkipHeaderRecord(true).get()
            .parse(in)) {
      for (CSVRecord r : csv) {
        long line = r.getParser().getCurrentLineNumber();
        if (r.size() != header.size()) {
          throw new IllegalArgumentException(file + ": line " + line + " has " + r.size() + " cells but the header has "
              + header.size() + "; every row needs one value per column");
        }
        double[] v = new double[used.length];
        for (int k = 0; k < used.length; k++) {
          v[k] = number(file, line, header.get(used[k]), r.get(used[k]));
        }
        rows.add(v);
        if ((rows.size() & 0xFFF) == 0) {
          twinnet.io.Stop.check("reading " + file);
        }
      }
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": no such file; check the path");
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new IllegalArgumentException(file + ": cannot read it as CSV (" + e.getMessage() + ")");
    }
    if (rows.isEmpty()) {
      throw new IllegalArgumentException(file + ": no data rows after the header");
    }
    Matrix[] out = new Matrix[blocks.length];
    int from = 0;
    for (int b = 0; b < blocks.length; b++) {
      out[b] = columns(rows, from, blocks[b].size());
      from += blocks[b].size();
    }
    return out;
  }

  /**
   * Refuses a file whose rows would not fit in memory: the rows are estimated from the file's size and
   * the length of its first lines; the data are held about three times (rows, matrices, the split).
   */
  private static void requireMemory(Path file, int columns) {
    try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
      long size = Files.size(file);
      double perLine = lines.skip(1).limit(100).mapToInt(l -> l.length() + 1).average().orElse(size);
      long rows = (long) Math.ceil(size / Math.max(1, perLine));
      Resources.requireMemory(file + " (about " + rows + " rows of " + columns + " numbers)",
          3 * rows * (long) columns, "use --backend dl4j --stream for files larger than memory, or give java more "
              + "memory (-Xmx)");
    } catch (IOException | java.io.UncheckedIOException e) {
      // unreadable: the reading itself says so
    }
  }

  /** The named columns only (e.g. the features of a model, for predictions), as rows of a matrix. */
  public static Matrix readColumns(Path file, List<String> names) {
    List<String> header = header(file);
    for (String n : names) {
      if (!header.contains(n)) {
        throw new IllegalArgumentException(file + ": no column \"" + n + "\"; the header has " + header);
      }
    }
    return readBlocks(file, header, names)[0];
  }

  /** Writes a CSV: a header of {@code names}, then one row per column of the blocks, side by side. */
  public static void write(BufferedWriter w, List<String> names, Matrix... blocks) throws IOException {
    w.write(String.join(",", names.stream().map(CsvData::quoted).toList()));
    w.newLine();
    int m = blocks[0].cols();
    StringBuilder line = new StringBuilder();
    for (int j = 0; j < m; j++) {
      line.setLength(0);
      for (Matrix b : blocks) {
        for (int i = 0; i < b.rows(); i++) {
          line.append(line.length() == 0 ? "" : ",").append(b.get(i, j));
        }
      }
      w.write(line.toString());
      w.newLine();
      if ((j & 0xFFF) == 0) {
        twinnet.io.Stop.check("writing predictions");
      }
    }
  }

  private static String quoted(String name) {
    return name.matches("[^\",\\s]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
  }

  /** A cell as a finite number, or the error naming the file, line, column and the cell. */
  public static double number(Path file, long line, String column, String cell) {
    double v;
    try {
      v = Double.parseDouble(cell);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(file + ": line " + line + ", column \"" + column + "\": \"" + abbreviate(cell)
          + "\" is not a number");
    }
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException(file + ": line " + line + ", column \"" + column + "\": " + abbreviate(cell)
          + " is not a finite number; remove or fill the row");
    }
    return v;
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 37) + "..." : s;
  }

  /** Columns [from, from + n) of the rows, as rows of a matrix: one row per column, one column per example. */
  private static Matrix columns(List<double[]> rows, int from, int n) {
    double[][] a = new double[n][rows.size()];
    for (int j = 0; j < rows.size(); j++) {
      double[] r = rows.get(j);
      for (int i = 0; i < n; i++) {
        a[i][j] = r[from + i];
      }
    }
    return Matrix.of(a);
  }
}
