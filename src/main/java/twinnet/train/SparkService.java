package twinnet.train;

import java.util.ServiceLoader;
import java.util.function.IntConsumer;
import twinnet.cases.Case;
import twinnet.cases.DistributedResult;

/**
 * The spark backend: DL4J's Spark training ({@code dl4j-spark}) behind the training API. It lives in
 * {@code src/spark/java} and is compiled only by the {@code spark} Maven profile, so that the default
 * build never downloads Spark; it is found at run time through {@link ServiceLoader}.
 */
public interface SparkService {

  /** Trains as {@link Trainer#train} does, on Spark: same split, standardisation, metrics and model. */
  Trainer.Trained train(Checkpoints.Run run, SparkSettings spark, Trainer.Progress progress, Trainer.Control control);

  /**
   * The distributed-equals-single-machine check of a case, once for each of {@code runs} (one Spark
   * context, the first run's master, for all): k workers on batches of b examples against the DL4J twin and
   * the scratch network on batches of k·b (see {@link DistributedResult}).
   */
  java.util.List<DistributedResult> compare(Case c, java.util.List<SparkSettings> runs, IntConsumer progress);

  /** The header line of a CSV at any URI Spark's file systems read (hdfs://…), as column names. */
  java.util.List<String> header(String uri);

  /** The backend, or a message that says how to get it. */
  static SparkService load() {
    return find().orElseThrow(() -> new IllegalArgumentException("the spark backend is not in this build: build "
        + "twinnet with the spark profile (mvn -B -Pspark -DskipTests package; see docs/training.md, \"Training on Spark\")"));
  }

  /** The backend if this build has it (a registration left over from another build counts as absent). */
  static java.util.Optional<SparkService> find() {
    try {
      return ServiceLoader.load(SparkService.class).findFirst();
    } catch (java.util.ServiceConfigurationError e) {
      return java.util.Optional.empty();
    }
  }
}
