package twinnet.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import twinnet.compare.TensorDiff;
import twinnet.model.Activation;
import twinnet.model.Initializer;
import twinnet.model.Loss;
import twinnet.model.Optimizer;
import twinnet.model.Parameters;
import twinnet.train.Checkpoints;
import twinnet.train.ModelStore;
import twinnet.train.SparkSettings;
import twinnet.train.StreamingTrainer;
import twinnet.train.TrainSettings;
import twinnet.train.Trainer;

/** The spark backend in local mode: quality against one machine, a worker failure, the model it writes. */
class SparkTrainerTest {
  static final SparkSettings LOCAL = new SparkSettings("local[2]", "averaging", 2, 5);
  static JavaSparkContext sc;

  @TempDir
  static Path dir;

  @BeforeAll
  static void start() {
    sc = Spark.open(LOCAL);
  }

  @AfterAll
  static void stop() {
    sc.close();
  }

  /** y = Σ 3x² + 3x + N(0, 0.1²) over x ~ U(−1, 1), as {@code twinnet generate} writes it. */
  static Path csv(Path dir, String name, int rows, int features, long seed) throws IOException {
    Path p = dir.resolve(name);
    Random r = new Random(seed);
    StringBuilder sb = new StringBuilder();
    for (int f = 1; f <= features; f++) {
      sb.append('x').append(f).append(',');
    }
    sb.append("y\n");
    for (int i = 0; i < rows; i++) {
      double y = 0;
      for (int f = 0; f < features; f++) {
        double x = 2 * r.nextDouble() - 1;
        y += 3 * x * x + 3 * x;
        sb.append(x).append(',');
      }
      sb.append(y + 0.1 * r.nextGaussian()).append('\n');
    }
    Files.writeString(p, sb);
    return p;
  }

  static TrainSettings settings(String backend, int epochs, int batch, double lr) {
    return new TrainSettings(twinnet.train.Backend.parse(backend), new int[] {16, 16}, Activation.RELU, Activation.IDENTITY, Loss.HALF_MSE,
        Optimizer.of(Optimizer.Kind.ADAM_DL4J), lr, batch, epochs, 0.2, 1, 0, Initializer.HE, 20_000_000);
  }

  static Checkpoints.Run run(TrainSettings s, Path data, int features) {
    return run(s, data, features, LOCAL);
  }

  static Checkpoints.Run run(TrainSettings s, Path data, int features, SparkSettings where) {
    List<String> xs = new java.util.ArrayList<>();
    for (int f = 1; f <= features; f++) {
      xs.add("x" + f);
    }
    return new Checkpoints.Run(s, data.toString(), xs, List.of("y"), where);
  }

