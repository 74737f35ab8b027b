package twinnet.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import twinnet.io.JsonFile;
import twinnet.model.Activation;
import twinnet.model.BatchNorm;
import twinnet.model.Initializer;
import twinnet.model.Loss;
import twinnet.model.Optimizer;

/**
 * The settings are written and read in one place: every field survives the round trip, a model and a checkpoint
 * of one run hold the same settings object, and a model written before (flat settings) still loads.
 */
class SettingsJsonTest {
  @TempDir
  Path dir;

  static final ObjectMapper M = new ObjectMapper();

  /** Settings in which every field differs from its default. */
  static TrainSettings unusual() {
    return new TrainSettings(Backend.DL4J, new int[] {7, 3}, Activation.TANH, Activation.SIGMOID, Loss.BCE,
        new Optimizer(Optimizer.Kind.ADAM, 0.8, 0.85, 0.995, 1e-7, 0.02), 0.003, 17, 9, 0.3, 42, 2,
        Initializer.XAVIER, 12345, new double[] {0.9, 0.7}, new BatchNorm(1e-4, 0.8));
  }

  @Test
  void everyFieldSurvivesTheRoundTrip() throws Exception {
    ObjectNode written = SettingsJson.write(unusual());
    Path f = dir.resolve("s.json");
    Files.writeString(f, M.writeValueAsString(M.createObjectNode().set("settings", written)));
    TrainSettings back = SettingsJson.read(JsonFile.read(f, "fix it"), "settings");
    assertThat(SettingsJson.write(back)).isEqualTo(written);
    assertThat(back.backend()).isEqualTo(Backend.DL4J);
    assertThat(back.keepProb()).containsExactly(0.9, 0.7);
    assertThat(back.batchNorm()).isEqualTo(new BatchNorm(1e-4, 0.8));
    assertThat(back.optimizer()).isEqualTo(unusual().optimizer());
    assertThat(written.size()).as("every setting written").isEqualTo(17);
  }

  @Test
  void aModelAndItsCheckpointHoldTheSameSettings() throws Exception {
    Path data = dir.resolve("d.csv");
    StringBuilder csv = new StringBuilder("x,y\n");
    for (int i = 0; i < 40; i++) {
      csv.append(i / 40.0).append(',').append(i % 3).append('\n');
    }
    Files.writeString(data, csv);
    TrainSettings s = new TrainSettings(Backend.SCRATCH, new int[] {4}, Activation.RELU, Activation.IDENTITY,
        Loss.HALF_MSE, Optimizer.GD, 0.01, 8, 2, 0.25, 3, 0, Initializer.HE, 1000);
    Checkpoints.Run run = new Checkpoints.Run(s, data, List.of("x"), List.of("y"));
    Path out = dir.resolve("m");
    Trainer.Trained t = Trainer.train(run, (e, k, n, c) -> { }, new Trainer.Control(1,
        st -> Checkpoints.save(out, run, st), () -> false, null));
    ModelStore.save(t, out, false);
    JsonNode model = M.readTree(out.resolve("model.json").toFile()).get("settings");
    JsonNode checkpoint = M.readTree(Checkpoints.folder(out).resolve("checkpoint.json").toFile()).get("settings");
    assertThat(model.toString()).isEqualTo(checkpoint.toString()).isEqualTo(SettingsJson.write(s).toString());
  }

  @Test
  void aModelWrittenWithTheEarlierFlatSettingsStillLoads() throws Exception {
    Path data = dir.resolve("d.csv");
    Files.writeString(data, "x,y\n0,1\n1,2\n2,3\n3,5\n4,4\n5,6\n6,8\n7,7\n");
    TrainSettings s = new TrainSettings(Backend.SCRATCH, new int[] {3}, Activation.TANH, Activation.IDENTITY,
        Loss.HALF_MSE, Optimizer.GD, 0.01, 4, 2, 0.25, 3, 0, Initializer.HE, 1000);
    Path out = dir.resolve("m");
    ModelStore.save(Trainer.train(new Checkpoints.Run(s, data, List.of("x"), List.of("y")), (e, k, n, c) -> { },
        Trainer.Control.NONE), out, false);
    ObjectNode manifest = (ObjectNode) M.readTree(out.resolve("model.json").toFile());
    double before = ModelStore.load(out).predict(twinnet.model.Matrix.row(2.5)).get(0, 0);
    // the shape written until this change: a flat subset, the optimizer by name
    manifest.set("settings", M.readTree("{\"optimizer\": \"gd\", \"learningRate\": 0.01, \"batchSize\": 4, "
        + "\"epochs\": 2, \"validation\": 0.25, \"seed\": 3, \"patience\": 0, \"l2\": 0.0}"));
    Files.writeString(out.resolve("model.json"), M.writeValueAsString(manifest));
    assertThat(ModelStore.load(out).predict(twinnet.model.Matrix.row(2.5)).get(0, 0)).isEqualTo(before);
  }
}
