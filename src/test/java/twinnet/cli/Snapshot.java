package twinnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Every file under a folder, byte for byte: taken before a command and compared after it, so a test can
 * assert that a command touched nothing a user owns and left no temporary behind.
 */
final class Snapshot {
  private final Path root;
  private final Map<String, byte[]> files = new TreeMap<>();

  private Snapshot(Path root) {
    this.root = root;
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(Files::isRegularFile).forEach(p -> {
        try {
          files.put(root.relativize(p).toString(), Files.readAllBytes(p));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Snapshot of(Path root) {
    return new Snapshot(root);
  }

  /** The folder holds exactly the same files, with the same bytes, and nothing else (no temporary). */
  void assertUnchanged(String because) {
    assertUnchangedBut(because, List.of());
  }

  /**
   * As {@link #assertUnchanged}, but for files under the folders {@code outputs} ("out/fast/"), which a command
   * was meant to write.
   */
  void assertUnchangedBut(String because, List<String> outputs) {
    Snapshot now = new Snapshot(root);
    now.files.keySet().removeIf(f -> outputs.stream().anyMatch(f::startsWith));
    assertThat(now.files.keySet()).as(because + ": the files").isEqualTo(files.keySet());
    for (var e : files.entrySet()) {
      assertThat(Arrays.equals(now.files.get(e.getKey()), e.getValue())).as(because + ": " + e.getKey() + " unchanged")
          .isTrue();
    }
    assertNoTemporaries(root, because);
  }

  /** No hidden temporary (".name.xxxx.tmp", file or folder) anywhere under {@code root}. */
  static void assertNoTemporaries(Path root, String because) {
    try (Stream<Path> walk = Files.walk(root)) {
      assertThat(walk.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".") && n.endsWith(".tmp")
          || n.startsWith(".twinnet-probe"))).as(because + ": temporaries left").isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A command run in this JVM: its exit status and what it printed. */
  record Ran(int rc, String out, String err) {
    /** Exit 2 and exactly one line, "error: …", with no stack trace. */
    Ran assertOneLineError(String contains) {
      assertThat(rc).as(err).isEqualTo(2);
      assertThat(err.strip().lines()).as("one line on standard error").hasSize(1);
      assertThat(err).startsWith("error: ").contains(contains).doesNotContain("\tat ", "Exception");
      return this;
    }
  }

  static Ran run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int rc = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Ran(rc, out.toString(), err.toString());
  }
}