  @Test
  void reachesTheValidationErrorOfOneMachineOnAHundredThousandRows() throws IOException {
    // the seed's function, y = 3x² + 3x, on x ~ U(−1, 1) with noise N(0, 0.1²): the best MSE is 0.01
    Path data = csv(dir, "large.csv", 100_000, 1, 11);
    TrainSettings spark = settings("spark", 5, 256, 0.003);
    Trainer.Trained onSpark = SparkTrainer.train(sc, run(spark, data, 1), LOCAL, (e, s, n, c) -> { },
        Trainer.Control.NONE);
    // the streaming dl4j backend picks the same validation rows (a hash of seed and row)
    Trainer.Trained oneMachine = StreamingTrainer.train(settings("dl4j", 5, 256, 0.003), data, List.of("x1"),
        List.of("y"), (e, s, n, c) -> { });
    double vSpark = last(onSpark).validation().mse();
    double vOne = last(oneMachine).validation().mse();
    System.out.printf("validation MSE after 5 epochs: spark %.6f, one machine %.6f%n", vSpark, vOne);
    assertThat(vSpark).isBetween(0.9 * vOne, 1.1 * vOne);
    assertThat(vSpark).isLessThan(0.02); // and it learned: Var(y) ≈ 3.8, the noise's 0.01
    // same split, same standardisation (the training rows' statistics) as the streaming backend
    assertThat(onSpark.standardizer().meanX()[0]).isCloseTo(oneMachine.standardizer().meanX()[0],
        org.assertj.core.data.Offset.offset(1e-9));
    assertThat(onSpark.standardizer().sdY()[0]).isCloseTo(oneMachine.standardizer().sdY()[0],
        org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void rSquaredIsPerTargetAsOnTheOtherBackends() throws IOException {
    // two targets of very different means (MultiTargetTest's data): each around its own mean
    Path data = twinnet.train.MultiTargetTest.csv(dir);
    TrainSettings s = new TrainSettings(twinnet.train.Backend.SPARK, new int[] {8}, Activation.TANH, Activation.IDENTITY, Loss.HALF_MSE,
        Optimizer.of(Optimizer.Kind.ADAM_DL4J), 0.01, 30, 2, 0, 4, 0, Initializer.HE, 20_000_000);
    Trainer.Trained t = SparkTrainer.train(sc, new Checkpoints.Run(s, data.toString(), List.of("x1", "x2"),
        List.of("y1", "y2"), LOCAL), LOCAL, (e, st, n, c) -> { }, Trainer.Control.NONE);
    twinnet.data.Dataset all = twinnet.data.CsvData.read(data, List.of("x1", "x2"), List.of("y1", "y2"));
    double expected = twinnet.train.MultiTargetTest.r2(t.predict(all.X()), all.Y());
    assertThat(last(t).train().r2()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(expected).isLessThan(0.999);
  }

  static twinnet.train.Epoch last(Trainer.Trained t) {
    return t.history().get(t.history().size() - 1);
  }

  @Test
  void theModelIsAnOrdinaryDl4jModel() throws IOException {
    Path data = csv(dir, "model.csv", 2000, 2, 5);
    List<double[]> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
    Trainer.Trained t = SparkTrainer.train(sc, run(settings("spark", 2, 64, 0.01), data, 2), LOCAL,
        (e, st, n, c) -> progress.add(new double[] {e, st, n, c}), Trainer.Control.NONE);
    // progress within each epoch: one call per averaging round (cost unknown yet), then the epoch's end
    assertThat(progress.stream().filter(p -> p[0] == 1 && Double.isNaN(p[3])).count()).isGreaterThanOrEqualTo(2);
    assertThat(progress.stream().filter(p -> !Double.isNaN(p[3])).map(p -> (int) p[0]).toList())
        .containsExactly(1, 2);
    Path out = dir.resolve("model");
    ModelStore.save(t, out, false);
    ModelStore.Loaded l = ModelStore.load(out);
    assertThat(l.backend().id()).isEqualTo("dl4j");
    assertThat(l.manifest().get("trainedOn").asText()).isEqualTo("spark");
    assertThat(org.deeplearning4j.util.ModelSerializer.restoreMultiLayerNetwork(out.resolve("model.zip").toFile())
        .numParams()).isEqualTo(2 * 16 + 16 + 16 * 16 + 16 + 16 + 1);
    twinnet.model.Matrix X = twinnet.data.CsvData.readColumns(data, List.of("x1", "x2"));
    assertThat(TensorDiff.of("pred", 0, l.predict(X), t.predict(X)).relativeError()).isLessThanOrEqualTo(1e-12);
  }

  @Test
  void aStoppedRunWritesACheckpointAndResumesFromIt() throws IOException {
    Path data = csv(dir, "resume.csv", 2000, 2, 8);
    Checkpoints.Run run = run(settings("spark", 3, 64, 0.01), data, 2);
    Path out = dir.resolve("resumed");
    int[] epochsSeen = {0};
    Trainer.Control stopAfterTwo = new Trainer.Control(0, st -> Checkpoints.save(out, run, st),
        () -> ++epochsSeen[0] == 2, null);
    assertThatThrownBy(() -> SparkTrainer.train(sc, run, LOCAL, (e, st, n, c) -> { }, stopAfterTwo))
        .isInstanceOf(Trainer.Stopped.class).hasMessageContaining("after epoch 2");
    Trainer.State[] state = {null};
    Checkpoints.Run back = Checkpoints.load(out, st -> state[0] = st);
    assertThat(back.spark()).isEqualTo(LOCAL);
    assertThat(back.data()).isEqualTo(run.data());
    assertThat(state[0].epoch()).isEqualTo(3);
    assertThat(state[0].history()).hasSize(2);
    Trainer.Trained t = SparkTrainer.train(sc, back, back.spark(), (e, st, n, c) -> { },
        new Trainer.Control(0, st -> { }, () -> false, state[0]));
    assertThat(t.history()).hasSize(3);
    assertThat(t.history().subList(0, 2)).isEqualTo(state[0].history());
    // to the uninterrupted run's model: same network, same splits of the data over the workers
    Trainer.Trained whole = SparkTrainer.train(sc, run, LOCAL, (e, st, n, c) -> { }, Trainer.Control.NONE);
    Parameters a = t.network().parameters();
    Parameters b = whole.network().parameters();
    for (int i = 0; i < a.tensors().size(); i++) {
      assertThat(TensorDiff.of("p", i, a.tensors().get(i).value(), b.tensors().get(i).value()).relativeError())
          .as(a.tensors().get(i).name() + a.tensors().get(i).layer()).isLessThanOrEqualTo(1e-12);
    }
  }

  @Test
  void gradientSharingTrainsToo() throws IOException {
    Path data = csv(dir, "sharing.csv", 2000, 2, 9);
    SparkSettings sharing = new SparkSettings("local[2]", "sharing", 2, 1);
    TrainSettings s = settings("spark", 1, 64, 0.01);
    Trainer.Trained t = SparkTrainer.train(sc, run(s, data, 2, sharing), sharing, (e, st, n, c) -> { },
        Trainer.Control.NONE);
    assertThat(t.history()).hasSize(1);
    assertThat(t.network().parameters().isFinite()).isTrue();
    Parameters start = twinnet.scratch.Initialization.initializeParametersDeep(t.spec().layers(), Initializer.HE, 1);
    assertThat(TensorDiff.of("W1", 1, t.network().parameters().W(1), start.W(1)).relativeError())
        .as("the workers' updates reached the model").isGreaterThan(1e-6);
  }

  @Test
  void theBatchesAreExportedWhereEveryWorkerCanReadThemAndLargeDataIsRefusedWhereNot() {
    // a local master, a cluster on this machine, a shared file system: written once, fitted round by round
    assertThat(SparkTrainer.feed("local[2,4]", true, false, "file:///", "averaging", 10_000_000))
        .isEqualTo(SparkTrainer.Feed.ROUNDS);
    assertThat(SparkTrainer.feed("spark://127.0.0.1:7077", false, false, "file:///", "averaging", 10_000_000))
        .isEqualTo(SparkTrainer.Feed.ROUNDS);
    assertThat(SparkTrainer.feed("spark://10.0.0.5:7077", false, true, "hdfs://nn:8020", "averaging", 10_000_000))
        .isEqualTo(SparkTrainer.Feed.ROUNDS);
    // gradient sharing keeps DL4J's own approaches
    assertThat(SparkTrainer.feed("local[2]", true, true, "file:///", "sharing", 10_000)).isEqualTo(SparkTrainer.Feed.EXPORT);
    // machines that do not share a file system: small data split directly, large data refused with the fix
    assertThat(SparkTrainer.feed("spark://10.0.0.5:7077", false, false, "file:///", "averaging", 20_000))
        .isEqualTo(SparkTrainer.Feed.DIRECT);
    assertThatThrownBy(() -> SparkTrainer.feed("spark://10.0.0.5:7077", false, false, "file:///", "averaging",
        80_000)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fs.defaultFS = file:///")
        .hasMessageContaining("all 80000 training rows once per averaging round")
        .hasMessageContaining("--conf spark.hadoop.fs.defaultFS=hdfs://");
    assertThat(Spark.onThisMachine("spark://localhost:7077,127.0.0.2:7078")).isTrue();
    assertThat(Spark.onThisMachine("spark://127.0.0.1:7077,10.0.0.5:7077")).isFalse();
  }

  @Test
  void anUnreachableMasterFailsWithItsName() {
    assertThatThrownBy(() -> Spark.checkReachable("spark://127.0.0.1:1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot reach the Spark master spark://127.0.0.1:1");
    assertThatThrownBy(() -> Spark.checkReachable("spark://nohost"))
        .hasMessageContaining("has no port");
    assertThatThrownBy(() -> new SparkSettings("sparky://x:1", "averaging", 0, 1))
        .hasMessageContaining("not a Spark master URL");
  }

  static String[] cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int rc = twinnet.cli.Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new String[] {String.valueOf(rc), out.toString(), err.toString()};
  }
}
