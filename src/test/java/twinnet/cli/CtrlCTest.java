package twinnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C (a real SIGINT to a real process) is honoured in the phases that used to ignore it: the stop is
 * prompt, the exit status 130, the message says what was under way, and no temporary is left.
 */
class CtrlCTest {
  @TempDir
  Path dir;

  /** Before this work the streaming pass ran on for a minute after Ctrl-C; a few seconds is "honoured". */
  private static final double PROMPT_SECONDS = 10;

  @Test
  void theStreamingStandardisationPassStopsPromptly() throws Exception {
    Path big = dir.resolve("big.csv");
    assertThat(Snapshot.run("generate", "--rows", "1000000", "--features", "4", "--out", big.toString()).rc()).isZero();
    Path model = dir.resolve("model");
    ChildTwinnet child = new ChildTwinnet("train", "--data", big.toString(), "--backend", "dl4j", "--stream",
        "--epochs", "1", "--out", model.toString());
    child.awaitOutput("(streaming)", 60); // the progress bar: the first pass has begun
    Thread.sleep(300);
    long t0 = System.nanoTime();
    int rc = child.interrupt();
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertThat(rc).as(child.output()).isEqualTo(130);
    assertThat(child.output()).contains("stopped (Ctrl-C) while fitting the standardisation", "nothing was written");
    assertThat(seconds).as("from SIGINT to exit").isLessThan(PROMPT_SECONDS);
    assertThat(model).doesNotExist();
    assertThat(dir.resolve("model.checkpoint")).doesNotExist();
    Snapshot.assertNoTemporaries(dir, "after Ctrl-C");
  }

  @Test
  void generateStopsAndLeavesNoHalfFile() throws Exception {
    Path out = dir.resolve("g.csv");
    ChildTwinnet child = new ChildTwinnet("generate", "--rows", "100000000", "--out", out.toString());
    long until = System.currentTimeMillis() + 60_000;
    while (temporaries().findAny().isEmpty() && System.currentTimeMillis() < until) {
      Thread.sleep(50); // until it is writing
    }
    assertThat(temporaries()).as("a temporary beside the output while writing").isNotEmpty();
    long t0 = System.nanoTime();
    int rc = child.interrupt();
    assertThat(rc).as(child.output()).isEqualTo(130);
    assertThat((System.nanoTime() - t0) / 1e9).isLessThan(PROMPT_SECONDS);
    assertThat(child.output()).contains("stopped (Ctrl-C) while generating row");
    assertThat(out).doesNotExist();
    Snapshot.assertNoTemporaries(dir, "after Ctrl-C");
  }

  private Stream<Path> temporaries() throws java.io.IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList().stream();
    }
  }
}
