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
import twinnet.compare.Harness;
import twinnet.compare.TensorDiff;
import twinnet.data.Dataset;
import twinnet.model.Activation;
import twinnet.model.Initializer;
import twinnet.model.Loss;
import twinnet.model.Matrix;
import twinnet.model.Optimizer;

/** One training API over both backends: same settings, same trajectory; models that convert exactly. */
class TrainTest {
  @TempDir
  Path dir;

  static Dataset data(int m, long seed) {
    Random r = new Random(seed);
    double[] x = new double[2 * m];
    double[] y = new double[m];
    for (int j = 0; j < m; j++) {
      double a = 2 * r.nextDouble() - 1;
      double b = 2 * r.nextDouble() - 1;
      x[j] = a;
      x[m + j] = b;
      y[j] = 3 * a * a + 3 * a + b + 0.05 * r.nextGaussian();
    }
    return new Dataset("q", Matrix.of(2, m, x), Matrix.of(1, m, y));
  }

  static TrainSettings settings(String backend, Optimizer o, int batch, int patience) {
    return new TrainSettings(Backend.parse(backend), new int[] {8, 8}, Activation.TANH, Activation.IDENTITY,
        Loss.HALF_MSE, o,
        o.kind() == Optimizer.Kind.GD ? 0.05 : 0.01, batch, 12, 0.25, 3, patience, Initializer.HE, 20_000_000);
  }

  @Test
  void bothBackendsFollowTheSameTrajectoryForEveryOptimizer() {
    Dataset d = data(160, 1);
    for (Optimizer o : new Optimizer[] {Optimizer.GD, Optimizer.of(Optimizer.Kind.NESTEROV),
        Optimizer.of(Optimizer.Kind.ADAM_DL4J), Optimizer.GD.withL2(0.3)}) {
      int batch = o.l2() > 0 ? 40 : 32; // L2 on DL4J needs one batch size (120 training rows = 3 × 40)
      Trainer.Trained s = Trainer.train(settings("scratch", o, batch, 0), d, List.of("a", "b"), List.of("y"),
          (e, k, n, c) -> { });
      Trainer.Trained t = Trainer.train(settings("dl4j", o, batch, 0), d, List.of("a", "b"), List.of("y"),
          (e, k, n, c) -> { });
      for (int e = 0; e < 12; e++) {
        assertThat(TensorDiff.ofScalar("loss", s.history().get(e).trainLoss(), t.history().get(e).trainLoss())
            .relativeError()).as(o.kind() + " epoch " + (e + 1)).isLessThan(1e-9);
      }
      assertThat(Harness.parameterDiffs(s.network().parameters(), t.network().parameters()))
          .allMatch(x -> x.relativeError() < 1e-9);
      assertThat(s.history().get(11).train().mse()).isLessThan(s.history().get(0).train().mse());
    }
  }

  @Test
  void earlyStoppingKeepsTheBestEpoch() {
    Trainer.Trained t = Trainer.train(new TrainSettings(Backend.SCRATCH, new int[] {8}, Activation.TANH, Activation.IDENTITY,
        Loss.HALF_MSE, Optimizer.GD, 3.0, 8, 60, 0.25, 3, 2, Initializer.HE, 20_000_000), data(80, 2),
        List.of("a", "b"), List.of("y"), (e, k, n, c) -> { });
    double best = t.history().stream().mapToDouble(e -> e.validation().mse()).min().orElseThrow();
    assertThat(t.history().get(t.bestEpoch() - 1).validation().mse()).isEqualTo(best);
    assertThat(t.history().size()).isLessThanOrEqualTo(t.bestEpoch() + 2);
  }

  @Test
  void convertedModelsPredictTheSameWithin1eMinus12() {
    Dataset d = data(100, 3);
    for (String backend : List.of("scratch", "dl4j")) {
      Trainer.Trained t = Trainer.train(settings(backend, Optimizer.of(Optimizer.Kind.ADAM_DL4J), 25, 0), d,
          List.of("a", "b"), List.of("y"), (e, k, n, c) -> { });
      Path m = dir.resolve(backend);
      ModelStore.save(t, m, false);
      assertThat(m.resolve(backend.equals("dl4j") ? "model.zip" : "weights.json")).isNotEmptyFile();
      Path there = dir.resolve(backend + "-converted");
      Path back = dir.resolve(backend + "-back");
      ModelStore.convert(m, there, false);
      ModelStore.convert(there, back, false);
      Matrix p0 = t.predict(d.X());
      for (Path p : List.of(m, there, back)) {
        ModelStore.Loaded l = ModelStore.load(p);
        assertThat(TensorDiff.of("ŷ", 0, l.predict(d.X()), p0).relativeError()).as(p.toString()).isLessThan(1e-12);
      }
      assertThat(ModelStore.load(there).backend().id()).isNotEqualTo(backend);
      assertThat(ModelStore.load(back).network().parameters()).isEqualTo(t.network().parameters());
    }
  }

  @Test
  void whatTheBackendsCannotDoIsRefusedClearly() throws IOException {
    Dataset d = data(100, 4);
    TrainSettings tooBig = new TrainSettings(Backend.SCRATCH, new int[] {4}, Activation.TANH, Activation.IDENTITY,
        Loss.HALF_MSE, Optimizer.GD, 0.05, 10, 1, 0.2, 1, 0, Initializer.HE, 100);
    assertThatThrownBy(() -> Trainer.train(tooBig, d, List.of("a", "b"), List.of("y"), (e, k, n, c) -> { }))
        .hasMessageContaining("use --backend dl4j");
    TrainSettings l2Odd = settings("dl4j", Optimizer.GD.withL2(0.1), 7, 0);
    assertThatThrownBy(() -> Trainer.train(l2Odd, d, List.of("a", "b"), List.of("y"), (e, k, n, c) -> { }))
        .hasMessageContaining("L2 on the dl4j backend needs batches of one size");
    Dataset constant = new Dataset("c", d.X(), d.Y().map(v -> 4.0));
    assertThatThrownBy(() -> Trainer.train(settings("scratch", Optimizer.GD, 10, 0), constant, List.of("a", "b"),
        List.of("y"), (e, k, n, c) -> { })).hasMessageContaining("target column \"y\" is constant");
    TrainSettings wild = new TrainSettings(Backend.SCRATCH, new int[] {8}, Activation.IDENTITY, Activation.IDENTITY,
        Loss.HALF_MSE, Optimizer.GD, 50, 10, 5, 0.2, 1, 0, Initializer.HE, 20_000_000);
    assertThatThrownBy(() -> Trainer.train(wild, d, List.of("a", "b"), List.of("y"), (e, k, n, c) -> { }))
        .hasMessageContaining("training diverged").hasMessageContaining("lower the learning rate");
    Path m = dir.resolve("m");
    ModelStore.save(Trainer.train(settings("scratch", Optimizer.GD, 10, 0), d, List.of("a", "b"), List.of("y"),
        (e, k, n, c) -> { }), m, false);
    Path json = m.resolve("model.json");
    Files.writeString(json, Files.readString(json).replace("twinnet.model/1", "twinnet.model/0"));
    assertThatThrownBy(() -> ModelStore.load(m)).hasMessageContaining("format \"twinnet.model/0\"")
        .hasMessageContaining("retrain");
    assertThatThrownBy(() -> ModelStore.load(dir.resolve("nothing"))).hasMessageContaining("no model.json");
  }
}
