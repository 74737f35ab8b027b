package twinnet.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import twinnet.dl4j.Dl4jNetwork;
import twinnet.model.Activation;
import twinnet.model.Initializer;
import twinnet.model.Loss;
import twinnet.model.Matrix;
import twinnet.model.NetworkSpec;
import twinnet.model.Parameters;
import twinnet.scratch.Initialization;
import twinnet.scratch.Kernels;
import twinnet.scratch.ScratchNetwork;

/**
 * One full-batch training step of the scratch network and of the DL4J twin, per size (JMH; run with
 * {@code mvn -B -Pjmh test-compile exec:exec}, which adds JMH's GC profiler for the allocation per step).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StepBenchmark {

  @Param({"tiny", "medium", "large"})
  public String size;

  @Param({"1", "2"})
  public int threads;

  private ScratchNetwork scratch;
  private Dl4jNetwork twin;
  private Matrix X;
  private Matrix Y;

  @Setup
  public void setUp() {
    StepBench.Size s = StepBench.SIZES.stream().filter(z -> z.name().equals(size)).findFirst().orElseThrow();
    Kernels.setThreads(threads);
    NetworkSpec spec = NetworkSpec.of(s.layers(), Activation.RELU, Activation.IDENTITY, Loss.HALF_MSE);
    Random r = new Random(7);
    X = gaussian(r, s.layers()[0], s.m());
    Y = gaussian(r, 1, s.m());
    Parameters p = Initialization.initializeParametersDeep(spec.layers(), Initializer.HE, 3);
    scratch = new ScratchNetwork(spec, p);
    twin = Dl4jNetwork.withParameters(spec, p);
  }

  private static Matrix gaussian(Random r, int rows, int cols) {
    double[] v = new double[rows * cols];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextGaussian();
    }
    return Matrix.of(rows, cols, v);
  }

  @Benchmark
  public double scratchStep() {
    return scratch.step(X, Y, 1e-3);
  }

  @Benchmark
  public double dl4jStep() {
    return twin.step(X, Y, 1e-3);
  }
}
