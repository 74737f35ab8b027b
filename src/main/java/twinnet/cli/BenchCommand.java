package twinnet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import twinnet.bench.ChildJvms;
import twinnet.bench.StepBench;

/** {@code twinnet bench}: the scratch network's training step against DL4J's, by size and thread count. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Times one full-batch training step (forward, backward, update) of the scratch network and of "
        + "its DL4J twin, interleaved after warm-up, for each size and thread count (one process per thread "
        + "count: DL4J reads OMP_NUM_THREADS at start), with ND4J's own double GEMM on the same shapes as the "
        + "ceiling, and the wall time of the seed study. Prints a table and writes JSON."})
final class BenchCommand implements Callable<Integer> {

  @Spec
  picocli.CommandLine.Model.CommandSpec commandSpec;

  @Option(names = "--threads", split = ",", defaultValue = "1,2", description = "Thread counts (default 1,2).")
  List<Integer> threads;

  @Option(names = "--sizes", split = ",", defaultValue = "tiny,medium,large",
      description = "Sizes (default tiny,medium,large).")
  List<String> sizes;

  @Option(names = "--out", defaultValue = "out/bench.json", description = "JSON results (default out/bench.json).")
  Path out;

  @Option(names = "--no-study", description = "Skip timing the seed study.")
  boolean noStudy;

  @Option(names = "--no-numpy", description = "Skip the numpy anchor (the course's step in numpy).")
  boolean noNumpy;

  @Option(names = "--no-check",
      description = "Skip timing check on examples/learners/correct.py and each notebook's correct.py.")
  boolean noCheck;

  @Option(names = "--no-conv", description = "Skip the convolution rows (a conv layer and the image classifier's step).")
  boolean noConv;

  @Option(names = "--no-recurrent", description = "Skip the recurrent rows (an LSTM layer and the character model's "
      + "step).")
  boolean noRecurrent;

  @Option(names = "--overwrite", description = "Replace the results of an earlier bench.")
  boolean overwrite;

  @Override
  public Integer call() throws Exception {
    try {
      return bench();
    } catch (twinnet.io.Stop.Stopped e) {
      throw e.keeping("no JSON was written (a partial bench is not a result)");
    }
  }

  /**
   * The convolution rows at each thread count, each in a JVM of its own: the conv layer (scratch im2col, DL4J, the
   * notebook's loops in Java, numpy's loops and im2col, ND4J's DGEMM on its three products) and the image
   * classifier's step.
   */
  private ArrayNode conv(ObjectMapper json, java.util.Optional<String> python, PrintWriter o, PrintWriter err)
      throws Exception {
    ArrayNode rows = json.createArrayNode();
    for (int t : threads) {
      err.println("bench: timing the convolution rows on " + t + " thread(s), in a JVM of its own");
      err.flush();
      JsonNode numpy = null;
      if (python.isPresent()) {
        err.println("bench: timing the conv layer in numpy (the course's loops, and im2col) on " + t + " thread(s)");
        err.flush();
        numpy = json.readTree(ChildJvms.numpyConv(python.get(), t));
      }
      for (JsonNode r : json.readTree(ChildJvms.conv(t))) {
        if (numpy != null && r.get("ceiling") != null && !r.get("ceiling").isNull()) {
          ((ObjectNode) r).set("numpy", numpy);
        }
        rows.add(r);
      }
    }
    o.println(String.format("%-22s %3s %21s %21s %11s %11s %12s %11s %7s", "conv", "thr", "scratch ms (min–max)",
        "dl4j ms (min–max)", "s/dl4j", "np im2col", "DGEMM ms", "s/DGEMM", "GF/s"));
    for (JsonNode r : rows) {
      JsonNode c = r.get("ceiling");
      boolean layer = c != null && !c.isNull();
      o.println(String.format("%-22s %3d %8.2f (%.2f–%.2f) %8.2f (%.2f–%.2f) %11.3f %11s %12s %11s %7s",
          r.get("name").asText(), r.get("threads").asInt(), r.get("scratchMedianMs").asDouble(),
          r.get("scratchMinMs").asDouble(), r.get("scratchMaxMs").asDouble(), r.get("dl4jMedianMs").asDouble(),
          r.get("dl4jMinMs").asDouble(), r.get("dl4jMaxMs").asDouble(), r.get("ratio").asDouble(),
          r.has("numpy") ? String.format("%.2f", r.get("numpy").get("im2colMedianMs").asDouble()) : "–",
          layer ? String.format("%.2f", c.get("totalMs").asDouble()) : "–",
          layer ? String.format("%.2f", r.get("scratchMedianMs").asDouble() / c.get("totalMs").asDouble()) : "–",
          layer ? String.format("%.2f", r.get("scratchGflops").asDouble()) : "–"));
    }
    for (JsonNode r : rows) {
      if (r.get("ceiling") != null && !r.get("ceiling").isNull()) {
        o.println(String.format("conv layer %s, %d thread(s): the notebook's loops %.1f ms per example in Java%s; "
            + "DGEMM %.2f GFLOP/s on cols·W, colsᵀ·dZ, dZ·Wᵀ", r.get("shape").asText(), r.get("threads").asInt(),
            r.get("loopsMsPerExample").asDouble(), r.has("numpy") ? String.format(", %.1f ms in numpy",
                r.get("numpy").get("loopsMsPerExample").asDouble()) : "", r.get("ceiling").get("gflops")
                .asDouble()));
      } else {
        o.println("image classifier step: " + r.get("shape").asText());
      }
    }
    return rows;
  }

  /**
   * The recurrent rows at each thread count, each in a JVM of its own: the LSTM layer (the scratch fast form, its loop
   * form, DL4J, numpy's course functions) and the character model's step.
   */
  private ArrayNode recurrent(ObjectMapper json, java.util.Optional<String> python, PrintWriter o, PrintWriter err)
      throws Exception {
    ArrayNode rows = json.createArrayNode();
    for (int t : threads) {
      err.println("bench: timing the recurrent rows on " + t + " thread(s), in a JVM of its own");
      err.flush();
      JsonNode numpy = null;
      if (python.isPresent()) {
        err.println("bench: timing the LSTM layer in numpy (the course's lstm_forward, lstm_backward) on " + t
            + " thread(s)");
        err.flush();
        numpy = json.readTree(ChildJvms.numpyLstm(python.get(), t));
      }
      for (JsonNode r : json.readTree(ChildJvms.recurrent(t))) {
        if (numpy != null && r.get("name").asText().startsWith("LSTM")) {
          ((ObjectNode) r).set("numpy", numpy);
        }
        rows.add(r);
      }
    }
    o.println(String.format("%-22s %3s %21s %11s %21s %9s %11s", "recurrent", "thr", "scratch ms (min–max)",
        "loop form", "dl4j ms (min–max)", "s/dl4j", "numpy ms"));
    for (JsonNode r : rows) {
      o.println(String.format("%-22s %3d %8.2f (%.2f–%.2f) %11.2f %8.2f (%.2f–%.2f) %9.3f %11s",
          r.get("name").asText(), r.get("threads").asInt(), r.get("scratchMedianMs").asDouble(),
          r.get("scratchMinMs").asDouble(), r.get("scratchMaxMs").asDouble(), r.get("loopMedianMs").asDouble(),
          r.get("dl4jMedianMs").asDouble(), r.get("dl4jMinMs").asDouble(), r.get("dl4jMaxMs").asDouble(),
          r.get("ratio").asDouble(), r.has("numpy") ? String.format("%.2f", r.get("numpy").get("medianMs")
              .asDouble()) : "–"));
    }
    for (JsonNode r : rows) {
      if (r.get("threads").asInt() == threads.get(0)) {
        o.println(r.get("name").asText() + ": " + r.get("shape").asText());
      }
    }
    if (rows.size() == threads.size()) { // the LSTM layer's rows only
      o.println("char model step: not timed (it trains compare/recurrent/char-lstm-names.json, which is not in this "
          + "folder: run bench from twinnet's folder)");
    }
    return rows;
  }

  /** ", kernel SkylakeX": the OpenBLAS core the anchor ran, when it says. */
  private static String kernel(JsonNode numpy) {
    return numpy.path("kernel").asText().isEmpty() ? "" : ", kernel " + numpy.path("kernel").asText();
  }

  private int bench() throws Exception {
    PrintWriter o = commandSpec.commandLine().getOut();
    for (String s : sizes) {
      if (!List.of("tiny", "medium", "large").contains(s)) {
        throw new IllegalArgumentException("unknown size '" + s + "'; use tiny, medium, large");
      }
    }
    for (int t : threads) {
      twinnet.io.Resources.requireRange("--threads", t, 1, 256);
    }
    twinnet.io.Outputs.Target target = twinnet.io.Outputs.check(out, twinnet.io.Outputs.Kind.BENCH, overwrite,
        List.of());
    ObjectMapper json = new ObjectMapper();
    ArrayNode results = json.createArrayNode();
    java.util.Optional<String> python = noNumpy ? java.util.Optional.empty() : twinnet.io.Python.withNumpy();
    PrintWriter err = commandSpec.commandLine().getErr();
    for (int t : threads) {
      err.println("bench: timing " + String.join(", ", sizes) + " on " + t + " thread(s), in a JVM of its own");
      err.flush();
      for (JsonNode r : json.readTree(ChildJvms.steps(t, sizes))) {
        if (python.isPresent()) { // the course's step in numpy, same shapes, same data size, same threads
          StepBench.Size size = StepBench.SIZES.stream().filter(z -> z.name().equals(r.get("size").asText()))
              .findFirst().orElseThrow();
          err.println("bench: timing the course's " + size.name() + " step in numpy on " + t + " thread(s)");
          err.flush();
          JsonNode n = json.readTree(ChildJvms.numpy(python.get(), t, size));
          ((ObjectNode) r).set("numpy", n);
          ((ObjectNode) r).put("scratchOverNumpy", r.get("scratchMedianMs").asDouble() / n.get("medianMs")
              .asDouble());
        }
        results.add(r);
      }
    }
    o.println(String.format("%-7s %3s %19s %19s %9s %8s %8s %8s %8s %8s %7s %11s %9s", "size", "thr",
        "scratch ms (min–max)", "dl4j ms (min–max)", "numpy ms", "s/dl4j", "s/numpy", "scr GF/s", "DGEMM GF/s",
        "np GF/s", "share", "scr B/step", "dl4j f32"));
    for (JsonNode r : results) {
      JsonNode c = r.get("ceiling");
      double npGemm = r.path("numpy").path("gemm").path("gflops").asDouble(Double.NaN);
      // the share of the best DGEMM measured on the step's products: ND4J's, or numpy's BLAS where faster
      double best = Double.isNaN(npGemm) ? c.get("gflops").asDouble() : Math.max(npGemm, c.get("gflops").asDouble());
      ((ObjectNode) r).put("bestGemmGflops", best);
      o.println(String.format("%-7s %3d %7.3f (%.3f–%.3f) %7.3f (%.3f–%.3f) %9s %8.3f %8s %8.2f %8.2f %8s %7.2f %11d %9.3f",
          r.get("size").asText(), r.get("threads").asInt(), r.get("scratchMedianMs").asDouble(),
          r.get("scratchMinMs").asDouble(), r.get("scratchMaxMs").asDouble(), r.get("dl4jMedianMs").asDouble(),
          r.get("dl4jMinMs").asDouble(), r.get("dl4jMaxMs").asDouble(),
          r.has("numpy") ? String.format("%.3f", r.get("numpy").get("medianMs").asDouble()) : "–",
          r.get("ratio").asDouble(), r.has("numpy") ? String.format("%.3f", r.get("scratchOverNumpy").asDouble())
              : "–", r.get("scratchGemmGflops").asDouble(), c.get("gflops").asDouble(),
          Double.isNaN(npGemm) ? "–" : String.format("%.2f", npGemm),
          r.get("scratchGemmGflops").asDouble() / best, r.get("scratchBytesPerStep").asLong(),
          r.get("dl4jFloatMedianMs").asDouble()));
    }
    o.println(python.map(p -> "numpy: " + results.get(0).path("numpy").path("numpy").asText() + " with "
        + results.get(0).path("numpy").path("blas").asText() + kernel(results.get(0).path("numpy")) + " (" + p
        + "), the course's step on the same shapes, at its best: without OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE, glibc "
        + "keeping freed memory (docs/performance.md)")
        .orElse(noNumpy ? "numpy: skipped (--no-numpy)" : "numpy: no python3 with numpy on PATH, no anchor"));
    for (JsonNode r : results) { // the ceiling, product by product: ND4J's DGEMM with preallocated 'f' outputs
      JsonNode c = r.get("ceiling");
      o.println(String.format("DGEMM ceiling, %s, %d thread(s): %.2f GFLOP/s over the step's products (%.3f ms)",
          r.get("size").asText(), r.get("threads").asInt(), c.get("gflops").asDouble(), c.get("totalMs").asDouble()));
      for (JsonNode p : c.get("products")) {
        o.println(String.format("    %-62s %8.3f ms %8.2f GFLOP/s", p.get("name").asText(),
            p.get("medianMs").asDouble(), p.get("gflops").asDouble()));
      }
      if (c.hasNonNull("warning")) {
        o.println("  WARNING: " + c.get("warning").asText());
      }
    }
    ObjectNode root = json.createObjectNode();
    root.put("machine", Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.arch") + ", "
        + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    root.put("date", java.time.LocalDate.now().toString());
    root.put("scratchKernels", twinnet.scratch.Kernels.usingVectorApi() ? "Vector API" : "plain loops");
    o.println("scratch kernels: " + (twinnet.scratch.Kernels.usingVectorApi() ? "Vector API"
        : "plain loops (start java with --add-modules jdk.incubator.vector for the Vector API)"));
    root.set("steps", results);
    if (!noConv) {
      root.set("conv", conv(json, python, o, err));
    }
    if (!noRecurrent) {
      root.set("recurrent", recurrent(json, python, o, err));
    }
    if (!noStudy) {
      double seconds = ChildJvms.wallSeconds(Main.class.getName(), "study");
      root.put("seedStudyWallSeconds", seconds);
      o.println(String.format("seed study, process start to exit: %.2f s", seconds));
    }
    Path learner = Path.of("examples/learners/correct.py");
    if (!noCheck && Files.isRegularFile(learner)) {
      try {
        double seconds = ChildJvms.wallSeconds(Main.class.getName(), "check", learner.toString());
        root.put("checkWallSeconds", seconds);
        o.println(String.format("check %s (100 training steps), process start to exit, Python included: %.2f s",
            learner, seconds));
        // each notebook's correct file (examples/learners/NOTEBOOK/correct.py): every function, the training runs
        ObjectNode notebooks = root.putObject("checkNotebookWallSeconds");
        try (java.util.stream.Stream<Path> dirs = Files.list(Path.of("examples/learners"))) {
          for (Path f : dirs.map(d -> d.resolve("correct.py")).filter(Files::isRegularFile).sorted().toList()) {
            twinnet.io.Stop.check("timing check");
            double s = ChildJvms.wallSeconds(Main.class.getName(), "check", f.toString());
            notebooks.put(f.getParent().getFileName().toString(), s);
            o.println(String.format("check %s, process start to exit: %.2f s", f, s));
          }
        }
      } catch (IllegalArgumentException e) {
        o.println("check not timed: " + e.getMessage() + " (it needs a python3 with numpy)");
      }
    }
    String text = json.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    twinnet.io.Outputs.writeText(target, w -> w.write(text));
    o.println("JSON: " + out);
    return 0;
  }
}
