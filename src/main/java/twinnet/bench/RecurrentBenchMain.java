package twinnet.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The child process of {@code twinnet bench}'s recurrent rows: the LSTM layer and, where the case is there, the
 * character model's step at one thread count (OMP_NUM_THREADS set by the parent), printed as one JSON line.
 */
public final class RecurrentBenchMain {
  private RecurrentBenchMain() {}

  public static void main(String[] args) throws Exception {
    int threads = Integer.parseInt(args[0]);
    List<RecurrentBench.Result> out = new ArrayList<>();
    System.err.println("  LSTM layer, " + threads + " thread(s)...");
    out.add(RecurrentBench.lstmLayer(threads, 7));
    Path chars = Path.of("compare/recurrent/char-lstm-names.json");
    if (Files.isRegularFile(chars)) {
      System.err.println("  character model step, " + threads + " thread(s)...");
      out.add(RecurrentBench.charStep(threads, 15, chars));
    }
    System.out.println("RNN " + new ObjectMapper().writeValueAsString(out));
  }
}
