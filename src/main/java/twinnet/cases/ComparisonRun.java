package twinnet.cases;

import twinnet.compare.Comparison;
import twinnet.compare.SideBySide;
import twinnet.compare.Tolerances;
import twinnet.data.Dataset;
import twinnet.model.Initializer;
import twinnet.model.NetworkSpec;
import twinnet.model.Parameters;

/**
 * One comparison of the scratch network with its DL4J twin, as data: same initial weights, same data, the
 * gradients compared at the start, then full-batch gradient descent side by side ({@link ComparisonRunner}
 * runs it; a report reads its {@link Result} and builds no network).
 *
 * @param initializedBy which side draws the initial weights ("scratch" or "dl4j"); the other copies them
 */
public record ComparisonRun(
    NetworkSpec spec, Dataset data, Initializer init, long seed, String initializedBy, double learningRate,
    int steps, Tolerances tol, boolean float32) {

  /** In double precision. */
  public ComparisonRun(NetworkSpec spec, Dataset data, Initializer init, long seed, String initializedBy,
      double learningRate, int steps, Tolerances tol) {
    this(spec, data, init, seed, initializedBy, learningRate, steps, tol, false);
  }

  public ComparisonRun {
    if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
      throw new IllegalArgumentException("the learning rate must be a positive number, got " + learningRate);
    }
    if (steps < 1) {
      throw new IllegalArgumentException("steps must be at least 1, got " + steps);
    }
    if (!initializedBy.equals("scratch") && !initializedBy.equals("dl4j")) {
      throw new IllegalArgumentException("initial weights come from 'scratch' or 'dl4j', got '" + initializedBy + "'");
    }
    spec.requireData(data.X(), data.Y());
  }

  /** What a run produced. */
  public record Result(ComparisonRun run, Parameters initial, Comparison atStart, SideBySide training) {
    public boolean agrees() {
      return atStart.agrees() && training.agrees();
    }
  }
}
