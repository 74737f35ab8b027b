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
    return new TrainSettings(backend, new int[] {16, 16}, Activation.TANH, Activation.IDENTITY, Loss.HALF_MSE,
        Optimizer.of(Optimizer.Kind.ADAM_DL4J), 0.01, 64, 15, 0.2, 5, 0, Initializer.HE, 20_000_000);
  }

  @Test
  void theReaderKeepsDoublesAndSplitsRowsBySeed() throws IOException {
    Path p = csv(1000);
    var train = StreamingTrainer.iterator(p, 2, 1, 100, 5, 0.2, false);
    var val = StreamingTrainer.iterator(p, 2, 1, 100, 5, 0.2, true);
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
  void onlyTheDl4jBackendStreams() throws IOException {
    Path p = csv(100);
    assertThatThrownBy(() -> StreamingTrainer.train(settings("scratch"), p, List.of("a", "b"), List.of("y"),
        (e, k, n, c) -> { })).hasMessageContaining("use --backend dl4j with --stream");
  }
}
