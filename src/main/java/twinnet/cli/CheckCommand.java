package twinnet.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import twinnet.check.Check;
import twinnet.check.CheckResult;
import twinnet.check.DeclaredModel;
import twinnet.io.Outputs;
import twinnet.io.Resources;
import twinnet.model.NetworkSpec;
import twinnet.report.CheckPage;

/** {@code twinnet check FILE}: a learner's own network, function by function, against the twin. */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Checks your own implementation of the course's functions (a .py or a Jupyter .ipynb, or any "
        + "program that speaks docs/check-protocol.md) one function at a time against twinnet's reference, names "
        + "the cause of each difference, then trains with your functions step by step against the twin. Writes "
        + "OUT/check/<file>/ (check.json, check.html), replacing an earlier check of the same file.",
        "Exit status: 0 every function found agrees, 1 a function is wrong or raised, 2 bad input."})
final class CheckCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "FILE", description = "Your .py or .ipynb.")
  Path file;

  @Option(names = "--exec", paramLabel = "CMD", description = "Run CMD instead, a program in any language that "
      + "speaks the protocol (docs/check-protocol.md).")
  String exec;

  @Option(names = "--python", paramLabel = "PATH", description = "The Python to run (default: the first python3 on "
      + "PATH that has numpy).")
  String python;

  /** The model your code implements; the course's sigmoid classifier unless told otherwise. */
  @picocli.CommandLine.Mixin
  ModelOptions model = ModelOptions.course();

  @Option(names = "--alpha", description = "α of leaky_relu / elu (default 0.01 / 1.0).")
  Double alpha;

  @Option(names = "--notebook", paramLabel = "NAME", description = "The notebook the file is for (default: read from "
      + "the functions it defines): c1w2-logistic-regression, c1w3-planar, c1w4-step-by-step, c1w4-application, "
      + "c2w1-initialization, c2w1-regularization, c2w1-gradient-checking, c2w2-optimization.")
  String notebook;

  @Option(names = "--steps", defaultValue = "100", description = "Training steps with your functions (100).")
  int steps;

  @Option(names = "--timeout", defaultValue = "10", paramLabel = "SECONDS",
      description = "Longest wait for one answer of your program (10).")
  int timeout;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the generated inputs (1).")
  long seed;

  @Option(names = "--out", defaultValue = "out", description = "Where the report goes: OUT/check/<file> (out).")
  Path out;

  /** The report's name for --exec: its program file (CourseClient.java → CourseClient), else its command. */
  static String programName(String exec) {
    String[] words = exec.trim().split("\\s+");
    for (int i = words.length - 1; i >= 0; i--) {
      if (words[i].matches(".*[^/]\\.[A-Za-z0-9]+") && !words[i].startsWith("-")) {
        return words[i].replaceAll("\\.[A-Za-z0-9]+$", "");
      }
    }
    return words[0];
  }

  @Override
  public Integer call() {
    Resources.requireRange("--steps", steps, 1, 100_000);
    Resources.requireRange("--timeout", timeout, 1, 3600);
    if (alpha != null && !Double.isFinite(alpha)) {
      throw new IllegalArgumentException("--alpha must be a finite number, got " + alpha);
    }
    double lr = model.learningRate(Double.NaN); // NaN: the course's, by loss (Check)
    double a = alpha == null ? Double.NaN : alpha;
    NetworkSpec implemented = new NetworkSpec(new int[] {1, 1}, model.hidden, a, model.output, a, model.loss);
    String what = file != null ? file.toString() : exec == null ? "" : programName(exec);
    Outputs.folderOption(out, "--out");
    // the check replaces its own earlier report of the same file, as the study does; nothing else (another file of
    // the same name gets a folder of its own)
    Outputs.Target target = Outputs.check(file != null ? CheckPage.folderFor(out, file)
        : CheckPage.defaultFolder(out, what.isEmpty() ? "check" : what),
        Outputs.Kind.CHECK, true, file == null ? List.of() : List.of(file), "the check's folder");
    CheckResult r = Check.run(new Check.Options(file, exec, python, DeclaredModel.of(implemented), steps,
        lr, Duration.ofSeconds(timeout), seed, notebook));
    PrintWriter o = spec.commandLine().getOut();
    o.print(CheckPage.text(r));
    Path dir = CheckPage.write(r, target);
    o.println("report: " + dir.resolve("check.html"));
    return r.allRight() ? 0 : 1;
  }
}
