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

  @Option(names = "--no-check", description = "Skip timing check on examples/learners/correct.py.")
  boolean noCheck;

  @Option(names = "--overwrite", description = "Replace the results of an earlier bench.")
  boolean overwrite;

  @Override
  public Integer call() throws Exception {
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
    for (int t : threads) {
      json.readTree(ChildJvms.steps(t, sizes)).forEach(results::add);
    }
    o.println(String.format("%-7s %4s %22s %22s %10s %11s %11s %12s %12s %8s", "size", "thr",
        "scratch ms (min–max)", "dl4j ms (min–max)", "ratio", "scr GFLOP/s", "ND4J GEMM", "scr B/step",
        "dl4j f32 ms", "f32 ×"));
    for (JsonNode r : results) {
      o.println(String.format("%-7s %4d %8.3f (%.3f–%.3f) %8.3f (%.3f–%.3f) %10.4f %11.2f %11.2f %12d %12.3f %8.2f",
          r.get("size").asText(), r.get("threads").asInt(), r.get("scratchMedianMs").asDouble(),
          r.get("scratchMinMs").asDouble(), r.get("scratchMaxMs").asDouble(), r.get("dl4jMedianMs").asDouble(),
          r.get("dl4jMinMs").asDouble(), r.get("dl4jMaxMs").asDouble(), r.get("ratio").asDouble(),
          r.get("scratchGemmGflops").asDouble(), r.get("nd4jGemmGflops").asDouble(),
          r.get("scratchBytesPerStep").asLong(), r.get("dl4jFloatMedianMs").asDouble(),
          r.get("floatSpeedup").asDouble()));
    }
    ObjectNode root = json.createObjectNode();
    root.put("machine", Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.arch") + ", "
        + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    root.put("date", java.time.LocalDate.now().toString());
    root.put("scratchKernels", twinnet.scratch.Kernels.usingVectorApi() ? "Vector API" : "plain loops");
    o.println("scratch kernels: " + (twinnet.scratch.Kernels.usingVectorApi() ? "Vector API"
        : "plain loops (start java with --add-modules jdk.incubator.vector for the Vector API)"));
    root.set("steps", results);
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
