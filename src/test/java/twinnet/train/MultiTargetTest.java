package twinnet.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import twinnet.data.CsvData;
import twinnet.data.Dataset;
import twinnet.model.Activation;
import twinnet.model.Initializer;
import twinnet.model.Loss;
import twinnet.model.Matrix;
import twinnet.model.Optimizer;

/**
 * Two targets of very different means (y1 around 0, y2 around 1000): R² must take each around its own mean,
 * on every backend. Streaming once pooled the two into one mean, which makes SST huge and R² close to 1
 * whatever the model; this test, written from the definition, catches that.
 */
public class MultiTargetTest {
  @TempDir
  Path dir;

  public static Path csv(Path dir) throws IOException {
    Random r = new Random(9);
    StringBuilder sb = new StringBuilder("x1,x2,y1,y2\n");
    for (int i = 0; i < 300; i++) {
      double a = 2 * r.nextDouble() - 1;
      double b = 2 * r.nextDouble() - 1;
      sb.append(a).append(',').append(b).append(',').append(a + b + 0.3 * r.nextGaussian()).append(',')
          .append(1000 + 3 * a + 0.5 * r.nextGaussian()).append('\n');
    }
    return Files.writeString(dir.resolve("two.csv"), sb.toString());
  }

  /** R² = 1 − SSE/SST, SST = Σ over targets of Σ (y − ȳ_target)², written out here from the definition. */
  public static double r2(Matrix pred, Matrix y) {
    double sse = 0;
    double sst = 0;
    for (int i = 0; i < y.rows(); i++) {
      double mean = 0;
      for (int j = 0; j < y.cols(); j++) {
        mean += y.get(i, j) / y.cols();
      }
      for (int j = 0; j < y.cols(); j++) {
        sse += Math.pow(pred.get(i, j) - y.get(i, j), 2);
        sst += Math.pow(y.get(i, j) - mean, 2);
      }
    }
    return 1 - sse / sst;
  }

  static TrainSettings settings(String backend) {
    return new TrainSettings(twinnet.train.Backend.parse(backend), new int[] {8}, Activation.TANH, Activation.IDENTITY, Loss.HALF_MSE,
        Optimizer.of(Optimizer.Kind.ADAM_DL4J), 0.01, 30, 3, 0, 4, 0, Initializer.HE, 20_000_000);
  }

  @Test
  void rSquaredIsPerTargetOnEveryBackend() throws IOException {
    Path p = csv(dir);
    List<String> xs = List.of("x1", "x2");
    List<String> ys = List.of("y1", "y2");
    Dataset all = CsvData.read(p, xs, ys);
    for (String backend : List.of("scratch", "dl4j", "stream")) {
      Trainer.Trained t = backend.equals("stream")
          ? StreamingTrainer.train(settings("dl4j"), p, xs, ys, (e, k, n, c) -> { })
          : Trainer.train(settings(backend), all, xs, ys, (e, k, n, c) -> { });
      Epoch last = t.history().get(t.history().size() - 1);
      double expected = r2(t.predict(all.X()), all.Y()); // every row is a training row (validation 0)
      assertThat(last.train().r2()).as(backend).isCloseTo(expected, within(1e-9));
      // a pooled mean would make SST ~ 150·1000² and R² ≈ 1 regardless: this model is not that good
      assertThat(expected).as(backend).isLessThan(0.999);
    }
  }
}
