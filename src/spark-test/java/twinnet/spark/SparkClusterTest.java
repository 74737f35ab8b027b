package twinnet.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import twinnet.cases.DistributedResult;
import twinnet.compare.TensorDiff;
import twinnet.model.Parameters;
import twinnet.train.Checkpoints;
import twinnet.train.SparkSettings;
import twinnet.train.TrainSettings;
import twinnet.train.Trainer;

/**
 * The spark backend on a real standalone cluster (scripts/spark-standalone.sh: a master and two workers,
 * each its own JVM, executors in further JVMs), with this JVM as the driver: the model a local master
 * trains, the distributed check, the same model when a worker JVM is killed in the middle of an epoch,
 * a clear stop and a resume when every worker is lost, and the same model when the master dies.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkClusterTest {
  static final SparkSettings LOCAL = new SparkSettings("local[2]", "averaging", 2, 5);
  static StandaloneCluster cluster;
  static Path data;

  @TempDir
  static Path dir;

  @BeforeAll
  static void start() throws IOException, InterruptedException {
    Files.createDirectories(dir.resolve("cluster"));
    cluster = StandaloneCluster.start(dir.resolve("cluster"));
    data = SparkTrainerTest.csv(dir, "cluster.csv", 8_000, 2, 21);
  }

  @AfterAll
  static void stop() throws IOException, InterruptedException {
    if (cluster != null) {
      cluster.close();
    }
  }

  static TrainSettings settings() {
    return SparkTrainerTest.settings("spark", 2, 64, 0.01);
  }

  /**
   * A context on the cluster. The executors, other JVMs, take their classes from this JVM's class path (a
   * submitted application ships them in target/twinnet-spark.jar instead) and Spark's JDK 17 flags.
   */
  static <T> T onCluster(SparkSettings s, Function<JavaSparkContext, T> work) throws IOException {
    String flags = String.join(" ", Files.readAllLines(Path.of("spark-jvm.options")).stream()
        .filter(l -> !l.isBlank() && !l.startsWith("#")).toList());
    System.setProperty("spark.executor.extraClassPath", System.getProperty("java.class.path"));
    System.setProperty("spark.executor.extraJavaOptions", flags);
    System.setProperty("spark.executor.memory", "1g");
    JavaSparkContext sc;
    try {
      sc = Spark.open(s);
    } finally {
      System.clearProperty("spark.executor.extraClassPath");
      System.clearProperty("spark.executor.extraJavaOptions");
      System.clearProperty("spark.executor.memory");
    }
    try {
      return work.apply(sc);
    } finally {
      sc.close();
    }
  }

  static Trainer.Trained local() {
    JavaSparkContext sc = Spark.open(LOCAL);
    try {
      return SparkTrainer.train(sc, SparkTrainerTest.run(settings(), data, 2, LOCAL), LOCAL, (e, st, n, c) -> { },
          Trainer.Control.NONE);
    } finally {
      sc.close();
    }
  }

  static Trainer.Trained undisturbed;

  /** The undisturbed cluster run's model (local[2]'s, equal to it, when that test did not run first). */
  static Trainer.Trained reference() {
    return undisturbed != null ? undisturbed : local();
  }

  @Test
  @Order(1)
  void theClusterTrainsTheModelALocalMasterTrains() throws IOException {
    SparkSettings sp = new SparkSettings(cluster.url(), "averaging", 2, 5);
    int[] executors = {0};
    SparkTrainer.Feed[] feed = {null};
    boolean[] exportedByDl4j = {true};
    undisturbed = onCluster(sp, sc -> {
      feed[0] = SparkTrainer.feed(sc, sp, 6_400);
      exportedByDl4j[0] = org.deeplearning4j.spark.impl.paramavg.util.ExportSupport.exportSupported(sc);
      return SparkTrainer.train(sc, SparkTrainerTest.run(settings(), data, 2, sp), sp, (e, st, n, c) -> {
        if (executors[0] == 0) {
          try {
            executors[0] = cluster.executors().size();
          } catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
          }
        }
      }, Trainer.Control.NONE);
    });
    assertThat(executors[0]).as("executor JVMs started by the two workers").isEqualTo(2);
    assertThat(feed[0]).as("the batches exported to this machine's file system").isEqualTo(SparkTrainer.Feed.ROUNDS);
    assertThat(exportedByDl4j[0]).as("DL4J itself would not export for a cluster").isFalse();
    Trainer.Trained here = local();
    assertSameModel(undisturbed, here);
  }

  @Test
  @Order(2)
  void theDistributedCheckAgreesOnTheClusterAsItDoesLocally() throws IOException {
    SparkSettings sp = new SparkSettings(cluster.url(), "averaging", 2, 1);
    DistributedResult r = onCluster(sp, sc -> DistributedCheck.run(sc, DistributedCheckTest.kase(), sp, x -> { }));
    System.out.println("cluster: " + r.verdictLine());
    assertThat(r.rounds()).hasSize(40);
    assertThat(r.agrees()).isTrue();
  }

  @Test
  @Order(4)
  void aWorkerKilledInTheMiddleOfAnEpochLeavesTheSameModel() throws IOException {
    SparkSettings sp = new SparkSettings(cluster.url(), "averaging", 2, 5);
    KillAt kill = new KillAt(1, "worker-2"); // kill -9: the worker JVM, and with it its executor
    Trainer.Trained survived = onCluster(sp, sc -> SparkTrainer.train(sc, SparkTrainerTest.run(settings(), data, 2,
        sp), sp, kill, Trainer.Control.NONE));
    assertThat(kill.at).as("killed").isPositive();
    assertThat(ProcessHandle.of(cluster.pid("worker-2"))).isEmpty();
    assertThat(survived.history()).hasSize(2);
    // Spark ran the lost tasks again on the remaining worker, from the same broadcast parameters
    assertSameModel(survived, reference());
  }

  @Test
  @Order(5)
  void aClusterThatLosesEveryWorkerStopsWithTheReasonAndResumesOnceWorkersAreBack() throws Exception {
    // worker-2 is gone since the test before: killing worker-1 leaves Spark no executor, and it would wait
    SparkSettings sp = new SparkSettings(cluster.url(), "averaging", 2, 5);
    Checkpoints.Run run = SparkTrainerTest.run(settings(), data, 2, sp);
    Path out = dir.resolve("lost-every-worker");
    KillAt kill = new KillAt(2, "worker-1");
    System.setProperty(ExecutorWatch.WAIT, "5s");
    try {
      assertThatThrownBy(() -> onCluster(sp, sc -> SparkTrainer.train(sc, run, sp, kill,
          new Trainer.Control(0, st -> Checkpoints.save(out, run, st), () -> false, null))))
          .isInstanceOf(Trainer.Stopped.class)
          .hasMessageContaining("Spark lost every executor of the cluster " + cluster.url())
          .hasMessageContaining("none came within 5 s (spark.twinnet.executorWait)")
          .hasMessageContaining("stopped during epoch 2")
          .hasMessageContaining("--resume");
      assertThat((System.nanoTime() - kill.at) / 1e9).as("stopped soon after the wait").isLessThan(5 + 30);
      // a run started while there is no worker says so, instead of waiting for executors without end
      assertThatThrownBy(() -> onCluster(sp, sc -> SparkTrainer.train(sc, run, sp, (e, st, n, c) -> { },
          Trainer.Control.NONE))).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("no executor of the cluster " + cluster.url() + " started")
          .hasMessageContaining("nothing was trained");
    } finally {
      System.clearProperty(ExecutorWatch.WAIT);
    }
    Trainer.State[] state = {null};
    Checkpoints.Run back = Checkpoints.load(out, st -> state[0] = st);
    assertThat(state[0].epoch()).as("the checkpoint holds epoch 1").isEqualTo(2);
    cluster.script("start-workers");
    Trainer.Trained resumed = onCluster(sp, sc -> SparkTrainer.train(sc, back, sp, (e, st, n, c) -> { },
        new Trainer.Control(0, st -> { }, () -> false, state[0])));
    assertSameModel(resumed, reference());
  }

  @Test
  @Order(6)
  void aMasterThatDiesMidRunLeavesTheRunToItsExecutorsAndANewRunFailsInSeconds() throws IOException {
    // a standalone master only schedules executors: a running application keeps the ones it has
    SparkSettings sp = new SparkSettings(cluster.url(), "averaging", 2, 5);
    KillAt kill = new KillAt(2, "master");
    Trainer.Trained finished = onCluster(sp, sc -> SparkTrainer.train(sc, SparkTrainerTest.run(settings(), data, 2,
        sp), sp, kill, Trainer.Control.NONE));
    assertThat(kill.at).as("killed").isPositive();
    assertSameModel(finished, reference());
    // the next run cannot reach it: one line naming the master, within seconds
    long t0 = System.nanoTime();
    // (the backend the CLI calls: the master is checked before anything starts)
    assertThatThrownBy(() -> new SparkServiceImpl().train(SparkTrainerTest.run(settings(), data, 2, sp), sp,
        (e, st, n, c) -> { }, Trainer.Control.NONE)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot reach the Spark master " + cluster.url());
    assertThat((System.nanoTime() - t0) / 1e9).isLessThan(Spark.CONNECT_TIMEOUT_MS / 1000.0 + 5);
  }

  /** Progress that kills a daemon of the cluster (kill -9, by its pid) a third into an epoch, once. */
  static final class KillAt implements Trainer.Progress {
    final int epoch;
    final String daemon;
    volatile long at; // System.nanoTime() of the kill, 0 before

    KillAt(int epoch, String daemon) {
      this.epoch = epoch;
      this.daemon = daemon;
    }

    @Override
    public void step(int e, int round, int rounds, double cost) {
      if (e == epoch && round == rounds / 3 && Double.isNaN(cost) && at == 0) {
        try {
          cluster.kill(daemon);
        } catch (IOException ex) {
          throw new java.io.UncheckedIOException(ex);
        }
        at = System.nanoTime();
      }
    }
  }

  static void assertSameModel(Trainer.Trained a, Trainer.Trained b) {
    Parameters pa = a.network().parameters();
    Parameters pb = b.network().parameters();
    for (int i = 0; i < pa.tensors().size(); i++) {
      assertThat(TensorDiff.of("p", i, pa.tensors().get(i).value(), pb.tensors().get(i).value()).relativeError())
          .as(pa.tensors().get(i).name() + pa.tensors().get(i).layer()).isLessThanOrEqualTo(1e-12);
    }
    // the metrics' partial sums are added in the order the tasks finish: equal to rounding
    List<twinnet.train.Epoch> ha = a.history();
    List<twinnet.train.Epoch> hb = b.history();
    assertThat(ha).hasSameSizeAs(hb);
    for (int e = 0; e < ha.size(); e++) {
      assertThat(ha.get(e).validation().mse()).isCloseTo(hb.get(e).validation().mse(),
          org.assertj.core.data.Percentage.withPercentage(1e-10));
      assertThat(ha.get(e).train().mse()).isCloseTo(hb.get(e).train().mse(),
          org.assertj.core.data.Percentage.withPercentage(1e-10));
    }
  }
}
