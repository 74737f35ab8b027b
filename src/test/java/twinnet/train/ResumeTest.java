package twinnet.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import twinnet.compare.Harness;
import twinnet.data.Dataset;
import twinnet.model.Optimizer;

/** A run stopped mid-epoch and resumed from its checkpoint ends where an uninterrupted run ends. */
class ResumeTest {
  @TempDir
  Path dir;

  private Trainer.Trained interruptedThenResumed(String backend, Optimizer o, Dataset d, int stopAtStep) {
    TrainSettings s = TrainTest.settings(backend, o, 20, 0);
    Path out = dir.resolve(backend + "-" + o.kind().id());
    Checkpoints.Run run = new Checkpoints.Run(s, dir.resolve("data.csv"), List.of("a", "b"), List.of("y"));
    int[] steps = {0};
    assertThatThrownBy(() -> Trainer.train(s, d, run.features(), run.targets(), (e, k, n, c) -> steps[0]++,
        new Trainer.Control(2, st -> Checkpoints.save(out, run, st), () -> steps[0] == stopAtStep, null)))
        .isInstanceOf(Trainer.Stopped.class).hasMessageContaining("continue with --resume");
    Trainer.State[] st = {null};
    Checkpoints.Run back = Checkpoints.load(out, x -> st[0] = x);
    assertThat(back.settings().epochs()).isEqualTo(s.epochs());
    return Trainer.train(back.settings(), d, back.features(), back.targets(), (e, k, n, c) -> { },
        new Trainer.Control(0, x -> { }, () -> false, st[0]));
  }

  @Test
  void scratchResumesBitIdenticallyAndDl4jWithin1eMinus12() {
    Dataset d = TrainTest.data(160, 7);
    for (Optimizer o : new Optimizer[] {Optimizer.GD, Optimizer.of(Optimizer.Kind.ADAM_DL4J)}) {
      for (String backend : List.of("scratch", "dl4j")) {
        Trainer.Trained whole = Trainer.train(TrainTest.settings(backend, o, 20, 0), d, List.of("a", "b"),
            List.of("y"), (e, k, n, c) -> { });
        Trainer.Trained resumed = interruptedThenResumed(backend, o, d, 37); // epoch 7 of 12, step 1 of 6
        if (backend.equals("scratch")) {
          assertThat(resumed.network().parameters()).as(o.kind().id()).isEqualTo(whole.network().parameters());
        } else {
          assertThat(Harness.parameterDiffs(resumed.network().parameters(), whole.network().parameters()))
              .as(o.kind().id()).allMatch(x -> x.relativeError() <= 1e-12);
        }
        assertThat(resumed.history()).hasSize(12);
        assertThat(resumed.history().get(11).trainLoss()).isEqualTo(whole.history().get(11).trainLoss());
      }
    }
  }

  @Test
  void noCheckpointIsAClearError() {
    assertThatThrownBy(() -> Checkpoints.load(dir.resolve("none"), x -> { }))
        .hasMessageContaining("no checkpoint at").hasMessageContaining("--checkpoint-every");
  }
}
