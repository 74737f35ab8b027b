package twinnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A generated sweep, as the case fuzzer does for case files: every option of every command (read from the
 * command line's own model, so a new option is swept without a change here) with out-of-range, malformed
 * and hostile values, on top of a command line that is otherwise valid. Whatever the value, the answer is
 * exit 0, 1 or 2 with plain sentences: never exit 3, never a stack trace.
 */
class OptionSweepTest {
  @TempDir
  Path dir;

  private static final List<String> VALUES = List.of("-1", "0", "-2147483649", "99999999999999999999", "1e400",
      "NaN", "-Infinity", "", "abc", "1,,2", ",", "0.5");

  @Test
  void noValueOfAnyOptionEndsInAStackTraceOrExitThree() throws IOException {
    String d = dir.resolve("d.csv").toString();
    assertThat(Snapshot.run("generate", "--rows", "60", "--features", "2", "--out", d).rc()).isZero();
    String m = dir.resolve("m").toString();
    assertThat(Snapshot.run("train", "--data", d, "--epochs", "1", "--hidden-layers", "2", "--out", m).rc()).isZero();
    Path notes = Files.writeString(dir.resolve("notes.txt"), "not twinnet's");
    Files.createDirectories(dir.resolve("empty"));
    List<String> paths = List.of("", notes.toString(), dir.resolve("empty").toString(), "/proc/twinnet/x",
        "/dev/null", d, m);
    int[] n = {0};
    // otherwise valid and quick command lines: each swept option is set on top of these
    Map<String, List<String>> base = Map.of(
        "compare", List.of("--steps", "3"),
        // every option is checked before --out, which is refused here: no case runs (RunCommandTest runs them)
        "run", List.of("--quiet", "--out", notes.toString(), "compare/seed-c-identity-output-standardized.json"),
        "bench", List.of("--out", notes.toString()), // every accepted value ends at the refused --out: no bench runs
        "study", List.of("--out", notes.toString()),
        "train", List.of("--data", d, "--epochs", "1", "--hidden-layers", "2", "--out", "@out"),
        "predict", List.of("--model", m, "--data", d, "--out", "@out.csv"),
        "evaluate", List.of("--model", m, "--data", d),
        "convert", List.of("--model", m, "--out", "@out"),
        "generate", List.of("--rows", "10", "--out", "@out.csv"),
        // every option is checked before the file, which is refused here (not a .py): no Python runs
        "check", List.of(notes.toString(), "--out", "@out"));
    List<String> problems = new ArrayList<>();
    int runs = 0;
    CommandLine root = new CommandLine(new Main());
    assertThat(root.getSubcommands().keySet()).containsAll(base.keySet());
    for (var sub : root.getSubcommands().entrySet()) {
      List<String> b = base.get(sub.getKey());
      assertThat(b).as("a base command line for " + sub.getKey() + " (a new command? add it here)").isNotNull();
      for (OptionSpec o : sub.getValue().getCommandSpec().options()) {
        if (o.usageHelp() || o.versionHelp() || o.arity().max() == 0) {
          continue; // flags take no value
        }
        boolean isPath = o.type() == Path.class;
        for (String v : isPath ? paths : VALUES) {
          if (sub.getKey().equals("study") && !v.isEmpty() && Files.isDirectory(Path.of(v))) {
            continue; // a valid --out: the whole study would run
          }
          List<String> args = new ArrayList<>();
          args.add(sub.getKey());
          for (int i = 0; i < b.size(); i++) {
            if (b.get(i).equals(o.longestName()) && i + 1 < b.size()) {
              i++; // replaced below
            } else {
              args.add(b.get(i).replace("@out", dir.resolve("o" + n[0]++).toString()));
            }
          }
          args.add(1, o.longestName());
          args.add(2, v);
          Snapshot.Ran r = Snapshot.run(args.toArray(String[]::new));
          runs++;
          if (r.rc() > 2 && r.rc() != 130 || r.err().contains("\tat ") || r.err().contains("Exception")
              || r.err().contains("unexpected failure")) {
            problems.add(String.join(" ", args) + " -> exit " + r.rc() + ": " + r.err().strip());
          }
        }
      }
    }
    assertThat(runs).as("command lines swept").isGreaterThan(500);
    assertThat(problems).as("stack traces or exit 3").isEmpty();
    // nothing was written outside the sweep's folder (an empty --out once meant the working directory)
    assertThat(Path.of("seed-study")).doesNotExist();
    assertThat(Path.of("seed-c-identity-output-standardized")).doesNotExist();
  }
}
