package twinnet.train;

import java.util.regex.Pattern;

/**
 * How the spark backend runs: the Spark master URL, DL4J's training master ({@code averaging}:
 * {@code ParameterAveragingTrainingMaster}, the default; {@code sharing}: {@code SharedTrainingMaster},
 * gradient sharing), the number of workers (0: Spark's default parallelism) and, for parameter averaging,
 * how many minibatches each worker fits between two averagings.
 */
public record SparkSettings(String master, String trainingMaster, int workers, int averagingFrequency) {

  /** local, local[N], local[*], local[N,F] (F: task failures tolerated). */
  static final Pattern LOCAL = Pattern.compile("local(\\[(\\d+|\\*)(,\\d+)?])?");

  public static final SparkSettings DEFAULT = new SparkSettings("local[2]", "averaging", 0, 5);

  public SparkSettings {
    if (!LOCAL.matcher(master).matches() && !master.startsWith("spark://") && !master.startsWith("k8s://")
        && !master.equals("yarn") && !master.startsWith("mesos://")) {
      throw new IllegalArgumentException("--master '" + master + "' is not a Spark master URL; use local[N], "
          + "spark://HOST:PORT, yarn or k8s://https://HOST:PORT");
    }
    if (!trainingMaster.equals("averaging") && !trainingMaster.equals("sharing")) {
      throw new IllegalArgumentException("unknown --training-master '" + trainingMaster + "'; use averaging "
          + "(parameter averaging, the default) or sharing (gradient sharing)");
    }
    if (workers < 0) {
      throw new IllegalArgumentException("--workers must be 0 (Spark's default parallelism) or more, got " + workers);
    }
    if (averagingFrequency < 1) {
      throw new IllegalArgumentException("--averaging-frequency must be at least 1, got " + averagingFrequency);
    }
  }

  /** Whether the master runs Spark inside this JVM. */
  public boolean local() {
    return LOCAL.matcher(master).matches();
  }
}
