package twinnet.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import twinnet.data.CsvData;
import twinnet.data.Dataset;
import twinnet.model.Activation;
import twinnet.model.Initializer;
import twinnet.model.Loss;
import twinnet.model.Matrix;
import twinnet.model.Optimizer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import twinnet.train.Checkpoints;
import twinnet.train.Metrics;
import twinnet.train.SparkSettings;
import twinnet.train.ModelStore;
import twinnet.train.TrainSettings;
import twinnet.train.Trainer;

/** {@code train}, {@code predict}, {@code evaluate}, {@code convert}, {@code generate}: one API, two backends. */
final class TrainCommands {
  private TrainCommands() {}

  /** The CSV's header, for column defaults. */
  static List<String> header(Path csv) {
    try (var lines = Files.lines(csv, StandardCharsets.UTF_8)) {
      String first = lines.findFirst().orElseThrow(() -> new IllegalArgumentException(csv + ": the file is empty; "
          + "it needs a header line and rows of numbers"));
      return CsvData.headerNames(first);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IllegalArgumentException(csv + ": no such file; check the path");
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new IllegalArgumentException(csv + ": cannot read it (" + e.getMessage() + ")");
    }
  }

  @Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Trains a dense network on a CSV (header line; default target: the last column) with the "
          + "scratch or the DL4J backend: a seeded validation split, standardisation fitted on the training "
          + "rows and stored with the model, mini-batches, optional early stopping; writes a model directory "
          + "(model.json, the weights in the backend's format, metrics.csv, learning-curves.png)."})
  static final class Train implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", description = "CSV file (required unless --resume); on the spark backend also any URI "
        + "Spark's text reader takes (hdfs://…).")
    String data;

    @Option(names = "--checkpoint-every", defaultValue = "0",
        description = "Write OUT.checkpoint every N epochs (0: only on Ctrl-C).")
    int checkpointEvery;

    @Option(names = "--stream", description = "dl4j backend: read the CSV batch by batch through DataVec instead of "
        + "into memory, for files larger than memory (features first, targets last in the file).")
    boolean stream;

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue the run that was writing model DIR, from "
        + "DIR.checkpoint (its data and settings are taken from the checkpoint).")
    Path resumeDir;

    @Option(names = "--features", split = ",", description = "Feature columns (default: all but the targets).")
    List<String> features;

    @Option(names = "--targets", split = ",", description = "Target columns (default: the last column).")
    List<String> targets;

    @Option(names = "--backend", defaultValue = "scratch", description = "scratch, dl4j or spark (default scratch; "
        + "spark needs the build with -Pspark).")
    String backend;

    @Option(names = "--master", description = "spark: the Spark master URL (default: spark-submit's, else local[2]).")
    String master;

    @Option(names = "--training-master", defaultValue = "averaging",
        description = "spark: averaging (parameter averaging, default) or sharing (gradient sharing).")
    String trainingMaster;

    @Option(names = "--workers", defaultValue = "0",
        description = "spark: workers (default 0: Spark's default parallelism); each takes batch-size/workers rows.")
    int workers;

    @Option(names = "--averaging-frequency", defaultValue = "5",
        description = "spark: minibatches each worker fits between two averagings (5; 1 equals one machine's SGD).")
    int averagingFrequency;

    @Option(names = "--hidden-layers", split = ",", defaultValue = "16,16", description = "Hidden sizes (16,16).")
    int[] hiddenSizes;

    @Option(names = "--hidden", defaultValue = "relu", description = "Hidden activation (relu).")
    String hidden;

    @Option(names = "--output", defaultValue = "identity", description = "Output activation (identity).")
    String output;

    @Option(names = "--loss", defaultValue = "half_mse", description = "half_mse, mse or bce (half_mse).")
    String loss;

    @Option(names = "--optimizer", defaultValue = "adam_dl4j",
        description = "gd, momentum (scratch only), nesterov, rmsprop, adam, adam_dl4j (adam_dl4j).")
    String optimizer;

    @Option(names = "--l2", defaultValue = "0", description = "L2 λ (0).")
    double l2;

    @Option(names = "--lr", defaultValue = "0.001", description = "Learning rate (0.001).")
    double lr;

    @Option(names = "--batch-size", defaultValue = "32", description = "Rows a batch (32).")
    int batch;

    @Option(names = "--epochs", defaultValue = "20", description = "Epochs (20).")
    int epochs;

    @Option(names = "--validation", defaultValue = "0.2", description = "Share held out (0.2).")
    double validation;

    @Option(names = "--patience", defaultValue = "0", description = "Early stopping patience in epochs (0: off).")
    int patience;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the split, weights and batches (1).")
    long seed;

    @Option(names = "--max-scratch-numbers", defaultValue = "20000000",
        description = "Largest data (rows × columns) the scratch backend holds (20000000).")
    long maxScratch;

    @Option(names = "--out", description = "Model directory to write (required unless --resume).")
    Path out;

    @Option(names = "--overwrite", description = "Replace a model already there.")
    boolean overwrite;

    @Override
    public Integer call() {
      boolean resume = resumeDir != null;
      if (resume && out != null && !out.equals(resumeDir)) {
        throw new IllegalArgumentException("--resume DIR writes the model to DIR; drop --out or make it the same");
      }
      if (resume) {
        out = resumeDir;
      }
      if (out == null) {
        throw new IllegalArgumentException("--out is required: the model directory to write");
      }
      PrintWriter o = spec.commandLine().getOut();
      if (checkpointEvery < 0) {
        throw new IllegalArgumentException("--checkpoint-every must be 0 or more, got " + checkpointEvery);
      }
      Checkpoints.Run run;
      Trainer.State[] resumed = {null};
      if (resume) {
        run = Checkpoints.load(out, st -> resumed[0] = st);
      } else {
        if (data == null) {
          throw new IllegalArgumentException("--data is required (or --resume to continue a run)");
        }
        boolean uri = data.contains("://") || data.startsWith("file:");
        if (uri && !backend.equals("spark")) {
          throw new IllegalArgumentException("--data " + data + ": only the spark backend reads URIs; give a local "
              + "path, or use --backend spark");
        }
        List<String> header = uri ? twinnet.train.SparkBackend.load().header(data) : header(Path.of(data));
        List<String> ys = targets != null ? targets : List.of(header.get(header.size() - 1));
        List<String> xs = features != null ? features : header.stream().filter(h -> !ys.contains(h)).toList();
        run = new Checkpoints.Run(new TrainSettings(backend, hiddenSizes, Activation.parse(hidden),
            Activation.parse(output), Loss.parse(loss), Optimizer.of(Optimizer.Kind.parse(optimizer)).withL2(l2), lr,
            batch, epochs, validation, seed, patience, Initializer.HE, maxScratch),
            uri ? data : Path.of(data).toAbsolutePath().toString(), xs, ys, backend.equals("spark")
            ? new SparkSettings(master != null ? master : System.getProperty("spark.master", "local[2]"),
                trainingMaster, workers, averagingFrequency) : null, stream);
      }
      TrainSettings s = run.settings();
      Path parent = out.toAbsolutePath().getParent();
      twinnet.report.ReportWriter.checkTarget(parent, out.getFileName().toString(), overwrite);
      if (run.stream()) {
        if (!s.backend().equals("dl4j")) {
          throw new IllegalArgumentException("--stream is the dl4j backend's (the spark backend reads its files "
              + "through Spark anyway): use --backend dl4j with --stream");
        }
        checkStreamColumns(run);
      }
      boolean onSpark = s.backend().equals("spark");
      twinnet.train.SparkBackend sparkBackend = onSpark ? twinnet.train.SparkBackend.load() : null;
      Dataset d = onSpark || run.stream() ? null : CsvData.read(run.dataPath(), run.features(), run.targets());
      AtomicBoolean stop = new AtomicBoolean();
      CountDownLatch finished = new CountDownLatch(1);
      Thread onCtrlC = new Thread(() -> { // Ctrl-C: the run writes a checkpoint at its next step, then stops
        stop.set(true);
        quietSpark();
        try {
          finished.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException ignored) {
          Thread.currentThread().interrupt();
        }
      });
      Runtime.getRuntime().addShutdownHook(onCtrlC);
      long t0 = System.nanoTime();
      long[] rows = {0};
      Trainer.Trained t;
      String task = "train " + s.backend() + (run.stream() ? " (streaming)" : "");
      try (ProgressBar bar = progressBar(task, s.epochs())) {
        Trainer.Control control = new Trainer.Control(checkpointEvery, st -> Checkpoints.save(out, run, st),
            stop::get, resumed[0]);
        if (onSpark) {
          double[] lastLoss = {Double.NaN};
          t = sparkBackend.train(run, run.spark(), (epoch, step, per, cost) -> {
            if (!Double.isNaN(cost)) { // the epoch's end
              lastLoss[0] = cost;
              bar.stepTo(epoch);
            } else {
              bar.stepTo(epoch - 1);
            }
            bar.setExtraMessage(String.format(" averaging round %d/~%d", step, per)
                + (Double.isNaN(lastLoss[0]) ? "" : String.format(", loss %.4g", lastLoss[0])));
          }, control);
        } else if (run.stream()) {
          t = twinnet.train.StreamingTrainer.train(s, run.dataPath(), run.features(), run.targets(),
              (epoch, step, per, cost) -> {
                rows[0] += s.batchSize();
                bar.stepTo(epoch - 1);
                bar.setExtraMessage(String.format(" batch %d loss %.4g %.0f rows/s", step, cost,
                    rows[0] / ((System.nanoTime() - t0) / 1e9)));
              }, control);
        } else {
          t = Trainer.train(s, d, run.features(), run.targets(), (epoch, step, per, cost) -> {
            rows[0] += Math.min(s.batchSize(), d.examples());
            double secs = (System.nanoTime() - t0) / 1e9;
            bar.stepTo(epoch - 1);
            bar.setExtraMessage(String.format(" batch %d/%d loss %.4g %.0f rows/s", step, per, cost,
                rows[0] / secs));
          }, control);
        }
        bar.stepTo(t.history().size());
      } catch (Trainer.Stopped e) {
        o.println(e.getMessage() + ": " + Checkpoints.folder(out));
        o.flush();
        return 130;
      } finally {
        finished.countDown();
        try {
          Runtime.getRuntime().removeShutdownHook(onCtrlC);
        } catch (IllegalStateException ignored) {
          // already shutting down
        }
      }
      double secs = (System.nanoTime() - t0) / 1e9;
      ModelStore.save(t, out, overwrite);
      deleteQuietly(Checkpoints.folder(out));
      o.printf("trained %d epoch(s) on %s (best %d): %s%n", t.history().size(),
          onSpark ? "spark (" + run.spark().master() + ")" : s.backend() + (run.stream() ? ", streaming" : ""),
          t.bestEpoch(), summary(t));
      if (onSpark) {
        o.printf("spark: %.1f s in all, Spark's start and the first pass included%n", secs);
      } else if (run.stream()) {
        o.printf("streaming: %.0f training rows/s over the whole run (%.1f s)%n", rows[0] / secs, secs);
      }
      o.println("model: " + out);
      return 0;
    }

    /**
     * On Ctrl-C Spark stops itself from its own shutdown hook, and its threads then log the expected races
     * (tasks rejected by a closing executor) as errors with stack traces: not for the user's eyes.
     */
    private static void quietSpark() {
      for (String name : List.of("org.apache.spark", "org.sparkproject", "org.deeplearning4j.spark")) {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(name))
            .setLevel(ch.qos.logback.classic.Level.OFF);
      }
    }

    /** --stream reads every column in order: features first, targets last. */
    private static void checkStreamColumns(Checkpoints.Run run) {
      List<String> header = header(run.dataPath());
      List<String> expected = new java.util.ArrayList<>(run.features());
      expected.addAll(run.targets());
      if (!header.equals(expected)) {
        throw new IllegalArgumentException("--stream reads every column in order, features first and targets "
            + "last; the file's columns are " + header + ", the run asks for " + expected);
      }
    }
  }

  /** What writes a text file's content. */
  interface Writer {
    void write(BufferedWriter w) throws IOException;
  }

  /** Writes {@code out} through a temporary file beside it, moved into place: never half a file. */
  static void writeAtomically(Path out, Writer content) throws IOException {
    Path parent = out.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempFile(parent, ".twinnet-", ".tmp");
    try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      content.write(w);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The progress bar of a training run, on standard error (it works without a terminal). */
  static ProgressBar progressBar(String task, int epochs) {
    return new ProgressBarBuilder().setTaskName(task).setInitialMax(epochs).setStyle(ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(250).continuousUpdate().setUnit(" epochs", 1).setConsumer(new ConsoleProgressBarConsumer(System.err))
        .build();
  }

  /** The last epoch's metrics, in one line. */
  static String summary(Trainer.Trained t) {
    Trainer.Epoch last = t.history().get(t.history().size() - 1);
    return String.format("train MSE %.6g, validation MSE %.6g, R² %.4f", last.train().mse(), last.validation().mse(),
        last.validation().r2());
  }

  static void deleteQuietly(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a stale checkpoint is harmless
    }
  }

  @Command(name = "predict", mixinStandardHelpOptions = true,
      description = "Predicts with a model directory (either backend) on a CSV with its feature columns; writes "
          + "the features and the predictions, in the targets' units, to a CSV.")
  static final class Predict implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true)
    Path model;

    @Option(names = "--data", required = true)
    Path data;

    @Option(names = "--out", required = true)
    Path out;

    @Override
    public Integer call() throws IOException {
      ModelStore.Loaded m = ModelStore.load(model);
      Matrix X = CsvData.readColumns(data, m.features());
      Matrix P = m.predict(X);
      writeAtomically(out, w -> {
        w.write(String.join(",", m.features()));
        for (String t : m.targets()) {
          w.write(",predicted_" + t);
        }
        w.newLine();
        for (int j = 0; j < X.cols(); j++) {
          StringBuilder line = new StringBuilder();
          for (int i = 0; i < X.rows(); i++) {
            line.append(i == 0 ? "" : ",").append(X.get(i, j));
          }
          for (int i = 0; i < P.rows(); i++) {
            line.append(',').append(P.get(i, j));
          }
          w.write(line.toString());
          w.newLine();
        }
      });
      spec.commandLine().getOut().println(X.cols() + " prediction(s): " + out);
      return 0;
    }
  }

  @Command(name = "evaluate", mixinStandardHelpOptions = true,
      description = "MSE, MAE and R² of a model on a CSV with its feature and target columns.")
  static final class Evaluate implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true)
    Path model;

    @Option(names = "--data", required = true)
    Path data;

    @Override
    public Integer call() {
      ModelStore.Loaded m = ModelStore.load(model);
      Dataset d = CsvData.read(data, m.features(), m.targets());
      Metrics r = Metrics.of(m.predict(d.X()), d.Y());
      spec.commandLine().getOut().printf("rows %d  MSE %.6g  MAE %.6g  R² %.6f%n", d.examples(), r.mse(), r.mae(),
          r.r2());
      return 0;
    }
  }

  @Command(name = "convert", mixinStandardHelpOptions = true,
      description = "Writes a model in the other backend's format (scratch JSON ⇄ DL4J ModelSerializer zip).")
  static final class Convert implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true)
    Path model;

    @Option(names = "--out", required = true)
    Path out;

    @Option(names = "--overwrite")
    boolean overwrite;

    @Override
    public Integer call() {
      ModelStore.convert(model, out, overwrite);
      spec.commandLine().getOut().println("converted: " + out);
      return 0;
    }
  }

  @Command(name = "generate", mixinStandardHelpOptions = true,
      description = "Writes a synthetic regression CSV: features x1..xF ~ U(−1, 1) and a target y (quadratic: "
          + "Σ 3x² + 3x, as the seed's; linear: Σ x), plus Gaussian noise.")
  static final class Generate implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--rows", required = true)
    long rows;

    @Option(names = "--features", defaultValue = "1")
    int features;

    @Option(names = "--function", defaultValue = "quadratic", description = "quadratic or linear.")
    String function;

    @Option(names = "--noise", defaultValue = "0.1")
    double noise;

    @Option(names = "--seed", defaultValue = "1")
    long seed;

    @Option(names = "--out", required = true)
    Path out;

    @Override
    public Integer call() throws IOException {
      if (rows < 1 || features < 1) {
        throw new IllegalArgumentException("--rows and --features must be at least 1");
      }
      if (!function.equals("quadratic") && !function.equals("linear")) {
        throw new IllegalArgumentException("unknown --function '" + function + "'; use quadratic or linear");
      }
      Random r = new Random(seed);
      writeAtomically(out, w -> {
        StringBuilder h = new StringBuilder();
        for (int f = 1; f <= features; f++) {
          h.append('x').append(f).append(',');
        }
        w.write(h.append('y').toString());
        w.newLine();
        StringBuilder line = new StringBuilder();
        for (long i = 0; i < rows; i++) {
          line.setLength(0);
          double y = 0;
          for (int f = 0; f < features; f++) {
            double x = 2 * r.nextDouble() - 1;
            y += function.equals("quadratic") ? 3 * x * x + 3 * x : x;
            line.append(x).append(',');
          }
          line.append(y + noise * r.nextGaussian());
          w.write(line.toString());
          w.newLine();
        }
      });
      spec.commandLine().getOut().println(rows + " rows: " + out);
      return 0;
    }
  }
}
