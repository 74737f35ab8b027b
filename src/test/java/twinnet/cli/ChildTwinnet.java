package twinnet.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * twinnet in a child JVM (this test JVM's class path and its --add-opens and -D flags), its output collected
 * as it comes, for tests that send it a real signal.
 */
public final class ChildTwinnet {
  private final Process process;
  private final StringBuffer seen = new StringBuffer();
  private final Thread reader;

  public ChildTwinnet(String... args) throws IOException {
    this(null, args);
  }

  /** twinnet started in the folder {@code cwd} (null: this JVM's). */
  public ChildTwinnet(Path cwd, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-opens") || a.startsWith("-D") || a.startsWith("-XX:+Ignore")).toList());
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(List.of(args));
    process = new ProcessBuilder(cmd).redirectErrorStream(true).directory(cwd == null ? null : cwd.toFile()).start();
    reader = new Thread(() -> {
      try (var in = process.getInputStream()) {
        byte[] buf = new byte[4096];
        for (int n; (n = in.read(buf)) > 0; ) {
          seen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        }
      } catch (IOException ignored) {
        // the stream closes with the process
      }
    });
    reader.start();
  }

  /** Waits (at most {@code seconds}) until the output shows {@code text} or the child ends. */
  public void awaitOutput(String text, int seconds) throws InterruptedException {
    long until = System.currentTimeMillis() + seconds * 1000L;
    while (!seen.toString().contains(text) && process.isAlive() && System.currentTimeMillis() < until) {
      Thread.sleep(100);
    }
  }

  /** Sends SIGINT, as Ctrl-C does, and returns the exit status. */
  public int interrupt() throws IOException, InterruptedException {
    return signal("INT");
  }

  /**
   * Sends the signal {@code name} ("INT", "TERM") and returns the exit status once the child has ended (waiting
   * at most a minute, then killing it).
   */
  public int signal(String name) throws IOException, InterruptedException {
    requireNotIgnored(name);
    new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).start().waitFor();
    if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    reader.join(10_000);
    return process.exitValue();
  }

  /**
   * A signal ignored by this JVM (started with & by a shell without job control, which ignores SIGINT) is
   * ignored by its children too, and no Java code can take it back: a test would then fail for its
   * environment, so it says so.
   */
  static void requireNotIgnored(String name) throws IOException {
    int number = switch (name) {
      case "INT" -> 2;
      case "TERM" -> 15;
      default -> throw new IllegalArgumentException(name);
    };
    for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("SigIgn:") && (Long.parseLong(line.substring(7).strip(), 16) & (1L << (number - 1))) != 0) {
        throw new IllegalStateException("SIG" + name + " is ignored in this test's environment (a job started with & "
            + "by a shell without job control?), so twinnet's children ignore it too; run the tests in the foreground "
            + "or with setsid -f");
      }
    }
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Waits for the child to end by itself (at most {@code seconds}, then kills it) and returns its exit status. */
  public int waitFor(int seconds) throws InterruptedException {
    if (!process.waitFor(seconds, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    reader.join(10_000);
    return process.exitValue();
  }

  public String output() {
    return seen.toString();
  }
}
