package twinnet.spark;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Spark waits without end for executors when a cluster has none (every worker lost, or none registered):
 * its jobs sit at "Initial job has not accepted any resources". This watch looks once a second; when a
 * cluster context has had no executor for {@code spark.twinnet.executorWait} (60 s by default), it cancels
 * the running jobs and keeps the reason, so that the run stops with it (and its checkpoint) instead of
 * hanging. Local masters run their tasks in the driver and are not watched.
 */
final class ExecutorWatch implements AutoCloseable {
  /** The Spark setting for how long a cluster may be without executors. */
  static final String WAIT = "spark.twinnet.executorWait";

  private final ScheduledExecutorService timer;
  private final long waitSeconds;
  private volatile String reason;
  private boolean everHadOne; // (both read and written in check, one thread)
  private long noneSince = -1;

  private ExecutorWatch(JavaSparkContext sc) {
    waitSeconds = sc.getConf().getTimeAsSeconds(WAIT, "60s");
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "twinnet-executor-watch");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleAtFixedRate(() -> check(sc), 1, 1, TimeUnit.SECONDS);
  }

  /** A watch on a cluster context, or none for a local master. */
  static ExecutorWatch on(JavaSparkContext sc) {
    return sc.isLocal() ? null : new ExecutorWatch(sc);
  }

  private synchronized void check(JavaSparkContext sc) {
    if (reason != null || sc.sc().isStopped()) {
      return;
    }
    // the block managers Spark knows: the driver's and one per executor
    int executors = sc.sc().getExecutorMemoryStatus().size() - 1;
    if (executors > 0) {
      everHadOne = true;
      noneSince = -1;
      return;
    }
    long now = System.nanoTime();
    if (noneSince < 0) {
      noneSince = now;
    } else if (now - noneSince >= waitSeconds * 1_000_000_000L) {
      reason = (everHadOne ? "Spark lost every executor of the cluster " + sc.master() + " (its workers stopped?)"
          : "no executor of the cluster " + sc.master() + " started (are workers registered with the master, with "
              + "the cores and memory asked for?)")
          + " and none came within " + waitSeconds + " s (" + WAIT + ")";
      sc.cancelAllJobs();
    }
  }

  /** Why the watch cancelled the jobs, or null. */
  String reason() {
    return reason;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
