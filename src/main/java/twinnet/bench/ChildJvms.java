package twinnet.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The bench's child JVMs: one per thread count for the training steps (DL4J reads OMP_NUM_THREADS when it
 * starts), and whole commands timed from process start to exit. Each child gets this JVM's class path and
 * its --add-modules flag (the Vector API).
 */
public final class ChildJvms {
  private ChildJvms() {}

  /**
   * The numpy anchor: the course's step in numpy (the bench's script, shipped in the jar) on a size's shapes
   * and data size, its BLAS limited to {@code threads} threads; the JSON after "NUMPY ".
   */
  public static String numpy(String python, int threads, StepBench.Size size) throws IOException,
      InterruptedException {
    Path dir = twinnet.io.Cleanup.temporary(Files.createTempDirectory("twinnet-numpy"));
    try (var in = ChildJvms.class.getResourceAsStream("/twinnet/bench/numpy_step.py")) {
      Path script = dir.resolve("numpy_step.py");
      Files.write(script, in.readAllBytes());
      List<String> dims = java.util.Arrays.stream(size.layers()).mapToObj(String::valueOf).toList();
      List<String> cmd = List.of(python, script.toString(), String.valueOf(size.m()), String.join(",", dims),
          String.valueOf(Math.max(ANCHOR_MIN_STEPS, size.reps() * size.stepsPerRound())));
      return child(cmd, threads, "NUMPY ", java.util.Set.of(0), "timing numpy's " + size.name() + " step",
          ANCHOR_UNSET, ANCHOR_SET);
    } finally {
      twinnet.io.Cleanup.deleteTemporary(dir);
    }
  }

