package twinnet.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import twinnet.compare.TensorDiff;
import twinnet.model.Parameters;
import twinnet.train.SparkSettings;
import twinnet.train.TrainSettings;
import twinnet.train.Trainer;

/** A worker task that fails is retried by Spark, and the run still ends with the right model. */
class SparkRetryTest {
  /**
   * local[2,4]: two worker threads, and a failed task is tried up to 4 times, as on a cluster (plain
   * local[2] gives up at the first failure). (SparkClusterTest kills a whole worker JVM.)
   */
  static final SparkSettings RETRYING = new SparkSettings("local[2,4]", "averaging", 2, 5);
  static JavaSparkContext sc;

  @TempDir
  static Path dir;

  @BeforeAll
  static void start() {
    sc = Spark.open(RETRYING);
  }

  @AfterAll
  static void stop() {
    sc.close();
  }

  @Test
  void aFailedWorkerTaskIsRetriedAndTheModelIsTheSame() throws IOException {
    Path data = SparkTrainerTest.csv(dir, "small.csv", 4000, 2, 3);
    TrainSettings s = SparkTrainerTest.settings("spark", 2, 64, 0.01);
    FailOnce.failAt = -1;
    Trainer.Trained clean = SparkTrainer.train(sc, SparkTrainerTest.run(s, data, 2, RETRYING), RETRYING, (e, st, n, c) -> { },
        Trainer.Control.NONE, new FailOnce());
    int fits = FailOnce.ITERATIONS.getAndSet(0);
    assertThat(fits).isGreaterThan(10);
    FailOnce.FAILURES.set(0);
    FailOnce.failAt = fits / 3; // in the middle of the first epoch
    Trainer.Trained retried = SparkTrainer.train(sc, SparkTrainerTest.run(s, data, 2, RETRYING), RETRYING, (e, st, n, c) -> { },
        Trainer.Control.NONE, new FailOnce());
    FailOnce.failAt = -1;
    assertThat(FailOnce.FAILURES.get()).as("the injected failure happened").isEqualTo(1);
    assertThat(FailOnce.ITERATIONS.get()).as("the failed task ran again").isGreaterThan(fits);
    // the retried task starts again from the broadcast parameters: the same model
    Parameters a = clean.network().parameters();
    Parameters b = retried.network().parameters();
    for (int i = 0; i < a.tensors().size(); i++) {
      assertThat(TensorDiff.of("p", i, a.tensors().get(i).value(), b.tensors().get(i).value()).relativeError())
          .isLessThanOrEqualTo(1e-12);
    }
    // (the metrics' partial sums are added in the order tasks finish: equal to rounding)
    assertThat(SparkTrainerTest.last(retried).validation().mse()).isCloseTo(
        SparkTrainerTest.last(clean).validation().mse(), org.assertj.core.data.Percentage.withPercentage(1e-10));
  }

}
