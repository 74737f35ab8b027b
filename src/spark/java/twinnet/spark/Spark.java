package twinnet.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.parameterserver.training.SharedTrainingMaster;
import org.nd4j.parameterserver.distributed.conf.VoidConfiguration;
import twinnet.train.SparkSettings;

/** Opening a Spark context (failing fast on a master that cannot be reached) and DL4J's training masters. */
final class Spark {
  private Spark() {}

  /** How long to wait for a remote master to accept a connection before saying it cannot be reached. */
  static final int CONNECT_TIMEOUT_MS = 5000;

  /**
   * A Spark context for the settings' master. A {@code spark://} or {@code k8s://} master is first
   * connected to, so that a wrong URL fails in seconds with its name instead of after Spark's retries.
   */
  static JavaSparkContext open(SparkSettings s) {
    checkReachable(s.master());
    SparkConf conf = new SparkConf().setMaster(s.master()).setAppName("twinnet");
    if (onThisMachine(s.master())) { // a cluster on this machine reaches the driver on the loopback address
      conf.setIfMissing("spark.driver.host", "127.0.0.1");
      conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
    }
    if (s.local()) {
      conf.set("spark.ui.enabled", "false");
      conf.set("spark.driver.host", "127.0.0.1");
      conf.set("spark.driver.bindAddress", "127.0.0.1");
    }
    try {
      return new JavaSparkContext(conf);
    } catch (RuntimeException | LinkageError e) {
      throw new IllegalArgumentException("Spark could not start with master " + s.master() + " (" + e + ")"
          + (e instanceof IllegalAccessError ? ": the JVM needs Spark's --add-opens flags (docs/training.md, \"Training on "
          + "Spark\")" : ""));
    }
  }

  /**
   * Whether a {@code spark://} master runs on this machine (every host a loopback address), so that its
   * workers, started here too, share this machine's file system.
   */
  static boolean onThisMachine(String master) {
    if (!master.startsWith("spark://")) {
      return false;
    }
    for (String hostPort : master.substring("spark://".length()).split(",")) {
      int colon = hostPort.lastIndexOf(':');
      String host = colon > 0 ? hostPort.substring(0, colon) : hostPort;
      if (!(host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"))) {
        return false;
      }
    }
    return true;
  }

  /** Connects to each host:port a remote master URL names. */
  static void checkReachable(String master) {
    String rest;
    if (master.startsWith("spark://")) {
      rest = master.substring("spark://".length());
    } else if (master.startsWith("k8s://")) {
      URI u = URI.create(master.substring("k8s://".length()));
      rest = u.getHost() + ":" + (u.getPort() > 0 ? u.getPort() : 443);
    } else {
      return; // local runs in this JVM; yarn and mesos find their managers through their own configuration
    }
    for (String hostPort : rest.split(",")) {
      int colon = hostPort.lastIndexOf(':');
      if (colon < 1) {
        throw new IllegalArgumentException("--master " + master + ": '" + hostPort + "' has no port; use "
            + "spark://HOST:PORT (7077 by default)");
      }
      String host = hostPort.substring(0, colon);
      int port;
      try {
        port = Integer.parseInt(hostPort.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--master " + master + ": '" + hostPort.substring(colon + 1)
            + "' is not a port number");
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot reach the Spark master " + master + " (" + host + ":" + port
            + ": " + e.getMessage() + "); check --master and that the master is running");
      }
    }
  }

  /**
   * DL4J's training master: parameter averaging (each of {@code workers} fits {@code frequency} minibatches
   * of {@code batchPerWorker} examples, then the parameters and the updater state are averaged) or
   * gradient sharing. {@code examplesPerDataSet} is how many examples each RDD element holds.
   * {@code Export} writes the data once, in worker-sized batches, and splits the list of files each epoch;
   * {@code Direct} splits the RDD itself, which scans all of it once per averaging round: fine for a few
   * hundred examples, far too slow for a file. {@code repartition} Never where the data arrive split already
   * (SparkTrainer.Rounds).
   */
  static TrainingMaster<?, ?> trainingMaster(SparkSettings s, int workers, int examplesPerDataSet,
      int batchPerWorker, long seed, RDDTrainingApproach approach, Repartition repartition) {
    if (s.trainingMaster().equals("sharing")) {
      VoidConfiguration voidConf = VoidConfiguration.builder().unicastPort(40123)
          .controllerAddress(s.local() ? "127.0.0.1" : null).build();
      return new SharedTrainingMaster.Builder(voidConf, batchPerWorker).batchSizePerWorker(batchPerWorker)
          .workersPerNode(s.local() ? workers : -1).rngSeed(seed).build();
    }
    return new ParameterAveragingTrainingMaster.Builder(workers, examplesPerDataSet)
        .batchSizePerWorker(batchPerWorker)
        .averagingFrequency(s.averagingFrequency())
        .workerPrefetchNumBatches(0)
        .saveUpdater(true)
        .rddTrainingApproach(approach)
        .repartionData(repartition) // (sic: DL4J's spelling)
        .storageLevel(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK_SER()) // data larger than memory spill
        .rngSeed(seed)
        .build();
  }
}
