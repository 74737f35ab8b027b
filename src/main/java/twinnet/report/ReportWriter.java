package twinnet.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import twinnet.cases.CaseResult;
import twinnet.io.Outputs;

/**
 * Writes a case's report folder all at once, through {@link Outputs}: everything goes into a hidden
 * temporary folder beside the target, which is then moved into place, so a failure never leaves a
 * half-written report, and only an earlier report is ever replaced.
 */
public final class ReportWriter {
  private ReportWriter() {}

  /**
   * Checks, before any work, that the report {@code out/name} can be written: the folder writable, no
   * report there unless {@code overwrite}, nothing else there at all, and no input inside it.
   */
  public static Outputs.Target checkTarget(Path out, String name, boolean overwrite, Collection<Path> inputs) {
    Outputs.folderOption(out, "--out");
    return Outputs.check(out.resolve(name), Outputs.Kind.REPORT, overwrite, inputs, "the report folder");
  }

  /** Writes report.json, report.html, loss.png, fit.png (one input and output), trace.csv to the target. */
  public static Path write(CaseResult r, Outputs.Target target) {
    return Outputs.writeFolder(target, tmp -> writeInto(r, tmp));
  }

  /** The report's files, written into an existing folder (a temporary one: see {@link #write}). */
  static void writeInto(CaseResult r, Path dir) throws IOException {
    byte[] loss = CaseReport.lossPng(r);
    byte[] fit = CaseReport.fitPng(r);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("report.json"),
        ReportJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(ReportJson.of(r)),
        StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("trace.csv"), CaseReport.traceCsv(r), StandardCharsets.UTF_8);
    Files.write(dir.resolve("loss.png"), loss);
    if (fit != null) {
      Files.write(dir.resolve("fit.png"), fit);
    }
    Files.writeString(dir.resolve("report.html"), CaseReport.html(r, loss, fit), StandardCharsets.UTF_8);
  }
}
