package twinnet.cases;

import twinnet.compare.Comparison;
import twinnet.compare.Harness;
import twinnet.compare.SideBySide;
import twinnet.compare.Tolerances;
import twinnet.data.Dataset;
import twinnet.dl4j.Dl4jNetwork;
import twinnet.model.Initializer;
import twinnet.model.Network;
import twinnet.model.NetworkSpec;
import twinnet.model.Parameters;
import twinnet.scratch.Initialization;
import twinnet.scratch.ScratchNetwork;

/**
 * One comparison of the scratch network with its DL4J twin: same initial weights, same data, the
 * gradients compared at the start, then full-batch gradient descent side by side.
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

  public Result run() {
    return run(s -> { });
  }

  /** Runs it, telling {@code progress} each finished step. */
  public Result run(java.util.function.IntConsumer progress) {
    Parameters start = initializedBy.equals("dl4j")
        ? Dl4jNetwork.initializedByDl4j(spec, init, seed).parameters()
        : Initialization.forSpec(spec, init, seed);
    Network scratch = new ScratchNetwork(spec, start);
    Network twin = Dl4jNetwork.withParameters(spec, start, float32
        ? org.nd4j.linalg.api.buffer.DataType.FLOAT : org.nd4j.linalg.api.buffer.DataType.DOUBLE);
    Parameters initial = scratch.parameters();
    Comparison atStart = Harness.compare(scratch, twin, data.X(), data.Y(), tol);
    SideBySide training = Harness.trainSideBySide(scratch, twin, data.X(), data.Y(), learningRate, steps, tol,
        progress);
    return new Result(this, initial, atStart, training);
  }
}
