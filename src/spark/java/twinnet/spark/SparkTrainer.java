package twinnet.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.data.BatchAndExportDataSetsFunction;
import org.deeplearning4j.spark.impl.paramavg.util.ExportSupport;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import twinnet.dl4j.Conventions;
import twinnet.dl4j.Dl4jNetwork;
import twinnet.model.Network;
import twinnet.model.NetworkSpec;
import twinnet.model.Optimizer;
import twinnet.model.Parameters;
import twinnet.scratch.Initialization;
import twinnet.train.Checkpoints;
import twinnet.train.EpochLoop;
import twinnet.train.Metrics;
import twinnet.train.RunHistory;
import twinnet.train.SparkSettings;
import twinnet.train.Standardizer;
import twinnet.train.StreamingTrainer;
import twinnet.train.TrainSettings;
import twinnet.train.Trainer;

/**
 * The spark backend's training: the CSV read by Spark's text reader (a local path or any URI it takes),
 * the validation rows chosen row by row from (seed, row) as the streaming dl4j backend chooses them, the
 * standardisation fitted on the training rows in one distributed pass, then DL4J's Spark training
 * ({@code SparkDl4jMultiLayer}) for the epochs, with metrics, early stopping and checkpoints as on the other
 * backends. The model it returns is an ordinary DL4J network.
 */
final class SparkTrainer {
  private SparkTrainer() {}

  /** Checks the settings before Spark starts. */
  static void check(Checkpoints.Run run, SparkSettings sp) {
    TrainSettings s = run.settings();
    if (s.optimizer().kind() == Optimizer.Kind.MOMENTUM) {
      throw new IllegalArgumentException("DL4J has no updater for the course's momentum: use nesterov on the "
          + "spark backend, or the scratch backend");
    }
    if (s.optimizer().l2() > 0) {
      throw new IllegalArgumentException("--l2 is not available on the spark backend: DL4J's l2 coefficient is "
          + "fixed per worker batch, the course's term is λ/m of the whole step; train without --l2, or on dl4j");
    }
    if (sp.workers() > 0) {
      requireEvenSplit(s, sp, sp.workers());
    }
    if (!run.data().contains("://") && !run.data().startsWith("file:") && !Files.isRegularFile(run.dataPath())) {
      throw new IllegalArgumentException(run.data() + ": no such file; check the path");
    }
  }

  /** With parameter averaging each of the workers takes batch-size / workers examples a step. */
  private static void requireEvenSplit(TrainSettings s, SparkSettings sp, int workers) {
    if (sp.trainingMaster().equals("averaging") && s.batchSize() % workers != 0) {
      throw new IllegalArgumentException("--batch-size " + s.batchSize() + " does not split evenly over "
          + workers + " workers: each takes batch-size / workers examples a step; choose a multiple of " + workers);
    }
  }

  /** Runs with the context {@code sc}; {@code workerListeners} are given to every worker's network. */
  static Trainer.Trained train(JavaSparkContext sc, Checkpoints.Run run, SparkSettings sp, Trainer.Progress progress,
      Trainer.Control control, TrainingListener... workerListeners) {
    ExecutorWatch watch = ExecutorWatch.on(sc);
    try {
      return train(sc, run, sp, progress, control, watch, workerListeners);
    } catch (Exception e) { // (Spark's SparkException is checked, and thrown from Scala undeclared)
      if (watch != null && watch.reason() != null && !(e instanceof Trainer.Stopped)) { // before the first epoch
        throw new IllegalArgumentException(watch.reason() + "; nothing was trained: start the workers and run again");
      }
      throw e instanceof RuntimeException re ? re : new IllegalStateException("Spark failed: " + e.getMessage(), e);
    } finally {
      if (watch != null) {
        watch.close();
      }
    }
  }

