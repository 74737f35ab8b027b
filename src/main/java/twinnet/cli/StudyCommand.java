package twinnet.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import java.util.List;
import twinnet.cases.SeedStudy;
import twinnet.cases.StudyResult;
import twinnet.check.SeedAnswer;
import twinnet.check.SeedQuestion;
import twinnet.report.StudyPage;

/** {@code twinnet study} (also: {@code twinnet} with no arguments): the seed's study. */
@Command(name = "study", mixinStandardHelpOptions = true,
    description = {"The seed's study: y = 3x² + 3x on x = 0..19; the learner's ReLU-output model and its fixes, "
        + "each trained by both backends side by side, next to least-squares polynomials. Writes "
        + "OUT/seed-study/index.html (replacing an earlier study).",
        "Exit status: 0 every variant as expected, 1 otherwise."})
final class StudyCommand implements Callable<Integer> {

  @Spec
  picocli.CommandLine.Model.CommandSpec commandSpec;

  @Option(names = "--out", defaultValue = "out", description = "Where the study goes (default: out).")
  Path out;

  @Override
  public Integer call() {
    PrintWriter o = commandSpec.commandLine().getOut();
    // the study replaces its own earlier output; anything else in the way is refused before the work
    twinnet.io.Outputs.Target target = StudyPage.target(out);
    o.println("twinnet: the seed's study, y = 3x² + 3x on x = 0..19, scratch network vs DL4J twin");
    o.flush();
    // the learner's likely code through check, in Python processes of their own, while the cases run
    java.util.concurrent.CompletableFuture<List<SeedAnswer>> answers =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> SeedQuestion.run(30), runnable -> {
          Thread t = new Thread(runnable, "seed-question");
          t.setDaemon(true);
          t.start();
        });
    StudyResult s = SeedStudy.run((c, step) -> {
      if (step == c.steps()) {
        System.err.println("  ran " + c.name());
      }
    });
    o.println();
    o.print(StudyPage.table(s));
    o.println();
    boolean allExpected = true;
    for (StudyResult.Row r : s.rows()) {
      o.println(r.result().verdictLine());
      allExpected &= r.result().asExpected();
    }
    List<SeedAnswer> checks;
    try {
      checks = answers.join();
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : e;
    }
    o.println();
    o.print(StudyPage.answers(checks));
    allExpected &= SeedQuestion.asExpected(checks);
    Path page = StudyPage.write(s, checks, target);
    o.println();
    o.println("Report: " + page);
    return allExpected ? 0 : 1;
  }
}
