package twinnet.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The child process of {@code twinnet bench}'s convolution rows: the conv layer and, where the case is there, the
 * image classifier's step at one thread count (OMP_NUM_THREADS set by the parent), printed as one JSON line.
 */
public final class ConvBenchMain {
  private ConvBenchMain() {}

  public static void main(String[] args) throws Exception {
    int threads = Integer.parseInt(args[0]);
    List<ConvBench.Result> out = new ArrayList<>();
    System.err.println("  conv layer, " + threads + " thread(s)...");
    out.add(ConvBench.layer(threads, 7));
    Path classifier = Path.of("compare/conv-image-classifier.json");
    if (Files.isRegularFile(classifier)) {
      System.err.println("  image classifier step, " + threads + " thread(s)...");
      out.add(ConvBench.classifier(threads, 15, classifier));
    }
    System.out.println("CONV " + new ObjectMapper().writeValueAsString(out));
  }
}