  private static Trainer.Trained train(JavaSparkContext sc, Checkpoints.Run run, SparkSettings sp,
      Trainer.Progress progress, Trainer.Control control, ExecutorWatch watch, TrainingListener... workerListeners) {
    TrainSettings s = run.settings();
    int nx = run.features().size();
    int ny = run.targets().size();
    Columns cols = columns(sc, run);
    Pass pass = firstPass(cols, s.seed(), s.validation());
    if (pass.train.n == 0) {
      throw new IllegalArgumentException(run.data() + ": no rows left to train on after the validation split ("
          + (pass.train.n + pass.validationRows) + " rows)");
    }
    Standardizer std = pass.standardizer(run.targets());
    double[][] st = {std.meanX(), std.sdX(), std.meanY(), std.sdY()};

    int workers = sp.workers() > 0 ? sp.workers() : sc.defaultParallelism();
    requireEvenSplit(s, sp, workers);
    int perWorker = sp.trainingMaster().equals("averaging") ? s.batchSize() / workers : s.batchSize();
    long seed = s.seed();
    double share = s.validation();
    JavaRDD<DataSet> train = cols.rows.filter(r -> !StreamingTrainer.isValidation(seed, r.row, share))
        .map(r -> r.dataSet(st)); // the training master persists it (MEMORY_AND_DISK_SER)

    NetworkSpec spec = s.spec(nx, ny);
    Trainer.State rs = control.resume();
    Parameters start = Initialization.initializeParametersDeep(spec.layers(), s.init(), s.seed());
    Dl4jNetwork net = rs != null ? (Dl4jNetwork) rs.network()
        : Dl4jNetwork.withParameters(spec, start, s.optimizer(), perWorker);
    net.setCourseLearningRate(s.learningRate());
    Feed feed = feed(sc, sp, pass.train.n);
    // with ROUNDS each round arrives split over the workers already: DL4J must not move it
    TrainingMaster<?, ?> tm = Spark.trainingMaster(sp, workers, 1, perWorker, s.seed(),
        feed == Feed.DIRECT ? RDDTrainingApproach.Direct : RDDTrainingApproach.Export,
        feed == Feed.ROUNDS ? Repartition.Never : Repartition.Always);
    if (workerListeners.length > 0) {
      tm.setListeners(Arrays.asList(workerListeners));
    }
    if (rs != null && feed != Feed.ROUNDS) {
      skipSplits(tm, rs.epoch() - 1); // the epochs before the checkpoint drew their splits already
    }
    SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(sc, net.dl4j(), tm);
    // progress within an epoch: one Spark job aggregates the parameters of each averaging round
    long rowsPerRound = (long) perWorker * workers * (sp.trainingMaster().equals("averaging") ? sp.averagingFrequency() : 1);
    int roundsPerEpoch = (int) Math.max(1, (pass.train.n + rowsPerRound - 1) / rowsPerRound);
    int[] epochNow = {rs != null ? rs.epoch() : 1};
    java.util.concurrent.atomic.AtomicInteger round = new java.util.concurrent.atomic.AtomicInteger();
    org.apache.spark.scheduler.SparkListener roundStarts = new org.apache.spark.scheduler.SparkListener() {
      @Override
      public void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart job) {
        if (scala.collection.JavaConverters.seqAsJavaList(job.stageInfos()).stream()
            .anyMatch(st -> st.name().startsWith("treeAggregate at ParameterAveragingTrainingMaster"))) {
          progress.step(epochNow[0], round.incrementAndGet(), roundsPerEpoch, Double.NaN);
        }
      }
    };
    sc.sc().addSparkListener(roundStarts);

