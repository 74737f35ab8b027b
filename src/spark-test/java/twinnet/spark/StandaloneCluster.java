package twinnet.spark;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The cluster of {@code scripts/spark-standalone.sh} (a master and two workers on 127.0.0.1, each its own JVM,
 * executors in further JVMs), started by a test on free ports in a folder of its own, and stopped by the
 * script and then, whatever is left, by its pids.
 */
final class StandaloneCluster implements AutoCloseable {
  /** The bound on the script's waits, and on each of ours. */
  static final int WAIT_SECONDS = 120;

  final Path dir;
  final int port;
  final Map<String, String> env;

  private StandaloneCluster(Path dir, int port, Map<String, String> env) {
    this.dir = dir;
    this.port = port;
    this.env = env;
  }

  String url() {
    return "spark://127.0.0.1:" + port;
  }

  static StandaloneCluster start(Path dir) throws IOException, InterruptedException {
    int port = freePort();
    Map<String, String> env = Map.of("SPARK_STANDALONE_DIR", dir.toString(), "SPARK_MASTER_PORT",
        String.valueOf(port), "SPARK_MASTER_WEBUI_PORT", String.valueOf(freePort()), "SPARK_WAIT_SECONDS",
        String.valueOf(WAIT_SECONDS));
    StandaloneCluster c = new StandaloneCluster(dir, port, env);
    try {
      c.script("start");
    } catch (IOException | RuntimeException e) {
      c.close();
      throw e;
    }
    return c;
  }

  /** Runs the script with an action; its output, or an exception with it when it fails. */
  String script(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("bash", "scripts/spark-standalone.sh"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(env);
    Path log = Files.createTempFile(dir.getParent(), "script", ".log");
    pb.redirectOutput(log.toFile());
    Process p = pb.start();
    if (!p.waitFor(WAIT_SECONDS + 30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("spark-standalone.sh " + args[0] + " did not finish: " + Files.readString(log));
    }
    String out = Files.readString(log);
    if (p.exitValue() != 0) {
      throw new IllegalStateException("spark-standalone.sh " + args[0] + " failed: " + out);
    }
    return out;
  }

  long pid(String name) throws IOException {
    return Long.parseLong(Files.readString(dir.resolve("run").resolve(name + ".pid")).trim());
  }

  /** kill -9 of a daemon (master, worker-1, worker-2) by its pid. */
  void kill(String name) throws IOException {
    ProcessHandle.of(pid(name)).ifPresent(ProcessHandle::destroyForcibly);
  }

  /** The executor JVMs the workers started (children of the worker JVMs). */
  List<ProcessHandle> executors() throws IOException {
    List<ProcessHandle> all = new ArrayList<>();
    for (String w : List.of("worker-1", "worker-2")) {
      ProcessHandle.of(pid(w)).ifPresent(h -> h.descendants().forEach(all::add));
    }
    return all;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    List<ProcessHandle> left = new ArrayList<>();
    Path run = dir.resolve("run");
    if (Files.isDirectory(run)) {
      try (var pids = Files.list(run)) {
        for (Path f : pids.filter(f -> f.toString().endsWith(".pid")).toList()) {
          ProcessHandle.of(Long.parseLong(Files.readString(f).trim())).ifPresent(h -> {
            left.add(h);
            h.descendants().forEach(left::add);
          });
        }
      }
    }
    try {
      script("stop");
    } finally { // whatever the script did not stop, by pid
      for (ProcessHandle h : left) {
        h.destroyForcibly();
      }
      for (ProcessHandle h : left) {
        h.onExit().completeOnTimeout(h, 10, TimeUnit.SECONDS).join();
      }
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
