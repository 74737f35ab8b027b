package twinnet.scratch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import twinnet.model.Activation;
import twinnet.model.Initializer;
import twinnet.model.Loss;
import twinnet.model.Matrix;
import twinnet.model.NetworkSpec;
import twinnet.model.Parameters;

/**
 * The fast training step (buffers reused) gives the course path's results bit for bit: same costs, same
 * parameters, over many steps, for every activation and loss, with batches of changing size, for any
 * thread count.
 */
class FastStepTest {
  private static Matrix gaussian(Random r, int rows, int cols) {
    double[] v = new double[rows * cols];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextGaussian();
    }
    return Matrix.of(rows, cols, v);
  }

  /** A subclass replaces nothing but takes the course path: the reference. */
  static final class CoursePath extends ScratchNetwork {
    CoursePath(NetworkSpec spec, Parameters p) {
      super(spec, p);
    }
  }

  @Test
  void theFastStepIsTheCourseStepBitForBit() {
    Object[][] specs = {{Activation.RELU, Activation.IDENTITY, Loss.HALF_MSE},
        {Activation.RELU, Activation.RELU, Loss.MSE}, {Activation.TANH, Activation.SIGMOID, Loss.BCE},
        {Activation.LEAKY_RELU, Activation.ELU, Loss.HALF_MSE}, {Activation.SIGMOID, Activation.TANH, Loss.MSE}};
    int[] threads = {1, 2, 3};
    for (int s = 0; s < specs.length; s++) {
      int[] layers = {5, 300, 17, 2};
      NetworkSpec spec = NetworkSpec.of(layers, (Activation) specs[s][0], (Activation) specs[s][1],
          (Loss) specs[s][2]);
      Random r = new Random(s);
      Parameters p = Initialization.initializeParametersDeep(layers, Initializer.HE, s);
      ScratchNetwork fast = new ScratchNetwork(spec, p);
      ScratchNetwork course = new CoursePath(spec, p);
      Kernels.setThreads(threads[s % threads.length]);
      try {
        for (int step = 0; step < 12; step++) {
          int m = step % 4 == 3 ? 7 : 1200; // a shorter last batch now and then: the buffers follow
          Matrix X = gaussian(r, 5, m);
          Matrix Y = spec.loss() == Loss.BCE ? gaussian(r, 2, m).map(v -> v > 0 ? 1.0 : 0.0) : gaussian(r, 2, m);
          double a = fast.step(X, Y, 0.05);
          double b = course.step(X, Y, 0.05);
          assertThat(a).as(spec + " cost at step " + step).isEqualTo(b);
          for (int l = 1; l <= spec.depth(); l++) {
            assertThat(fast.parameters().W(l).backingArray()).as("W" + l).isEqualTo(course.parameters().W(l)
                .backingArray());
            assertThat(fast.parameters().b(l).backingArray()).as("b" + l).isEqualTo(course.parameters().b(l)
                .backingArray());
          }
        }
      } finally {
        Kernels.setThreads(Runtime.getRuntime().availableProcessors());
      }
    }
  }
}
