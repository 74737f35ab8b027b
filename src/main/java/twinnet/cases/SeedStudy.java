package twinnet.cases;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import twinnet.data.Datasets;
import twinnet.data.Polynomial;
import twinnet.model.Matrix;

/**
 * The seed's study: y = 3x² + 3x on x = 0..19, the learner's ReLU-output model and its fixes, each run
 * with both backends, next to the closed-form least-squares polynomials of degree 2 to 4.
 */
public final class SeedStudy {
  private SeedStudy() {}

  /**
   * The variants, in the order of the story; their case files ship in compare/ and inside the jar. The main job
   * runs them without ND4J's array GC (twinnet.cli.ShortJob), which holds only for a study of fixed size.
   */
  public static final List<String> CASES = List.of("seed-a-relu-output-raw", "seed-b-relu-output-standardized-x",
      "seed-e-relu-output-standardized-xy", "seed-c-identity-output-standardized", "seed-d-leaky-relu-output",
      "seed-diverging-raw-targets");

  private static final String[] LABELS = {"(a) ReLU output, raw x and y", "(b) ReLU output, standardised x",
      "(e) ReLU output, standardised x and y: the learner's picture", "(c) identity output, standardised x and y",
      "(d) leaky-ReLU output, standardised x and y", "(a′) raw x and y, learning rate 0.01"};


  public static List<Case> cases() {
    List<Case> out = new ArrayList<>();
    for (String name : CASES) {
      try (InputStream in = SeedStudy.class.getResourceAsStream("/twinnet/cases/" + name + ".json")) {
        if (in == null) {
          throw new IllegalStateException("the study's case " + name + " is missing from the build");
        }
        out.add(CaseParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name, null));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  /** Runs every variant; {@code progress} gets (case, finished step). */
  public static StudyResult run(BiConsumer<Case, Integer> progress) {
    var seed = Datasets.seedQuadratic();
    double[] x = seed.X().toRowMajor();
    double[] y = seed.Y().toRowMajor();
    double meanY = java.util.Arrays.stream(y).average().orElseThrow();
    double sdY = Math.sqrt(java.util.Arrays.stream(y).map(v -> (v - meanY) * (v - meanY)).average().orElseThrow());
    List<Case> cases = cases();
    // the variants are independent: they run side by side, one per core, each DL4J op on one thread (tiny
    // networks are faster so, and DL4J is bit-reproducible at a fixed thread count)
    twinnet.dl4j.Dl4jNetwork.useThreads(1);
    int workers = Math.max(1, Math.min(cases.size(), Runtime.getRuntime().availableProcessors()));
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "seed-study");
      t.setDaemon(true);
      return t;
    });
    List<StudyResult.Row> rows = new ArrayList<>();
    try {
      List<java.util.concurrent.Future<CaseResult>> runs = new ArrayList<>();
      for (Case c : cases) {
        runs.add(pool.submit(() -> CaseRunner.run(c, s -> progress.accept(c, s))));
      }
      for (int i = 0; i < cases.size(); i++) {
        Case c = cases.get(i);
        CaseResult r;
        try {
          r = runs.get(i).get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
          throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
        double[] fa = original(r.predictionsScratch(), c.standardizeTargets(), meanY, sdY);
        double[] fb = original(r.predictionsDl4j(), c.standardizeTargets(), meanY, sdY);
        int zeros = 0;
        if (r.predictionsScratch() != null) {
          for (double v : r.predictionsScratch().toRowMajor()) {
            if (v == 0.0) {
              zeros++;
            }
          }
        }
        rows.add(new StudyResult.Row(LABELS[i], r, mse(fa, y), mse(fb, y), zeros, fa, fb, StudyResult.stuck(r, x, y)));
      }
    } finally {
      pool.shutdownNow();
    }
    List<Polynomial> polys = new ArrayList<>();
    for (int d = 2; d <= 4; d++) {
      polys.add(Polynomial.fit(x, y, d));
    }
    return new StudyResult(x, y, rows, polys);
  }

  /** Predictions in y's original units (undoing the standardisation of targets). */
  private static double[] original(Matrix pred, boolean standardized, double mean, double sd) {
    if (pred == null) {
      return null;
    }
    double[] p = pred.toRowMajor();
    if (standardized) {
      for (int i = 0; i < p.length; i++) {
        p[i] = p[i] * sd + mean;
      }
    }
    return p;
  }

  private static double mse(double[] p, double[] y) {
    if (p == null) {
      return Double.NaN;
    }
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      s += (p[i] - y[i]) * (p[i] - y[i]);
    }
    return s / y.length;
  }
}