  /** The JSON of {@link BenchMain}'s step timings for {@code sizes}, with {@code threads} threads. */
  public static String steps(int threads, List<String> sizes) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(java()));
    cmd.addAll(vectorFlag());
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchMain.class.getName(),
        String.valueOf(threads)));
    cmd.addAll(sizes);
    return child(cmd, threads, "BENCH ", java.util.Set.of(0), "timing the steps on " + threads + " thread(s)",
        List.of(), java.util.Map.of());
  }

  /** The JSON of {@link ConvBenchMain}'s convolution rows with {@code threads} threads. */
  public static String conv(int threads) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(java()));
    cmd.addAll(vectorFlag());
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ConvBenchMain.class.getName(),
        String.valueOf(threads)));
    return child(cmd, threads, "CONV ", java.util.Set.of(0), "timing the conv rows on " + threads + " thread(s)",
        List.of(), java.util.Map.of());
  }

  /**
   * The numpy anchors of the conv layer (the bench's numpy_conv.py, shipped in the jar): the course's loops on a few
   * examples and an im2col version on all of them, its BLAS on {@code threads} threads, at its best as
   * {@link #numpy}; the JSON after "CONV ".
   */
  public static String numpyConv(String python, int threads) throws IOException, InterruptedException {
    Path dir = twinnet.io.Cleanup.temporary(Files.createTempDirectory("twinnet-numpy"));
    try (var in = ChildJvms.class.getResourceAsStream("/twinnet/bench/numpy_conv.py")) {
      Path script = dir.resolve("numpy_conv.py");
      Files.write(script, in.readAllBytes());
      List<String> cmd = new ArrayList<>(List.of(python, script.toString()));
      for (int v : new int[] {ConvBench.M, ConvBench.H, ConvBench.W, ConvBench.C, ConvBench.F, ConvBench.N_C,
          ConvBench.PAD, ConvBench.STRIDE, ConvBench.LOOP_M, 7}) {
        cmd.add(String.valueOf(v));
      }
      return child(cmd, threads, "CONV ", java.util.Set.of(0), "timing numpy's conv layer", ANCHOR_UNSET,
          ANCHOR_SET);
    } finally {
      twinnet.io.Cleanup.deleteTemporary(dir);
    }
  }

  /** The JSON of {@link RecurrentBenchMain}'s recurrent rows with {@code threads} threads. */
  public static String recurrent(int threads) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(java()));
    cmd.addAll(vectorFlag());
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), RecurrentBenchMain.class.getName(),
        String.valueOf(threads)));
    return child(cmd, threads, "RNN ", java.util.Set.of(0), "timing the recurrent rows on " + threads
        + " thread(s)", List.of(), java.util.Map.of());
  }

  /**
   * The numpy anchor of the LSTM layer (the bench's numpy_lstm.py, shipped in the jar): the course's lstm_forward and
   * lstm_backward, its BLAS on {@code threads} threads, at its best as {@link #numpy}; the JSON after "RNN ".
   */
  public static String numpyLstm(String python, int threads) throws IOException, InterruptedException {
    Path dir = twinnet.io.Cleanup.temporary(Files.createTempDirectory("twinnet-numpy"));
    try (var in = ChildJvms.class.getResourceAsStream("/twinnet/bench/numpy_lstm.py")) {
      Path script = dir.resolve("numpy_lstm.py");
      Files.write(script, in.readAllBytes());
      List<String> cmd = new ArrayList<>(List.of(python, script.toString()));
      for (int v : new int[] {RecurrentBench.N_X, RecurrentBench.N_A, RecurrentBench.M, RecurrentBench.T, 7}) {
        cmd.add(String.valueOf(v));
      }
      return child(cmd, threads, "RNN ", java.util.Set.of(0), "timing numpy's LSTM layer", ANCHOR_UNSET,
          ANCHOR_SET);
    } finally {
      twinnet.io.Cleanup.deleteTemporary(dir);
    }
  }

  /** The wall time of {@code twinnet COMMAND ARGS --out TMP} in a child JVM, from its start to its exit. */
  public static double wallSeconds(String mainClass, String... command) throws IOException, InterruptedException {
    Path tmp = twinnet.io.Cleanup.temporary(Files.createTempDirectory("twinnet-bench"));
    try {
      long t0 = System.nanoTime();
      List<String> cmd = new ArrayList<>(List.of(java()));
      cmd.addAll(vectorFlag());
      cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
      cmd.addAll(List.of(command));
      cmd.addAll(List.of("--out", tmp.toString()));
      child(cmd, 1, null, command[0].equals("check") ? java.util.Set.of(0, 1) : java.util.Set.of(0),
          "timing twinnet " + command[0], List.of(), java.util.Map.of());
      return (System.nanoTime() - t0) / 1e9;
    } finally {
      twinnet.io.Cleanup.deleteTemporary(tmp);
    }
  }

  /**
   * What the numpy anchor runs without: this machine sets OPENBLAS_CORETYPE=Haswell (and an L2 size) for old
   * OpenBLAS builds that misdetect its processor; a current one detects it (SkylakeX, AVX-512) and runs the
   * large step ~20% faster without them (docs/performance.md). Only the anchor's child loses them: DL4J's own
   * OpenBLAS keeps the environment it was measured with.
   */
  static final List<String> ANCHOR_UNSET = List.of("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE");

  /**
   * What the numpy anchor runs with: glibc's allocator keeps the memory it frees instead of handing it back to the
   * system. Each of the course's temporaries (W·A + b, np.maximum(0, Z), …) is a fresh array of megabytes, and
   * with the defaults every one of them came back as new pages; a page fault costs this VM ~10 µs, so the medium
   * step took 50–70 ms in numpy instead of 4–5 (docs/performance.md). The scratch network reuses its buffers, and
   * DL4J's step measured no faster with these settings: only the anchor gets them.
   */
  static final java.util.Map<String, String> ANCHOR_SET = java.util.Map.of("MALLOC_TRIM_THRESHOLD_", "4294967295",
      "MALLOC_MMAP_THRESHOLD_", "4294967295");

  /**
   * The anchor times at least this many steps (after as many warm-up ones): the large size's 7 left its median
   * at the mercy of one slow spell of this shared VM.
   */
  static final int ANCHOR_MIN_STEPS = 21;

  /**
   * A child's environment: this one's, without {@code unset} and with {@code set}, its BLAS and OpenMP on
   * {@code threads} threads.
   */
  static void environment(java.util.Map<String, String> env, int threads, List<String> unset,
      java.util.Map<String, String> set) {
    unset.forEach(env::remove);
    env.putAll(set);
    for (String v : List.of("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")) {
      env.put(v, String.valueOf(threads));
    }
  }

  /** This JVM's --add-modules flag (the Vector API), passed on to the children. */
  private static List<String> vectorFlag() {
    return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-modules")).toList();
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * Runs a child process with OMP_NUM_THREADS = threads; returns the text after {@code marker} on its output.
   * {@code ok} are the exit statuses that count as a finished run; a stop request kills the child and ends here,
   * with {@code doing} in its line.
   */
  private static String child(List<String> cmd, int threads, String marker, java.util.Set<Integer> ok, String doing,
      List<String> unset, java.util.Map<String, String> set) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
    environment(pb.environment(), threads, unset, set);
    Process p = pb.start();
    String found = null;
    try (twinnet.io.Stop.Registration kill = twinnet.io.Stop.killOnStop(p);
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (marker != null && line.startsWith(marker)) {
          found = line.substring(marker.length());
        }
      }
      p.waitFor();
    }
    twinnet.io.Stop.check(doing);
    if (!ok.contains(p.exitValue()) || (marker != null && found == null)) {
      throw new IllegalArgumentException("the benchmark process failed (exit " + p.exitValue() + "; its messages are above)");
    }
    return found;
  }
}
