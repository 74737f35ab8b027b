package twinnet.train;

import java.util.Locale;

/** Where a model trains: the scratch network, its DL4J twin (in memory or streaming), or DL4J on Spark. */
public enum Backend {
  SCRATCH, DL4J, SPARK;

  /** The name on the command line and in model.json: scratch, dl4j, spark. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * How this backend trains a run: in memory ({@link Trainer}), streaming its CSV ({@link StreamingTrainer}, the
   * dl4j backend's), or on Spark (the spark module, found now: a build without it says so before any work).
   */
  public RunTrainer trainer(boolean stream) {
    if (stream && this != DL4J) {
      throw new IllegalArgumentException("--stream is the dl4j backend's (the spark backend reads its files through "
          + "Spark anyway): use --backend dl4j with --stream");
    }
    return switch (this) {
      case SCRATCH -> Trainer::train;
      case DL4J -> stream ? StreamingTrainer::train : Trainer::train;
      case SPARK -> {
        SparkService spark = SparkService.load();
        yield (run, progress, control) -> spark.train(run, run.spark(), progress, control);
      }
    };
  }

  public static Backend parse(String s) {
    for (Backend b : values()) {
      if (b.id().equals(s)) {
        return b;
      }
    }
    throw new IllegalArgumentException("unknown --backend '" + s + "'; use scratch, dl4j or spark");
  }
}
