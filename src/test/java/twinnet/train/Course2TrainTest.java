package twinnet.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import twinnet.compare.Harness;
import twinnet.compare.TensorDiff;
import twinnet.data.Dataset;
import twinnet.model.Activation;
import twinnet.model.BatchNorm;
import twinnet.model.Initializer;
import twinnet.model.Loss;
import twinnet.model.Matrix;
import twinnet.model.Optimizer;

/**
 * {@code train --keep-prob} and {@code --batch-norm}: both backends train the same model, a resumed run
 * continues it (the masks it would have drawn, the running averages it had), saved models predict the same.
 */
class Course2TrainTest {
  @TempDir
  Path dir;

  private static TrainSettings settings(String backend, double[] keep) {
    return settings(backend, keep, null);
  }

  private static TrainSettings settings(String backend, double[] keep, BatchNorm bn) {
    return new TrainSettings(twinnet.train.Backend.parse(backend), new int[] {8, 8}, Activation.RELU, Activation.IDENTITY, Loss.HALF_MSE,
        Optimizer.of(Optimizer.Kind.ADAM_DL4J), 0.01, 20, 12, 0.25, 3, 0, Initializer.HE, 20_000_000, keep, bn);
  }

  private static Trainer.Trained train(TrainSettings s, Dataset d) {
    return Trainer.train(s, d, List.of("a", "b"), List.of("y"), (e, k, n, c) -> { });
  }

  @Test
  void bothBackendsTrainTheSameDropoutNetworkAndItDiffersFromTheOneWithout() {
    Dataset d = TrainTest.data(160, 4);
    double[] keep = {0.8, 0.6};
    Trainer.Trained s = train(settings("scratch", keep), d);
    Trainer.Trained t = train(settings("dl4j", keep), d);
    assertThat(s.spec().hasDropout()).isTrue();
    assertThat(Harness.parameterDiffs(s.network().parameters(), t.network().parameters()))
        .allMatch(x -> x.relativeError() < 1e-9);
    for (int e = 0; e < 12; e++) {
      assertThat(TensorDiff.ofScalar("loss", s.history().get(e).trainLoss(), t.history().get(e).trainLoss())
          .relativeError()).as("epoch " + (e + 1)).isLessThan(1e-9);
    }
    Trainer.Trained none = train(settings("scratch", null), d);
    assertThat(Harness.parameterDiffs(s.network().parameters(), none.network().parameters()))
        .anyMatch(x -> x.relativeError() > 1e-3);
    // predictions drop nothing: twice the same
    assertThat(s.predict(d.X())).isEqualTo(s.predict(d.X()));
  }

  @Test
  void batchNormTrainsTheSameOnBothBackends() {
    Dataset d = TrainTest.data(160, 4);
    Trainer.Trained s = train(settings("scratch", null, BatchNorm.DEFAULT), d);
    Trainer.Trained t = train(settings("dl4j", null, BatchNorm.DEFAULT), d);
    assertThat(s.network().parameters().hasNorms()).isTrue();
    // W, γ, β and the running averages (the latter only move in training steps)
    assertThat(Harness.parameterDiffs(s.network().parameters(), t.network().parameters()))
        .allMatch(x -> x.relativeError() < 1e-9);
    assertThat(s.network().parameters().norm(1).mean().norm()).isPositive();
    assertThat(TensorDiff.of("ŷ", 0, s.predict(d.X()), t.predict(d.X())).relativeError()).isLessThan(1e-9);
  }

  @Test
  void aResumedRunDrawsTheMasksTheWholeRunWould() {
    Dataset d = TrainTest.data(160, 7);
    for (String backend : List.of("scratch", "dl4j")) {
      TrainSettings s = settings(backend, new double[] {0.7, 0.9}, BatchNorm.DEFAULT);
      Trainer.Trained whole = train(s, d);
      Path out = dir.resolve(backend);
      Checkpoints.Run run = new Checkpoints.Run(s, dir.resolve("data.csv"), List.of("a", "b"), List.of("y"));
      int[] steps = {0};
      assertThatThrownBy(() -> Trainer.train(s, d, run.features(), run.targets(), (e, k, n, c) -> steps[0]++,
          new Trainer.Control(0, st -> Checkpoints.save(out, run, st), () -> steps[0] == 23, null)))
          .isInstanceOf(Trainer.Stopped.class);
      Trainer.State[] st = {null};
      Checkpoints.Run back = Checkpoints.load(out, x -> st[0] = x);
      assertThat(back.settings().keepProb()).containsExactly(0.7, 0.9);
      Trainer.Trained resumed = Trainer.train(back.settings(), d, back.features(), back.targets(),
          (e, k, n, c) -> { }, new Trainer.Control(0, x -> { }, () -> false, st[0]));
      if (backend.equals("scratch")) {
        assertThat(resumed.network().parameters()).isEqualTo(whole.network().parameters());
      } else {
        assertThat(Harness.parameterDiffs(resumed.network().parameters(), whole.network().parameters()))
            .allMatch(x -> x.relativeError() <= 1e-12);
      }
    }
  }

  @Test
  void savedConvertedAndReadBackTheyPredictTheSame() {
    Dataset d = TrainTest.data(100, 3);
    for (String backend : List.of("scratch", "dl4j")) {
      Trainer.Trained t = train(settings(backend, new double[] {0.5, 0.5}, BatchNorm.DEFAULT), d);
      Path m = dir.resolve("m-" + backend);
      ModelStore.save(t, m, false);
      Path there = dir.resolve("m-" + backend + "-converted");
      ModelStore.convert(m, there, false);
      Matrix p0 = t.predict(d.X());
      for (Path p : List.of(m, there)) {
        ModelStore.Loaded l = ModelStore.load(p);
        assertThat(l.spec()).as("model.json keeps the dropout and the batch norm").isEqualTo(t.spec());
        assertThat(l.network().parameters()).isEqualTo(t.network().parameters());
        assertThat(TensorDiff.of("ŷ", 0, l.predict(d.X()), p0).relativeError()).as(p.toString()).isLessThan(1e-12);
      }
    }
  }

  @Test
  void keepProbabilitiesAreChecked() {
    assertThatThrownBy(() -> settings("scratch", new double[] {0.5})).hasMessageContaining("--keep-prob gives 1");
    assertThatThrownBy(() -> settings("scratch", new double[] {0.5, 0})).hasMessageContaining("--keep-prob")
        .hasMessageContaining("(0, 1]");
  }
}
