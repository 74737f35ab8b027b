package twinnet.train;

import java.util.Locale;

/** Where a model trains: the scratch network, its DL4J twin (in memory or streaming), or DL4J on Spark. */
public enum Backend {
  SCRATCH, DL4J, SPARK;

  /** The name on the command line and in model.json: scratch, dl4j, spark. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
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
