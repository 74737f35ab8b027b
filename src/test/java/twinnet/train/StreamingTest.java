package twinnet.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import twinnet.data.CsvData;
import twinnet.data.Dataset;
import twinnet.model.Activation;
import twinnet.model.Initializer;
import twinnet.model.Loss;
import twinnet.model.Optimizer;

/** The DL4J backend streaming a CSV through DataVec: doubles all the way, a seeded split, a model that learns. */
class StreamingTest {
  @TempDir
  Path dir;

  private Path csv(int rows) throws IOException {
    Random r = new Random(3);
    StringBuilder sb = new StringBuilder("a,b,y\n");
    for (int i = 0; i < rows; i++) {
      double a = 2 * r.nextDouble() - 1;
      double b = 2 * r.nextDouble() - 1;
      sb.append(a).append(',').append(b).append(',').append(3 * a * a + 3 * a + b).append('\n');
    }
    Path p = dir.resolve("s.csv");
    Files.writeString(p, sb.toString());
    return p;
  }

  private static TrainSettings settings(String backend) {
    return new TrainSettings(twinnet.train.Backend.parse(backend), new int[] {16, 16}, Activation.TANH, Activation.IDENTITY, Loss.HALF_MSE,
        Optimizer.of(Optimizer.Kind.ADAM_DL4J), 0.01, 64, 15, 0.2, 5, 0, Initializer.HE, 20_000_000);
  }

  @Test
  void theReaderKeepsDoublesAndSplitsRowsBySeed() throws IOException {
    Path p = csv(1000);
    var train = StreamingTrainer.iterator(p, List.of("a", "b", "y"), 2, 1, 100, 5, 0.2, false).it();
    var val = StreamingTrainer.iterator(p, List.of("a", "b", "y"), 2, 1, 100, 5, 0.2, true).it();
    long nTrain = 0;
    while (train.hasNext()) {
      DataSet ds = train.next();
      assertThat(ds.getFeatures().dataType()).isEqualTo(DataType.DOUBLE); // DataVec's batched path gives FLOAT
      nTrain += ds.numExamples();
    }
    long nVal = 0;
    while (val.hasNext()) {
      nVal += val.next().numExamples();
    }
    assertThat(nTrain + nVal).isEqualTo(1000);
    assertThat(nVal).isBetween(150L, 250L);
    // the same rows on every pass
    val.reset();
    long again = 0;
    while (val.hasNext()) {
      again += val.next().numExamples();
    }
    assertThat(again).isEqualTo(nVal);
  }

  @Test
  void aStreamedModelLearnsAndServesLikeAnyOther() throws IOException {
    Path p = csv(3000);
    Trainer.Trained t = StreamingTrainer.train(settings("dl4j"), p, List.of("a", "b"), List.of("y"),
        (e, k, n, c) -> { });
    assertThat(t.history()).hasSize(15);
    assertThat(t.history().get(14).validation().r2()).isGreaterThan(0.9);
    assertThat(t.history().get(14).train().mse()).isLessThan(t.history().get(0).train().mse());
    Path m = dir.resolve("m");
    ModelStore.save(t, m, false);
    Dataset d = CsvData.read(p, List.of("a", "b"), List.of("y"));
    assertThat(Metrics.of(ModelStore.load(m).predict(d.X()), d.Y()).r2()).isGreaterThan(0.9);
  }

  @Test
  void aStoppedStreamingRunResumesToTheUninterruptedResultWithin1eMinus12() throws IOException {
    Path p = csv(1000); // 800 training rows: 13 batches of 64 an epoch
    TrainSettings s = settings("dl4j");
    List<String> xs = List.of("a", "b");
    List<String> ys = List.of("y");
    Trainer.Trained whole = StreamingTrainer.train(s, p, xs, ys, (e, k, n, c) -> { });
    Path out = dir.resolve("m");
    Checkpoints.Run run = new Checkpoints.Run(s, p.toString(), xs, ys, null, true);
    int[] steps = {0};
    assertThatThrownBy(() -> StreamingTrainer.train(s, p, xs, ys, (e, k, n, c) -> steps[0]++,
        new Trainer.Control(3, st -> Checkpoints.save(out, run, st), () -> steps[0] == 70, null)))
        .isInstanceOf(Trainer.Stopped.class).hasMessageContaining("epoch 6, step 5");
    Trainer.State[] st = {null};
    Checkpoints.Run back = Checkpoints.load(out, x -> st[0] = x);
    assertThat(back.stream()).isTrue();
    assertThat(st[0].history()).hasSize(5);
    Trainer.Trained resumed = StreamingTrainer.train(back.settings(), back.dataPath(), back.features(),
        back.targets(), (e, k, n, c) -> { }, new Trainer.Control(0, x -> { }, () -> false, st[0]));
    assertThat(twinnet.compare.Harness.parameterDiffs(resumed.network().parameters(), whole.network().parameters()))
        .allMatch(x -> x.relativeError() <= 1e-12);
    assertThat(resumed.history()).hasSize(15);
    assertThat(resumed.history().get(14).validation().mse())
        .isCloseTo(whole.history().get(14).validation().mse(), org.assertj.core.data.Percentage.withPercentage(1e-10));
  }

  @Test
  void earlyStoppingKeepsTheBestEpoch() throws IOException {
    Path p = csv(1000);
    TrainSettings base = settings("dl4j");
    // a learning rate too large to settle: validation loss rises after some epoch
    TrainSettings s = new TrainSettings(Backend.DL4J, base.hiddenSizes(), base.hidden(), base.output(), base.loss(),
        base.optimizer(), 0.3, 64, 15, 0.2, 5, 2, Initializer.HE, 20_000_000);
    Trainer.Trained t = StreamingTrainer.train(s, p, List.of("a", "b"), List.of("y"), (e, k, n, c) -> { });
    double best = t.history().stream().mapToDouble(e -> e.validation().mse()).min().orElseThrow();
    assertThat(t.history().get(t.bestEpoch() - 1).validation().mse()).isEqualTo(best);
    assertThat(t.history()).hasSizeLessThan(15); // it stopped early (after epoch 13, best 11, with these seeds)
    assertThat(t.history().size() - t.bestEpoch()).isEqualTo(2); // two epochs without a better validation loss
    // the returned network is the best epoch's
    Dataset all = CsvData.read(p, List.of("a", "b"), List.of("y"));
    int[] valRows = java.util.stream.IntStream.range(0, all.examples())
        .filter(i -> StreamingTrainer.isValidation(5, i, 0.2)).toArray();
    assertThat(Metrics.of(t.predict(all.X().selectColumns(valRows)), all.Y().selectColumns(valRows)).mse())
        .isCloseTo(best, org.assertj.core.data.Percentage.withPercentage(1e-7));
  }

  @Test
  void onlyTheDl4jBackendStreams() throws IOException {
    Path p = csv(100);
    assertThatThrownBy(() -> StreamingTrainer.train(settings("scratch"), p, List.of("a", "b"), List.of("y"),
        (e, k, n, c) -> { })).hasMessageContaining("use --backend dl4j with --stream");
  }
}
