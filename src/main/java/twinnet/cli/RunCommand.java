package twinnet.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import twinnet.cases.Case;
import twinnet.cases.CaseResult;
import twinnet.cases.CaseRunner;
import twinnet.cases.DistributedResult;
import twinnet.report.DistributedReport;
import twinnet.report.ReportWriter;
import twinnet.report.TextReport;

/** {@code twinnet run CASE.json... [--out DIR]}: runs comparison cases and writes their reports. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Runs comparison cases (JSON, see compare/README.md) with both backends on identical batches, "
        + "prints a side-by-side table and a verdict per case, and writes DIR/<case>/ (report.json, report.html, "
        + "PNG plots, trace.csv). A case with a top-level \"recurrent\" (compare/recurrent) trains an RNN or LSTM "
        + "character model and its DL4J twin, compared per step and per time step; *.schema.json files are skipped.",
        "Exit status: 0 every case as expected, 1 a case disagrees unexpectedly, 2 bad input."})
final class RunCommand implements Callable<Integer> {

  @Spec
  picocli.CommandLine.Model.CommandSpec commandSpec;

  @Parameters(arity = "1..*", paramLabel = "CASE.json", description = "Case files.")
  List<Path> cases;

  @Option(names = "--out", defaultValue = "out", description = "Where reports go (default: out).")
  Path out;

  @Option(names = "--overwrite", description = "Replace reports already in --out.")
  boolean overwrite;

  @Option(names = "--quiet", description = "No progress bars.")
  boolean quiet;

  @Option(names = "--spark-workers", paramLabel = "K", defaultValue = "0", description = "Also train each case on "
      + "Spark with K workers (each on batch/K examples, plain SGD) and check it against one machine; needs the "
      + "build with -Pspark (0: off).")
  int sparkWorkers;

  @Option(names = "--averaging-frequency", split = ",", defaultValue = "1,4", paramLabel = "F",
      description = "With --spark-workers: averaging frequencies to run (default 1,4): 1 must agree with one "
          + "machine, more is an expected, measured disagreement.")
  List<Integer> averagingFrequencies;

  @Option(names = "--master", description = "With --spark-workers: the Spark master (default local[K]).")
  String master;

  @Override
  public Integer call() {
    PrintWriter o = commandSpec.commandLine().getOut();
    // Read and check everything first: bad input stops the run before anything is written.
    twinnet.io.Resources.requireRange("--spark-workers", sparkWorkers, 0, 10_000);
    for (int f : averagingFrequencies) {
      twinnet.io.Resources.requireRange("--averaging-frequency", f, 1, twinnet.io.Resources.MAX_STEPS);
    }
    twinnet.io.Outputs.folderOption(out, "--out");
    twinnet.cases.Suite.Read suite = twinnet.cases.Suite.read(cases, sparkWorkers, averagingFrequencies);
    List<Case> parsed = suite.cases();
    List<Path> inputs = suite.inputs();
    java.util.Map<Case, twinnet.io.Outputs.Target> targets = new java.util.HashMap<>();
    for (Case c : parsed) {
      targets.put(c, ReportWriter.checkTarget(out, c.name(), overwrite, inputs));
    }
    java.util.Map<twinnet.cases.RecurrentCase, twinnet.io.Outputs.Target> recurrentTargets = new java.util.HashMap<>();
    for (twinnet.cases.RecurrentCase c : suite.recurrent()) {
      recurrentTargets.put(c, ReportWriter.checkTarget(out, c.name(), overwrite, inputs));
    }
    twinnet.train.SparkService spark = sparkWorkers > 0 ? twinnet.train.SparkService.load() : null;
    List<twinnet.train.SparkSettings> sparkRuns = new ArrayList<>();
    if (spark != null) {
      for (int f : averagingFrequencies) {
        sparkRuns.add(new twinnet.train.SparkSettings(master != null ? master : "local[" + sparkWorkers + "]",
            "averaging", sparkWorkers, f));
      }
    }
    int unexpected = 0;
    List<Path> written = new ArrayList<>();
    for (Case c : parsed) {
      CaseResult r;
      try {
        r = runWithProgress(c);
      } catch (twinnet.io.Stop.Stopped e) { // the reports of the cases before it are complete, and stay
        throw keepingThe(written, c.name(), e);
      }
      o.println();
      o.println("== " + c.name() + (c.description().isBlank() ? "" : ": " + c.description()));
      o.print(TextReport.caseTable(r));
      o.println(r.verdictLine());
      Path dir = ReportWriter.write(r, targets.get(c));
      written.add(dir);
      o.println("   report: " + dir.resolve("report.html"));
      o.flush();
      boolean ok = r.asExpected();
      if (spark != null) {
        List<DistributedResult> runs = spark.compare(c, sparkRuns, st -> { });
        for (DistributedResult d : runs) {
          o.println("   spark: " + d.verdictLine());
          ok &= d.asExpected();
        }
        o.println("   distributed: " + DistributedReport.write(dir, runs).resolve("index.html"));
      }
      if (!ok) {
        unexpected++;
      }
    }
    for (twinnet.cases.RecurrentCase c : suite.recurrent()) {
      twinnet.cases.RecurrentResult r;
      try {
        r = runWithProgress(c);
      } catch (twinnet.io.Stop.Stopped e) {
        throw keepingThe(written, c.name(), e);
      }
      o.println();
      o.println("== " + c.name() + (c.description().isBlank() ? "" : ": " + c.description()));
      o.println(r.verdictLine());
      Path dir = twinnet.report.RecurrentReport.write(r, recurrentTargets.get(c));
      written.add(dir);
      o.println("   report: " + dir.resolve("report.html"));
      o.flush();
      if (!r.agrees()) {
        unexpected++;
      }
    }
    int total = parsed.size() + suite.recurrent().size();
    o.println();
    o.println(unexpected == 0 ? "All " + total + " case(s) as expected."
        : unexpected + " of " + total + " case(s) disagree unexpectedly.");
    return unexpected == 0 ? 0 : 1;
  }

  /** A stop in case {@code name}: what it keeps, the reports already written. */
  private static twinnet.io.Stop.Stopped keepingThe(List<Path> written, String name, twinnet.io.Stop.Stopped e) {
    return written.isEmpty() ? e : e.keeping("kept the report(s) of the " + written.size() + " case(s) already "
        + "finished (" + String.join(", ", written.stream().map(Path::toString).toList()) + "); nothing of " + name
        + " was written");
  }

  private twinnet.cases.RecurrentResult runWithProgress(twinnet.cases.RecurrentCase c) {
    if (quiet) {
      return twinnet.cases.RecurrentRunner.run(c, s -> { });
    }
    try (ProgressBar bar = Progress.bar(c.name(), c.steps(), " steps")) {
      return twinnet.cases.RecurrentRunner.run(c, bar::stepTo);
    }
  }

  private CaseResult runWithProgress(Case c) {
    if (quiet) {
      return CaseRunner.run(c, s -> { });
    }
    try (ProgressBar bar = Progress.bar(c.name(), c.steps(), " steps")) {
      return CaseRunner.run(c, bar::stepTo);
    }
  }
}
