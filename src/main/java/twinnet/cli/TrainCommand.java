package twinnet.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import twinnet.data.CsvData;
import twinnet.io.Stop;
import twinnet.io.Outputs;
import twinnet.io.Resources;
import twinnet.model.Initializer;
import twinnet.model.Optimizer;
import twinnet.train.Checkpoints;
import twinnet.train.ModelStore;
import twinnet.train.SparkSettings;
import twinnet.train.TrainSettings;
import twinnet.train.Trainer;

/** {@code twinnet train}: one training API over the scratch, dl4j and spark backends. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Trains a dense network on a CSV (header line; default target: the last column) with the "
        + "scratch or the DL4J backend: a seeded validation split, standardisation fitted on the training "
        + "rows and stored with the model, mini-batches, optional early stopping; writes a model directory "
        + "(model.json, the weights in the backend's format, metrics.csv, learning-curves.png).",
        "Exit status: 0 trained, 2 bad input, 130 stopped by Ctrl-C (a checkpoint kept: --resume)."})
final class TrainCommand implements Callable<Integer> {
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

  @picocli.CommandLine.Mixin
  ModelOptions model = new ModelOptions();

  @Option(names = "--keep-prob", split = ",", paramLabel = "P", description = "Dropout: keep_prob of the hidden "
      + "layers, one for all or one each, in (0, 1] (default: no dropout). The course's inverted dropout, with "
      + "masks drawn from --seed; nothing is dropped at prediction time.")
  double[] keepProb;

  @Option(names = "--batch-norm", description = "Batch normalisation of every hidden layer (ε = 1e-5, momentum 0.9, "
      + "DL4J's defaults): the batch's statistics in training, running averages at prediction time; no b.")
  boolean batchNorm;

  @Option(names = "--optimizer", defaultValue = "adam_dl4j",
      description = "gd, momentum (scratch only), nesterov, rmsprop, adam, adam_dl4j (adam_dl4j).")
  String optimizer;

  @Option(names = "--l2", defaultValue = "0", description = "L2 λ (0).")
  double l2;

  @Option(names = "--batch-size", defaultValue = "32", description = "Rows a batch (32).")
  int batch;

  @Option(names = "--epochs", defaultValue = "20", description = "Epochs (20; at most 1000000).")
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

  @Option(names = "--overwrite", description = "Replace a model already there (and a stale checkpoint beside it).")
  boolean overwrite;

  /** What a resumed run may still be told: everything else comes from its checkpoint. */
  private static final Set<String> RESUME_OPTIONS = Set.of("--resume", "--out", "--checkpoint-every", "--overwrite");

  @Override
  public Integer call() {
    boolean resume = resumeDir != null;
    if (resume) {
      refuseOverriddenOptions();
      out = resumeDir;
    }
    if (out == null) {
      throw new IllegalArgumentException("--out is required: the model directory to write");
    }
    Resources.requireRange("--checkpoint-every", checkpointEvery, 0, Resources.MAX_STEPS);
    Checkpoints.Run run;
    Trainer.State[] resumed = {null};
    if (resume) {
      run = Checkpoints.load(out, st -> resumed[0] = st);
      Checkpoints.requireSameData(run);
    } else {
      run = freshRun();
    }
    TrainSettings s = run.settings();
    List<Path> inputs = run.dataIsUri() ? List.of() : List.of(run.dataPath());
    Outputs.Target target = Outputs.check(out, Outputs.Kind.MODEL, overwrite, inputs);
    if (!resume) {
      Checkpoints.requireNoStale(out, overwrite, inputs);
    }
    twinnet.train.RunTrainer trainer = s.backend().trainer(run.stream());
    if (run.stream()) {
      checkStreamColumns(run);
    }
    Resources.requireMemory("a network of " + java.util.Arrays.toString(run.spec().layers()) + " on batches of "
        + s.batchSize(), Resources.networkNumbers(run.spec().layers(), s.batchSize()), "use smaller layers or batches");
    boolean onSpark = s.backend() == twinnet.train.Backend.SPARK;
    Runnable quietSpark = TrainCommand::quietSpark;
    if (onSpark) {
      Stop.onStop(quietSpark);
    }
    PrintWriter o = spec.commandLine().getOut();
    long t0 = System.nanoTime();
    long[] rows = {0};
    Trainer.Trained t;
    String task = "train " + s.backend().id() + (run.stream() ? " (streaming)" : "");
    try (ProgressBar bar = Progress.bar(task, s.epochs(), " epochs")) {
      Trainer.Control control = new Trainer.Control(checkpointEvery, st -> Checkpoints.save(out, run, st),
          Stop::requested, resumed[0]);
      Trainer.Progress progress;
      if (onSpark) { // a step is an averaging round; its cost is NaN but at the epoch's end
        double[] lastLoss = {Double.NaN};
        progress = (epoch, step, per, cost) -> {
          if (!Double.isNaN(cost)) { // the epoch's end
            lastLoss[0] = cost;
            bar.stepTo(epoch);
          } else {
            bar.stepTo(epoch - 1);
          }
          bar.setExtraMessage(String.format(" averaging round %d/~%d", step, per)
              + (Double.isNaN(lastLoss[0]) ? "" : String.format(", loss %.4g", lastLoss[0])));
        };
      } else {
        progress = (epoch, step, per, cost) -> {
          rows[0] += s.batchSize(); // a shorter last batch counted whole: a display
          bar.stepTo(epoch - 1);
          bar.setExtraMessage(String.format(" batch %d%s loss %.4g %.0f rows/s", step, per > 0 ? "/" + per : "", cost,
              rows[0] / ((System.nanoTime() - t0) / 1e9)));
        };
      }
      t = trainer.train(run, progress, control);
      bar.stepTo(t.history().size());
    } catch (Trainer.Stopped e) {
      o.println(e.getMessage() + ": " + Checkpoints.folder(out));
      o.flush();
      return Stop.exitStatus();
    } finally {
      Stop.removeOnStop(quietSpark);
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    ModelStore.save(t, target, twinnet.report.Charts.learningCurves(t.history()));
    Outputs.deleteOwn(Checkpoints.folder(out), Outputs.Kind.CHECKPOINT);
    o.printf("trained %d epoch(s) on %s (best %d): %s%n", t.history().size(),
        onSpark ? "spark (" + run.spark().master() + ")" : s.backend().id() + (run.stream() ? ", streaming" : ""),
        t.bestEpoch(), summary(t));
    if (onSpark) {
      o.printf("spark: %.1f s in all, Spark's start and the first pass included%n", secs);
    } else if (run.stream()) {
      o.printf("streaming: %.0f training rows/s over the whole run (%.1f s)%n", rows[0] / secs, secs);
    }
    if (t.classes() != null) { // accuracy and the confusion matrix on the validation rows
      twinnet.train.Classification c = t.classes().classification();
      o.printf("%s accuracy %.4f (%d rows); confusion matrix:%n", t.classes().split(), c.accuracy(),
          t.classes().rows());
      List<String> classes = run.targets().size() == 1 ? List.of(run.targets().get(0) + "=0",
          run.targets().get(0) + "=1") : run.targets();
      c.lines(classes).forEach(l -> o.println("  " + l));
    }
    o.println("model: " + out);
    return 0;
  }

  /** The run the options describe, its sizes checked before anything is read. */
  private Checkpoints.Run freshRun() {
    if (data == null) {
      throw new IllegalArgumentException("--data is required (or --resume to continue a run)");
    }
    Resources.requireRange("--epochs", epochs, 1, Resources.MAX_STEPS);
    Resources.requireRange("--patience", patience, 0, Resources.MAX_STEPS);
    Resources.requireRange("--batch-size", batch, 1, Integer.MAX_VALUE);
    Resources.requireRange("--workers", workers, 0, 10_000);
    Resources.requireRange("--averaging-frequency", averagingFrequency, 1, Resources.MAX_STEPS);
    Resources.requireRange("--max-scratch-numbers", maxScratch, 1, Long.MAX_VALUE);
    if (!(l2 >= 0) || !Double.isFinite(l2)) {
      throw new IllegalArgumentException("--l2 must be 0 or a positive number, got " + l2);
    }
    if (hiddenSizes.length + 1 > Resources.MAX_DEPTH) {
      Resources.requireLayers("--hidden-layers", new int[hiddenSizes.length + 2]);
    }
    twinnet.train.Backend kind = twinnet.train.Backend.parse(backend);
    boolean spark = kind == twinnet.train.Backend.SPARK;
    boolean uri = data.contains("://") || data.startsWith("file:");
    if (uri && !spark) {
      throw new IllegalArgumentException("--data " + data + ": only the spark backend reads URIs; give a local "
          + "path, or use --backend spark");
    }
    if (spark && model.loss.classifier()) {
      throw new IllegalArgumentException("--loss " + model.loss.id() + " is not on the spark backend yet (it standardises the "
          + "targets, which a classifier reads as labels): train it with --backend scratch or dl4j");
    }
    if (spark && keepProb != null) {
      throw new IllegalArgumentException("--keep-prob is not on the spark backend (each worker would draw its own "
          + "masks): train with dropout on --backend scratch or dl4j");
    }
    if (spark && batchNorm) {
      throw new IllegalArgumentException("--batch-norm is not on the spark backend (each worker would keep its own "
          + "running averages, and averaging them is not the running average): use --backend scratch or dl4j");
    }
    double[] keep = keepProb;
    if (keep != null && keep.length == 1 && hiddenSizes.length > 1) { // one value for every hidden layer
      keep = new double[hiddenSizes.length];
      java.util.Arrays.fill(keep, keepProb[0]);
    }
    if (keep != null && hiddenSizes.length == 0) {
      throw new IllegalArgumentException("--keep-prob drops units of hidden layers, and there are none: give "
          + "--hidden-layers, or drop --keep-prob");
    }
    TrainSettings settings = new TrainSettings(kind, hiddenSizes, model.hidden, model.output, model.loss,
        Optimizer.of(Optimizer.Kind.parse(optimizer)).withL2(l2), model.learningRate(0.001),
        batch, epochs, validation, seed, patience, Initializer.HE, maxScratch, keep,
        batchNorm ? twinnet.model.BatchNorm.DEFAULT : null);
    List<String> header = uri ? twinnet.train.SparkService.load().header(data) : CsvData.header(Path.of(data));
    List<List<String>> columns = CsvData.columns(Path.of(data), header, features, targets);
    int[] layers = settings.spec(columns.get(0).size(), columns.get(1).size()).layers();
    Resources.requireLayers("--hidden-layers with " + columns.get(0).size() + " feature(s) and "
        + columns.get(1).size() + " target(s)", layers);
    return new Checkpoints.Run(settings, uri ? data : Path.of(data).toAbsolutePath().toString(), columns.get(0),
        columns.get(1), spark ? new SparkSettings(master != null ? master
            : System.getProperty("spark.master", "local[2]"), trainingMaster, workers, averagingFrequency) : null,
        stream, uri ? null : Checkpoints.checksum(Path.of(data)));
  }

  /** --resume continues the run as it was started: an option that the checkpoint would override is refused. */
  private void refuseOverriddenOptions() {
    List<String> given = spec.commandLine().getParseResult().matchedOptions().stream()
        .map(o -> o.longestName()).filter(n -> !RESUME_OPTIONS.contains(n)).toList();
    if (!given.isEmpty()) {
      throw new IllegalArgumentException("--resume continues the run with the data and settings in its checkpoint; "
          + String.join(", ", given) + (given.size() == 1 ? " would be" : " would be") + " ignored: drop "
          + (given.size() == 1 ? "it" : "them") + " (only --out, --checkpoint-every and --overwrite go with --resume)");
    }
    if (out != null && !out.toAbsolutePath().normalize().equals(resumeDir.toAbsolutePath().normalize())) {
      throw new IllegalArgumentException("--resume DIR writes the model to DIR; drop --out or make it the same");
    }
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
    List<String> header = CsvData.header(run.dataPath());
    List<String> expected = new java.util.ArrayList<>(run.features());
    expected.addAll(run.targets());
    if (!header.equals(expected)) {
      throw new IllegalArgumentException("--stream reads every column in order, features first and targets "
          + "last; the file's columns are " + header + ", the run asks for " + expected);
    }
  }

  /** The last epoch's metrics, in one line. */
  static String summary(Trainer.Trained t) {
    twinnet.train.Epoch last = t.history().get(t.history().size() - 1);
    return String.format("train MSE %.6g, validation MSE %.6g, R² %.4f", last.train().mse(), last.validation().mse(),
        last.validation().r2());
  }
}
