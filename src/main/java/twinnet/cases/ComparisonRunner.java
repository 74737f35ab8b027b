package twinnet.cases;

import twinnet.compare.Comparison;
import twinnet.compare.Harness;
import twinnet.compare.SideBySide;
import twinnet.data.Dataset;
import twinnet.dl4j.Dl4jNetwork;
import twinnet.model.Network;
import twinnet.model.NetworkSpec;
import twinnet.model.Parameters;
import twinnet.scratch.Initialization;
import twinnet.scratch.ScratchNetwork;

/** Runs a {@link ComparisonRun}: both networks from the same weights, compared, then trained side by side. */
public final class ComparisonRunner {
  private ComparisonRunner() {}

  public static ComparisonRun.Result run(ComparisonRun r) {
    return run(r, s -> { });
  }

  /** Runs it, telling {@code progress} each finished step. */
  public static ComparisonRun.Result run(ComparisonRun r, java.util.function.IntConsumer progress) {
    NetworkSpec spec = r.spec();
    Dataset data = r.data();
    Parameters start = r.initializedBy().equals("dl4j")
        ? Dl4jNetwork.initializedByDl4j(spec, r.init(), r.seed()).parameters()
        : Initialization.forSpec(spec, r.init(), r.seed());
    Network scratch = new ScratchNetwork(spec, start);
    Network twin = Dl4jNetwork.withParameters(spec, start, r.float32()
        ? org.nd4j.linalg.api.buffer.DataType.FLOAT : org.nd4j.linalg.api.buffer.DataType.DOUBLE);
    Parameters initial = scratch.parameters();
    Comparison atStart = Harness.compare(scratch, twin, data.X(), data.Y(), r.tol());
    SideBySide training = Harness.trainSideBySide(scratch, twin, data.X(), data.Y(), r.learningRate(), r.steps(),
        r.tol(), progress);
    return new ComparisonRun.Result(r, initial, atStart, training);
  }
}