    RunHistory history = new RunHistory(rs, start);
    EpochLoop loop = new EpochLoop(s, progress, control, history);
    Rounds rounds = null;
    int best;
    // a stop cancels the jobs under way: the fit below then throws, and the catch writes the checkpoint of the
    // epochs finished (Stop's watchdog waits for a run that writes what a stop keeps)
    Runnable cancel = () -> sc.sc().cancelAllJobs();
    twinnet.io.Stop.onStop(cancel);
    try {
      if (feed == Feed.ROUNDS) {
        rounds = Rounds.export(sc, train, perWorker);
      }
      Rounds batches = rounds;
      best = twinnet.io.Stop.keeping(() -> loop.run(new EpochLoop.Fitter() {
        @Override
        public Network network() {
          return Dl4jNetwork.wrap(spec, sparkNet.getNetwork(), s.optimizer(), perWorker);
        }

        @Override
        public Network snapshot() { // the live network moves on
          return Dl4jNetwork.wrap(spec, sparkNet.getNetwork().clone(), s.optimizer(), perWorker);
        }

        @Override
        public EpochLoop.Fit fitEpoch(int e, int firstStep, double lossSum, EpochLoop.Step after) {
          epochNow[0] = e;
          round.set(0);
          if (batches != null) {
            batches.fitEpoch(sc, sparkNet, e, seed, workers, sp.averagingFrequency());
          } else {
            sparkNet.fit(train);
          }
          // the epoch's loss is DL4J's score of its last averaging round
          return new EpochLoop.Fit(1, Conventions.costFromScore(spec, sparkNet.getScore()));
        }

        @Override
        public void recorded(int e, double loss) { // the epoch's end: only once a checkpoint would hold it
          progress.step(e, roundsPerEpoch, roundsPerEpoch, loss);
        }

        @Override
        public Metrics[] evaluate(int e) {
          return SparkTrainer.evaluate(sc, cols, sparkNet.getNetwork(), st, seed, share);
        }

        @Override
        public boolean validated() {
          return pass.validationRows > 0;
        }
      }));
    } catch (Exception ex) { // Spark's SparkException is checked, and thrown from Scala undeclared
      // Ctrl-C: Spark's own shutdown hook stops the context mid-epoch, maybe before ours raises the flag
      boolean interrupted = control.stop().getAsBoolean() || sc.sc().isStopped();
      if (ex instanceof Trainer.Stopped || ex instanceof IllegalArgumentException) {
        throw (RuntimeException) ex;
      }
      interrupted |= ex instanceof twinnet.io.Stop.Stopped;
      Trainer.State last = loop.lastFinished(); // the last finished epoch
      if (watch != null && watch.reason() != null) { // the cluster has no executor left
        control.save().accept(last);
        throw new Trainer.Stopped(watch.reason() + "; stopped during epoch " + last.epoch() + ", the checkpoint holds "
            + "the epochs before it: start the workers and continue with --resume");
      }
      if (!interrupted) {
        throw ex instanceof RuntimeException re ? re : new IllegalStateException("Spark failed: " + ex.getMessage(), ex);
      }
      twinnet.io.Stop.keeping(() -> control.save().accept(last));
      throw new Trainer.Stopped("stopped (" + twinnet.io.Stop.by() + ") during epoch " + last.epoch() + "; the "
          + "checkpoint holds the epochs before it; continue with --resume");
    } finally {
      twinnet.io.Stop.removeOnStop(cancel);
      sc.sc().removeSparkListener(roundStarts);
      if (!sc.sc().isStopped()) {
        tm.deleteTempFiles(sc); // the exported batches
        cols.parsed().unpersist(false);
      }
      if (rounds != null) {
        rounds.delete(sc);
      }
    }
    Dl4jNetwork result = Dl4jNetwork.wrap(spec, sparkNet.getNetwork(), s.optimizer(), perWorker);
    return new Trainer.Trained(s, spec, result, std, run.features(), run.targets(), history.epochs(), best);
  }

  /** How the training batches reach the workers. */
  enum Feed {
    /**
     * Parameter averaging, where the batches can be written to a file system every worker reads: twinnet
     * writes them once and hands DL4J one averaging round at a time, each worker's batches already in place.
     */
    ROUNDS,
    /** Gradient sharing, where DL4J can export: its own Export approach. */
    EXPORT,
    /** DL4J splits the RDD itself, scanning all of it once per averaging round: for small data only. */
    DIRECT
  }

  /** More training rows than this are refused where the batches cannot be exported (see {@link #feed}). */
  static final long DIRECT_MAX_ROWS = 50_000;

  /**
   * The batches can be exported to files with a local master or a default file system every machine shares
   * (DL4J's {@code ExportSupport}), and on a standalone cluster whose master and workers all run on this
   * machine ({@code spark://127.0.0.1:…}), which share its file system. Elsewhere DL4J splits the RDD
   * directly, reading all of it once per averaging round: fine for a few thousand rows, a crawl on large
   * data, which is refused with the fix.
   */
  static Feed feed(JavaSparkContext sc, SparkSettings sp, long trainRows) {
    return feed(sc.master(), sc.isLocal(), ExportSupport.exportSupported(sc),
        sc.hadoopConfiguration().get("fs.defaultFS"), sp.trainingMaster(), trainRows);
  }

  /** {@link #feed(JavaSparkContext, SparkSettings, long)} on its facts: {@code dl4jExports} is DL4J's own test. */
  static Feed feed(String master, boolean local, boolean dl4jExports, String defaultFs, String trainingMaster,
      long trainRows) {
    if (local || dl4jExports || Spark.onThisMachine(master)) {
      return trainingMaster.equals("averaging") ? Feed.ROUNDS : dl4jExports ? Feed.EXPORT : Feed.DIRECT;
    }
    if (trainRows > DIRECT_MAX_ROWS) {
      throw new IllegalArgumentException("the Spark master " + master + " runs on other machines and the default "
          + "file system (fs.defaultFS = " + defaultFs + ") is local to each of them, so the training batches "
          + "cannot be exported; without that DL4J reads all " + trainRows + " training rows once per averaging "
          + "round. Give the cluster a shared file system (--conf spark.hadoop.fs.defaultFS=hdfs://NAMENODE:8020), "
          + "or train on at most " + DIRECT_MAX_ROWS + " rows");
    }
    return Feed.DIRECT;
  }

  /**
   * The training batches, written once to files (DL4J's {@code BatchAndExportDataSetsFunction}: each partition
   * cut into batches of the worker batch size) in a temporary folder of the default file system (this
   * machine's temporary folder when that is local), then fitted one averaging round at a time.
   *
   * <p>Why rounds: DL4J's own Export splits the list of files at random and then rebalances the pieces over
   * the workers through a shuffle, and a shuffle on a cluster delivers blocks in the order they arrive over
   * the network: each worker's batches come in another order on every run, so the model differs from run
   * to run. Here each round's files are laid out on the driver, from (seed, epoch), {@code frequency} per
   * worker, in a fixed order; DL4J then has nothing to split or move (one round is one split, and
   * repartitioning is off), so a cluster, a local master and a resumed run train the same model.
   */
  record Rounds(List<String> files, String dir) {
    static Rounds export(JavaSparkContext sc, JavaRDD<DataSet> train, int perWorker) throws IOException {
      org.apache.hadoop.conf.Configuration conf = sc.hadoopConfiguration();
      String dir;
      if ("file".equals(org.apache.hadoop.fs.FileSystem.getDefaultUri(conf).getScheme())) {
        dir = Files.createTempDirectory("twinnet-spark-batches-").toUri().toString();
      } else { // a shared file system (hdfs://…): Hadoop's temporary folder there, as DL4J's Export uses
        dir = conf.get("hadoop.tmp.dir") + "/twinnet-spark-batches-" + java.util.UUID.randomUUID() + "/";
      }
      List<String> files = train.mapPartitionsWithIndex(new BatchAndExportDataSetsFunction(perWorker, dir + "data/"),
          true).collect();
      return new Rounds(new ArrayList<>(files), dir);
    }

    /** One epoch: the files in an order drawn from (seed, epoch), {@code frequency} per worker each round. */
    void fitEpoch(JavaSparkContext sc, SparkDl4jMultiLayer net, int epoch, long seed, int workers, int frequency) {
      List<String> order = new ArrayList<>(files);
      java.util.Collections.shuffle(order, new java.util.Random(seed * 1_000_003L + epoch));
      int perRound = workers * frequency;
      for (int from = 0; from < order.size(); from += perRound) {
        twinnet.io.Stop.check("averaging round " + (from / perRound + 1) + " of epoch " + epoch);
        // parallelize keeps the order and cuts it into equal slices, one per worker
        JavaRDD<String> round = sc.parallelize(order.subList(from, Math.min(order.size(), from + perRound)), workers);
        net.fitPaths(round);
        round.unpersist(false);
      }
      net.getNetwork().setEpochCount(epoch); // fitPaths counts each round as an epoch
    }

    void delete(JavaSparkContext sc) {
      try {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(dir);
        p.getFileSystem(sc.hadoopConfiguration()).delete(p, true);
      } catch (IOException | RuntimeException e) {
        // a temporary folder left behind is not worth failing a finished run for
      }
    }
  }

  /**
   * Parameter averaging splits the data over the workers at random, one draw of its seeded generator an
   * epoch: a resumed run makes the draws of the epochs before it, so that it splits as the uninterrupted run
   * would (DL4J keeps the generator in a protected field of BaseTrainingMaster; without it, the resumed run's
   * splits differ).
   */
  static void skipSplits(TrainingMaster<?, ?> tm, int epochs) {
    if (!(tm instanceof org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster)) {
      return;
    }
    try {
      java.lang.reflect.Field f = org.deeplearning4j.spark.impl.paramavg.BaseTrainingMaster.class
          .getDeclaredField("rng");
      f.setAccessible(true);
      java.util.Random rng = (java.util.Random) f.get(tm);
      for (int i = 0; i < epochs; i++) {
        rng.nextLong();
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      // another DL4J version: the resumed run still trains, on other splits
    }
  }

  /** One data row: its index among the data rows (the header excluded), its numbers, or what is wrong. */
  static final class Row implements Serializable {
    final long row;
    final double[] x;
    final double[] y;

    Row(long row, double[] x, double[] y) {
      this.row = row;
      this.x = x;
      this.y = y;
    }

    /** One standardised example: x ← (x − μ)/σ, y ← (y − μ)/σ (σ = 0: only centred). */
    DataSet dataSet(double[][] st) {
      return new DataSet(Nd4j.create(scaled(x, st[0], st[1]), 1, x.length),
          Nd4j.create(scaled(y, st[2], st[3]), 1, y.length));
    }
  }

  static double[] scaled(double[] v, double[] mean, double[] sd) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (v[i] - mean[i]) / (sd[i] > 0 ? sd[i] : 1);
    }
    return out;
  }

  /** The parsed rows, and the first bad line (or null). */
  record Columns(JavaRDD<Row> rows, JavaRDD<String> errors, JavaRDD<Object> parsed) {}

  /** Reads the header on the driver, then parses every line on the workers into the chosen columns. */
  static Columns columns(JavaSparkContext sc, Checkpoints.Run run) {
    JavaRDD<String> lines = sc.textFile(run.data());
    String first;
    try {
      first = lines.first();
    } catch (UnsupportedOperationException e) {
      throw new IllegalArgumentException(run.data() + ": the file is empty; it needs a header line and rows of "
          + "numbers");
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(run.data() + ": cannot read it (" + rootMessage(e) + ")");
    }
    List<String> header = twinnet.data.CsvData.headerNames(first);
    int[] xi = indexes(run.data(), header, run.features());
    int[] yi = indexes(run.data(), header, run.targets());
    int width = header.size();
    JavaRDD<Object> parsed = lines.zipWithIndex().filter(t -> t._2() > 0 && !t._1().isBlank()).map(t -> {
      String[] cells = t._1().split(",", -1);
      long line = t._2() + 1;
      if (cells.length != width) {
        return "line " + line + " has " + cells.length + " cells, the header " + width;
      }
      double[][] v = new double[2][];
      int[][] idx = {xi, yi};
      for (int g = 0; g < 2; g++) {
        v[g] = new double[idx[g].length];
        for (int i = 0; i < idx[g].length; i++) {
          String cell = cells[idx[g][i]].trim();
          try {
            v[g][i] = Double.parseDouble(cell);
          } catch (NumberFormatException e) {
            return "line " + line + ", column \"" + header.get(idx[g][i]) + "\": '" + cell + "' is not a number";
          }
          if (!Double.isFinite(v[g][i])) {
            return "line " + line + ", column \"" + header.get(idx[g][i]) + "\": " + cell + " is not a finite "
                + "number; remove or fill it";
          }
        }
      }
      return new Row(t._2() - 1, v[0], v[1]);
    });
    parsed.persist(StorageLevel.MEMORY_AND_DISK());
    return new Columns(parsed.filter(o -> o instanceof Row).map(o -> (Row) o),
        parsed.filter(o -> o instanceof String).map(o -> (String) o), parsed);
  }

  private static int[] indexes(String data, List<String> header, List<String> names) {
    int[] out = new int[names.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = header.indexOf(names.get(i));
      if (out[i] < 0) {
        throw new IllegalArgumentException(data + ": no column \"" + names.get(i) + "\"; the columns are " + header);
      }
    }
    return out;
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() != null ? t.getMessage() : t.toString();
  }

  /** Count, mean and sum of squared deviations per column (Chan et al.'s parallel update). */
  static final class Moments implements Serializable {
    long n;
    final double[] mean;
    final double[] m2;

    Moments(int width) {
      mean = new double[width];
      m2 = new double[width];
    }

    Moments add(double[] v) {
      n++;
      for (int i = 0; i < v.length; i++) {
        double d = v[i] - mean[i];
        mean[i] += d / n;
        m2[i] += d * (v[i] - mean[i]);
      }
      return this;
    }

    Moments merge(Moments o) {
      if (o.n == 0) {
        return this;
      }
      long total = n + o.n;
      for (int i = 0; i < mean.length; i++) {
        double d = o.mean[i] - mean[i];
        mean[i] += d * o.n / total;
        m2[i] += o.m2[i] + d * d * n * o.n / total;
      }
      n = total;
      return this;
    }

    /** Population standard deviation, as the other backends' {@code Standardizer}. */
    double[] sd() {
      double[] sd = new double[mean.length];
      for (int i = 0; i < sd.length; i++) {
        sd[i] = n == 0 ? 0 : Math.sqrt(m2[i] / n);
      }
      return sd;
    }
  }

  /** The first pass: the training rows' moments and the number of validation rows. */
  static final class Pass implements Serializable {
    final Moments train;
    final Moments trainY;
    long validationRows;

    Pass(int nx, int ny) {
      train = new Moments(nx);
      trainY = new Moments(ny);
    }

    Standardizer standardizer(List<String> targets) {
      double[] sdY = trainY.sd();
      for (int i = 0; i < sdY.length; i++) {
        if (sdY[i] == 0) {
          throw new IllegalArgumentException("target column \"" + targets.get(i) + "\" is constant in the "
              + "training split (standard deviation 0): there is nothing to learn; choose another target");
        }
      }
      return new Standardizer(train.mean.clone(), train.sd(), trainY.mean.clone(), sdY);
    }
  }

  static Pass firstPass(Columns cols, long seed, double share) {
    List<String> bad = cols.errors().take(1);
    if (!bad.isEmpty()) {
      throw new IllegalArgumentException("bad data: " + bad.get(0) + "; fix the file");
    }
    List<Row> firstRows = cols.rows().take(1);
    if (firstRows.isEmpty()) {
      throw new IllegalArgumentException("the file has a header but no rows of numbers");
    }
    Row one = firstRows.get(0);
    int nx = one.x.length;
    int ny = one.y.length;
    return cols.rows().treeAggregate(new Pass(nx, ny), (p, r) -> {
      if (StreamingTrainer.isValidation(seed, r.row, share)) {
        p.validationRows++;
      } else {
        p.train.add(r.x);
        p.trainY.add(r.y);
      }
      return p;
    }, (a, b) -> {
      a.train.merge(b.train);
      a.trainY.merge(b.trainY);
      a.validationRows += b.validationRows;
      return a;
    });
  }

  /** MSE, MAE and R² per split (train, validation), from one {@link Metrics.Accumulator} per partition and split. */
  static Metrics[] evaluate(JavaSparkContext sc, Columns cols, MultiLayerNetwork net, double[][] st, long seed,
      double share) {
    // a copy of the parameters is broadcast, never the live array (Spark closes it: docs/spark.md)
    Broadcast<String> conf = sc.broadcast(net.getLayerWiseConfigurations().toJson());
    Broadcast<double[]> params = sc.broadcast(net.params().castTo(DataType.DOUBLE).dup().toDoubleVector());
    int ny = st[2].length;
    Metrics.Accumulator[] sums = cols.rows().mapPartitions((Iterator<Row> it) -> {
      MultiLayerNetwork local = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(conf.value()));
      local.init(Nd4j.createFromArray(params.value()).reshape(1, params.value().length), false);
      Metrics.Accumulator[] acc = {new Metrics.Accumulator(ny), new Metrics.Accumulator(ny)};
      List<Row> chunk = new ArrayList<>();
      while (it.hasNext()) {
        chunk.add(it.next());
        if (chunk.size() == 1024 || !it.hasNext()) {
          accumulate(local, chunk, st, seed, share, acc);
          chunk.clear();
        }
      }
      return java.util.Collections.singletonList(acc).iterator();
    }).reduce((a, b) -> new Metrics.Accumulator[] {a[0].merge(b[0]), a[1].merge(b[1])});
    conf.destroy();
    params.destroy();
    return new Metrics[] {sums[0].metrics(), sums[1].metrics()};
  }

  private static void accumulate(MultiLayerNetwork net, List<Row> rows, double[][] st, long seed, double share,
      Metrics.Accumulator[] acc) {
    int nx = rows.get(0).x.length;
    int ny = rows.get(0).y.length;
    double[] xs = new double[rows.size() * nx];
    for (int r = 0; r < rows.size(); r++) {
      System.arraycopy(scaled(rows.get(r).x, st[0], st[1]), 0, xs, r * nx, nx);
    }
    INDArray out = net.output(Nd4j.create(xs, rows.size(), nx), false);
    List<List<double[]>> pred = List.of(new ArrayList<>(), new ArrayList<>());
    List<List<double[]>> ys = List.of(new ArrayList<>(), new ArrayList<>());
    for (int r = 0; r < rows.size(); r++) {
      int split = StreamingTrainer.isValidation(seed, rows.get(r).row, share) ? 1 : 0;
      double[] p = new double[ny];
      for (int i = 0; i < ny; i++) {
        p[i] = out.getDouble(r, i) * (st[3][i] > 0 ? st[3][i] : 1) + st[2][i];
      }
      pred.get(split).add(p);
      ys.get(split).add(rows.get(r).y);
    }
    for (int split = 0; split < 2; split++) {
      if (!ys.get(split).isEmpty()) {
        acc[split].addRows(pred.get(split).toArray(double[][]::new), ys.get(split).toArray(double[][]::new));
      }
    }
  }
}
