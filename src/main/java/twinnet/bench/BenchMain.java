package twinnet.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * The child process of {@code twinnet bench}: runs the sizes at one thread count (its OMP_NUM_THREADS is
 * set by the parent, since DL4J reads it once at start) and prints the results as one JSON line.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    int threads = Integer.parseInt(args[0]);
    List<String> sizes = List.of(args).subList(1, args.length);
    List<StepBench.Result> out = new ArrayList<>();
    for (StepBench.Size s : StepBench.SIZES) {
      if (sizes.isEmpty() || sizes.contains(s.name())) {
        System.err.println("  " + s.name() + ", " + threads + " thread(s)...");
        out.add(StepBench.run(s, threads));
      }
    }
    System.out.println("BENCH " + new ObjectMapper().writeValueAsString(out));
  }
}
