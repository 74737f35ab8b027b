package twinnet.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.input.BOMInputStream;
import twinnet.model.Matrix;

/**
 * Reads numeric columns of a CSV file with a header into the course's layout. A byte-order mark and
 * Windows line endings are accepted; every other problem is an {@link IllegalArgumentException} that
 * names the file, the line and the column.
 */
public final class CsvData {
  private CsvData() {}

  /** The column names of a CSV header line (a byte-order mark and the spaces around commas dropped). */
  public static List<String> headerNames(String firstLine) {
    return List.of(firstLine.replace("\uFEFF", "").trim().split("\\s*,\\s*"));
  }

  /**
   * @param features column names of x (null: every column but the targets)
   * @param targets column names of y (null: the last column)
   */
  public static Dataset read(Path file, List<String> features, List<String> targets) {
    List<String> header;
    List<double[]> rows = new ArrayList<>();
    int[] fx;
    int[] fy;
    try (Reader in = new java.io.InputStreamReader(
            BOMInputStream.builder().setInputStream(Files.newInputStream(file)).get(), StandardCharsets.UTF_8);
        CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
            .setIgnoreEmptyLines(true).get().parse(in)) {
      header = csv.getHeaderNames();
      if (header.isEmpty()) {
        throw new IllegalArgumentException(file + ": the file is empty; it needs a header line and rows of numbers");
      }
      List<String> ys = targets == null ? List.of(header.get(header.size() - 1)) : targets;
      List<String> xs = features == null ? header.stream().filter(h -> !ys.contains(h)).toList() : features;
      if (xs.isEmpty()) {
        throw new IllegalArgumentException(file + ": no feature columns left besides the targets " + ys);
      }
      fx = indices(file, header, xs);
      fy = indices(file, header, ys);
      for (CSVRecord r : csv) {
        long line = r.getParser().getCurrentLineNumber();
        if (r.size() != header.size()) {
          throw new IllegalArgumentException(file + ": line " + line + " has " + r.size() + " cells but the header has "
              + header.size() + "; every row needs one value per column");
        }
        double[] v = new double[header.size()];
        for (int c : concat(fx, fy)) {
          v[c] = number(file, line, header.get(c), r.get(c));
        }
        rows.add(v);
      }
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": no such file; check the path (relative paths are resolved from "
          + "the case file's folder)");
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new IllegalArgumentException(file + ": cannot read it as CSV (" + e.getMessage() + ")");
    }
    if (rows.isEmpty()) {
      throw new IllegalArgumentException(file + ": no data rows after the header");
    }
    return new Dataset(file.getFileName().toString(), columns(rows, fx), columns(rows, fy));
  }

  /** The named columns only (e.g. the features of a model, for predictions), as rows of a matrix. */
  public static Matrix readColumns(Path file, List<String> names) {
    Dataset d = read(file, names, List.of(names.get(0)));
    return d.X();
  }

  private static int[] indices(Path file, List<String> header, List<String> names) {
    int[] out = new int[names.size()];
    for (int i = 0; i < names.size(); i++) {
      out[i] = header.indexOf(names.get(i));
      if (out[i] < 0) {
        throw new IllegalArgumentException(file + ": no column \"" + names.get(i) + "\"; the header has " + header);
      }
    }
    return out;
  }

  private static int[] concat(int[] a, int[] b) {
    int[] c = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  private static double number(Path file, long line, String column, String cell) {
    double v;
    try {
      v = Double.parseDouble(cell);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(file + ": line " + line + ", column \"" + column + "\": \"" + cell
          + "\" is not a number");
    }
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException(file + ": line " + line + ", column \"" + column + "\": " + cell
          + " is not a finite number; remove or fill the row");
    }
    return v;
  }

  /** The chosen columns as rows of a matrix: one row per column, one column per example. */
  private static Matrix columns(List<double[]> rows, int[] cols) {
    double[][] a = new double[cols.length][rows.size()];
    for (int j = 0; j < rows.size(); j++) {
      for (int i = 0; i < cols.length; i++) {
        a[i][j] = rows.get(j)[cols[i]];
      }
    }
    return Matrix.of(a);
  }
}
