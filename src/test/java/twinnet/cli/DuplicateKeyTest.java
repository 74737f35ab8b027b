package twinnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JSON object that names one key twice is refused by every reader (case file, model file, checkpoint, protocol
 * message), with the file, the key and the line: before, {@code "steps": 5, "steps": 900000} silently ran 900 000
 * steps.
 */
class DuplicateKeyTest {
  @TempDir
  Path dir;

  @Test
  void aCaseFile() throws Exception {
    Path c = dir.resolve("twice.json");
    Files.writeString(c, """
        {"name": "twice", "data": {"generator": "seed_quadratic"},
         "network": {"layers": [1, 8, 1], "hidden": "relu", "output": "identity"}, "loss": "half_mse",
         "optimizer": {"name": "gd", "learningRate": 0.01},
         "steps": 5, "steps": 900000}
        """);
    Snapshot before = Snapshot.of(dir);
    Snapshot.run("run", c.toString(), "--out", dir.resolve("out").toString())
        .assertOneLineError(c + ": the key \"steps\" appears twice in one object (the second time at line 4");
    before.assertUnchanged("a refused case");
  }

  @Test
  void aModelFile() throws Exception {
    Path data = dir.resolve("d.csv");
    assertThat(Snapshot.run("generate", "--rows", "50", "--out", data.toString()).rc()).isZero();
    Path model = dir.resolve("m");
    assertThat(Snapshot.run("train", "--data", data.toString(), "--epochs", "1", "--out", model.toString()).rc())
        .isZero();
    Path manifest = model.resolve("model.json");
    String text = Files.readString(manifest);
    Files.writeString(manifest, text.replaceFirst("\\{", "{\n  \"backend\" : \"dl4j\","));
    Snapshot before = Snapshot.of(dir);
    Snapshot.run("evaluate", "--model", model.toString(), "--data", data.toString())
        .assertOneLineError(manifest + ": the key \"backend\" appears twice in one object");
    before.assertUnchanged("a refused model");
  }

  @Test
  void aCheckpoint() throws Exception {
    Path data = dir.resolve("d.csv");
    assertThat(Snapshot.run("generate", "--rows", "200", "--out", data.toString()).rc()).isZero();
    Path out = dir.resolve("m");
    ChildTwinnet child = new ChildTwinnet("train", "--data", data.toString(), "--epochs", "100000", "--out",
        out.toString());
    child.awaitOutput("epochs", 60);
    assertThat(child.interrupt()).as(child.output()).isEqualTo(130);
    Path checkpoint = dir.resolve("m.checkpoint/checkpoint.json");
    String text = Files.readString(checkpoint);
    Files.writeString(checkpoint, text.replaceFirst("\\{", "{\"epoch\":1,"));
    Snapshot before = Snapshot.of(dir);
    Snapshot.run("train", "--resume", out.toString())
        .assertOneLineError(checkpoint + ": the key \"epoch\" appears twice in one object");
    before.assertUnchanged("a refused checkpoint");
  }

  @Test
  void aProtocolMessage() throws Exception {
    Path fake = dir.resolve("fake.py");
    Files.writeString(fake, """
        print('{"hello": "twinnet.check/1", "defines": ["linear_forward"], "defines": []}', flush=True)
        import sys
        sys.stdin.read()
        """);
    Snapshot before = Snapshot.of(dir);
    Snapshot.run("check", "--exec", "python3 " + fake, "--out", dir.resolve("out").toString())
        .assertOneLineError("the key \"defines\" appears twice in one object");
    before.assertUnchanged("a refused protocol message");
  }
}
