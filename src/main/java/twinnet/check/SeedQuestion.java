package twinnet.check;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import twinnet.model.Activation;
import twinnet.model.Loss;
import twinnet.model.NetworkSpec;

/**
 * The seed's question, "was it the code or the model?", answered for the study: the learner's likely code
 * (the course's functions turned into a ReLU-output, half-MSE regression, written right) and the same code
 * with each of the seed's two guesses of dAL, through {@code check}. The files ship inside the jar
 * (examples/learners/); they need a python3 with numpy, and without one the answer says how to get it.
 */
public final class SeedQuestion {
  private SeedQuestion() {}

  static final String[][] FILES = {
      {"seed-regression.py", "the learner's code, written right"},
      {"dal-summed.py", "the same with the seed's first guess, dAL = np.sum(A2 − Y)/m"},
      {"dal-times-a.py", "the same with the seed's second guess, dAL = np.sum((A2 − Y)·A2)/m"}};

  /**
   * Whether the answers are the expected ones: the code written right agrees everywhere, and each guess of dAL
   * is caught in L_model_backward. An answer that could not be had (no python3 with numpy) is not counted.
   */
  public static boolean asExpected(List<SeedAnswer> answers) {
    for (int i = 0; i < answers.size(); i++) {
      CheckResult r = answers.get(i).result();
      if (r == null) {
        continue;
      }
      boolean ok = i == 0 ? r.allRight()
          : r.firstWrong() != null && r.firstWrong().name().equals("L_model_backward");
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Checks the three files at once (each in its own Python), {@code steps} training steps each. */
  public static List<SeedAnswer> run(int steps) {
    Path dir;
    try {
      dir = twinnet.io.Cleanup.temporary(Files.createTempDirectory("twinnet-seed-question"));
    } catch (IOException e) {
      return List.of(new SeedAnswer("", "", null, "no temporary folder for the learner's files (" + e.getMessage() + ")"));
    }
    ExecutorService pool = Executors.newFixedThreadPool(FILES.length);
    try {
      List<CompletableFuture<SeedAnswer>> runs = new ArrayList<>();
      for (String[] f : FILES) {
        runs.add(CompletableFuture.supplyAsync(() -> check(dir, f[0], f[1], steps), pool));
      }
      List<SeedAnswer> out = new ArrayList<>();
      for (CompletableFuture<SeedAnswer> r : runs) {
        try {
          out.add(r.join());
        } catch (CompletionException e) {
          throw e.getCause() instanceof RuntimeException re ? re : e; // Ctrl-C, or a bug
        }
      }
      return out;
    } finally {
      pool.shutdownNow();
      twinnet.io.Cleanup.deleteTemporary(dir);
    }
  }

  private static SeedAnswer check(Path dir, String name, String what, int steps) {
    try (InputStream in = SeedQuestion.class.getResourceAsStream("/twinnet/learners/" + name)) {
      if (in == null) {
        return new SeedAnswer(name, what, null, "the file is missing from the build");
      }
      Path file = dir.resolve(name);
      Files.write(file, in.readAllBytes());
      NetworkSpec model = new NetworkSpec(new int[] {1, 1}, Activation.RELU, Double.NaN, Activation.RELU, Double.NaN,
          Loss.HALF_MSE);
      CheckResult r = Check.run(new Check.Options(file, null, null, DeclaredModel.of(model), steps, Double.NaN,
          Duration.ofSeconds(20), 1));
      return new SeedAnswer(name, what, r, null);
    } catch (IllegalArgumentException e) { // no python3 with numpy, mostly
      return new SeedAnswer(name, what, null, e.getMessage());
    } catch (IOException e) {
      return new SeedAnswer(name, what, null, "cannot read the file (" + e.getMessage() + ")");
    }
  }
}
