package twinnet.spark;

import java.util.concurrent.atomic.AtomicInteger;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

/**
 * A worker-side listener that makes one worker task fail once, at a chosen fit, to test Spark's retry. In
 * local mode the workers run in the test's JVM, so the static counters are shared with the test.
 */
final class FailOnce extends BaseTrainingListener implements java.io.Serializable {
  static final AtomicInteger ITERATIONS = new AtomicInteger();
  static final AtomicInteger FAILURES = new AtomicInteger();
  static volatile int failAt = -1;

  @Override
  public void iterationDone(Model model, int iteration, int epoch) {
    if (ITERATIONS.incrementAndGet() == failAt && FAILURES.get() == 0) {
      FAILURES.incrementAndGet();
      throw new IllegalStateException("injected worker failure at fit " + failAt);
    }
  }
}
