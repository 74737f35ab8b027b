package twinnet.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import twinnet.cases.CaseResult;

/**
 * Writes a case's report folder all at once: everything goes into a hidden temporary folder beside the
 * target, which is then moved into place, so a failure never leaves a half-written report.
 */
public final class ReportWriter {
  private ReportWriter() {}

  /**
   * Checks, before any work, that {@code out/name} can be written: the folder is creatable and
   * writable, and no report is there unless {@code overwrite}.
   */
  public static void checkTarget(Path out, String name, boolean overwrite) {
    Path target = out.resolve(name);
    if (Files.exists(target) && !overwrite) {
      throw new IllegalArgumentException(target + " already holds a report; pass --overwrite to replace it, or "
          + "choose another --out");
    }
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new IllegalArgumentException(out + " is a file, not a folder; choose another --out");
    }
    try {
      Files.createDirectories(out);
      Path probe = Files.createTempFile(out, ".twinnet-probe", ".tmp");
      Files.delete(probe);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot write into " + out + " (" + reason(e) + "); choose another --out");
    }
  }

  private static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  /** Writes report.json, report.html, loss.png, fit.png (one input and output), trace.csv. */
  public static Path write(CaseResult r, Path out, boolean overwrite) {
    String name = r.kase().name();
    Path target = out.resolve(name);
    Path tmp = null;
    try {
      Files.createDirectories(out);
      tmp = Files.createTempDirectory(out, "." + name + "-");
      byte[] loss = CaseReport.lossPng(r);
      byte[] fit = CaseReport.fitPng(r);
      Files.writeString(tmp.resolve("report.json"),
          ReportJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(ReportJson.of(r)),
          StandardCharsets.UTF_8);
      Files.writeString(tmp.resolve("trace.csv"), CaseReport.traceCsv(r), StandardCharsets.UTF_8);
      Files.write(tmp.resolve("loss.png"), loss);
      if (fit != null) {
        Files.write(tmp.resolve("fit.png"), fit);
      }
      Files.writeString(tmp.resolve("report.html"), CaseReport.html(r, loss, fit), StandardCharsets.UTF_8);
      moveIntoPlace(tmp, target, overwrite);
      tmp = null;
      return target;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot write the report to " + target + " (" + reason(e) + ")");
    } finally {
      if (tmp != null) {
        deleteQuietly(tmp);
      }
    }
  }

  /** Moves a finished folder to {@code target}, replacing an old one only when asked. */
  public static void moveIntoPlace(Path tmp, Path target, boolean overwrite) throws IOException {
    if (Files.exists(target)) {
      if (!overwrite) {
        throw new IllegalArgumentException(target + " already holds a report; pass --overwrite to replace it");
      }
      Path old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + "-old-");
      Files.move(target, old.resolve("r"), StandardCopyOption.ATOMIC_MOVE);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      deleteQuietly(old);
    } else {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  static void deleteQuietly(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException ignored) {
      // best effort: a leftover hidden temporary folder is harmless
    }
  }
}
