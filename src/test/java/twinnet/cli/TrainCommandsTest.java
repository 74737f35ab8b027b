package twinnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** generate → train (both backends) → evaluate, predict, convert; and their bad inputs, exit 2. */
class TrainCommandsTest {
  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void theWholeRoundTrip() throws IOException {
    String csv = dir.resolve("q.csv").toString();
    assertThat(run("generate", "--rows", "400", "--features", "2", "--out", csv, "--seed", "5")).isZero();
    assertThat(Files.readAllLines(Path.of(csv))).hasSize(401).first().isEqualTo("x1,x2,y");
    for (String backend : new String[] {"scratch", "dl4j"}) {
      String m = dir.resolve(backend).toString();
      assertThat(run("train", "--data", csv, "--backend", backend, "--epochs", "5", "--lr", "0.01", "--out", m))
          .as(err.toString()).isZero();
      for (String f : new String[] {"model.json", "metrics.csv", "learning-curves.png"}) {
        assertThat(Path.of(m, f)).isNotEmptyFile();
      }
      assertThat(Files.readAllLines(Path.of(m, "metrics.csv"))).hasSize(6);
    }
    assertThat(out.toString()).contains("trained 5 epoch(s) on scratch", "trained 5 epoch(s) on dl4j");
    // same settings, same numbers on both backends
    String s = out.toString();
    String lineS = s.lines().filter(l -> l.contains("on scratch")).findFirst().orElseThrow();
    String lineD = s.lines().filter(l -> l.contains("on dl4j")).findFirst().orElseThrow();
    assertThat(lineS.replace("scratch", "X")).isEqualTo(lineD.replace("dl4j", "X"));

    assertThat(run("convert", "--model", dir.resolve("dl4j").toString(), "--out", dir.resolve("conv").toString()))
        .isZero();
    out.getBuffer().setLength(0);
    assertThat(run("evaluate", "--model", dir.resolve("dl4j").toString(), "--data", csv)).isZero();
    assertThat(run("evaluate", "--model", dir.resolve("conv").toString(), "--data", csv)).isZero();
    String[] evals = out.toString().split("\n");
    assertThat(evals[0]).startsWith("rows 400  MSE").isEqualTo(evals[1]);
    String pred = dir.resolve("p.csv").toString();
    assertThat(run("predict", "--model", dir.resolve("scratch").toString(), "--data", csv, "--out", pred)).isZero();
    assertThat(Files.readAllLines(Path.of(pred))).hasSize(401).first().isEqualTo("x1,x2,predicted_y");
  }

  @Test
  void dropoutAndBatchNormTrainTheSameOnBothBackendsAndAreRefusedWhereTheyCannotBe() {
    String csv = dir.resolve("q.csv").toString();
    assertThat(run("generate", "--rows", "300", "--features", "2", "--out", csv)).isZero();
    for (String backend : new String[] {"scratch", "dl4j"}) {
      assertThat(run("train", "--data", csv, "--backend", backend, "--keep-prob", "0.8", "--batch-norm", "--epochs",
          "4", "--lr", "0.01", "--out", dir.resolve("k-" + backend).toString())).as(err.toString()).isZero();
    }
    String s = out.toString();
    String lineS = s.lines().filter(l -> l.contains("on scratch")).findFirst().orElseThrow();
    String lineD = s.lines().filter(l -> l.contains("on dl4j")).findFirst().orElseThrow();
    assertThat(lineS.replace("scratch", "X")).isEqualTo(lineD.replace("dl4j", "X"));
    // one value for both hidden layers (the default 16,16)
    assertThat(ModelStoreView.keepProb(dir.resolve("k-dl4j"))).isEqualTo("[0.8,0.8]");
    assertThat(run("evaluate", "--model", dir.resolve("k-scratch").toString(), "--data", csv)).isZero();

    assertThat(run("train", "--data", csv, "--keep-prob", "0.8,0.5,0.5", "--out", dir.resolve("x").toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--keep-prob gives 3 keep probabilities for 2 hidden layer(s)");
    assertThat(run("train", "--data", csv, "--keep-prob", "1.5", "--out", dir.resolve("x").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--keep-prob: keep_prob of hidden layer 1 must be in (0, 1]");
    assertThat(run("train", "--data", csv, "--hidden-layers", "", "--keep-prob", "0.5", "--out",
        dir.resolve("x").toString())).isEqualTo(2);
    assertThat(dir.resolve("x")).doesNotExist();
  }

  /** model.json's dropout, read as text. */
  private static final class ModelStoreView {
    static String keepProb(Path model) {
      try {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(model.resolve("model.json").toFile())
            .path("spec").path("dropout").path("keepProb").toString();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  @Test
  void onlyTheSparkServiceReadsAUri() {
    assertThat(run("train", "--data", "hdfs://namenode:8020/data.csv", "--backend", "dl4j", "--out",
        dir.resolve("m").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("only the spark backend reads URIs");
    assertThat(dir.resolve("m")).doesNotExist();
    assertThat(run("train", "--data", "compare/data/quadratic.csv", "--backend", "spark", "--stream", "--out",
        dir.resolve("m").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--stream is the dl4j backend's");
  }

  @Test
  void badInputsExitTwoWithAMessageAndWriteNoModel() throws IOException {
    Path good = dir.resolve("g.csv");
    Files.writeString(good, "a,b,y\n1,2,3\n2,3,5\n3,4,7\n4,5,9\n5,6,11\n");
    Path m = dir.resolve("m");
    String[][] cases = {
        {"train", "--data", good.toString(), "--targets", "z", "--out", m.toString()},
        {"train", "--data", write("n.csv", "a,y\n1,2\nx,3\n"), "--out", m.toString()},
        {"train", "--data", write("e.csv", ""), "--out", m.toString()},
        {"train", "--data", write("c.csv", "a,y\n1,2\n2,2\n3,2\n4,2\n5,2\n"), "--out", m.toString()},
        {"train", "--data", dir.resolve("missing.csv").toString(), "--out", m.toString()},
        {"train", "--data", good.toString(), "--backend", "tf", "--out", m.toString()},
        {"evaluate", "--model", dir.resolve("nomodel").toString(), "--data", good.toString()},
        {"generate", "--rows", "0", "--out", dir.resolve("x.csv").toString()}};
    // a model directory written by another version
    Path old = dir.resolve("old");
    Files.createDirectories(old);
    Files.writeString(old.resolve("model.json"), "{\"format\": \"twinnet.model/0\"}");
    err.getBuffer().setLength(0);
    assertThat(run("evaluate", "--model", old.toString(), "--data", good.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("format \"twinnet.model/0\"", "retrain");
    String[] messages = {"no column \"z\"", "\"x\" is not a number", "the file is empty", "is constant",
        "no such file", "unknown --backend 'tf'", "no model.json", "--rows must be between 1 and"};
    for (int i = 0; i < cases.length; i++) {
      err.getBuffer().setLength(0);
      assertThat(run(cases[i])).as(String.join(" ", cases[i])).isEqualTo(2);
      assertThat(err.toString()).contains(messages[i]).doesNotContain("\tat ");
      assertThat(m).doesNotExist();
    }
  }

  private String write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p.toString();
  }

  @Test
  void aSignalStopsTrainingAfterACheckpointAndResumeFinishesTheRun() throws Exception {
    String csv = dir.resolve("big.csv").toString();
    assertThat(run("generate", "--rows", "20000", "--features", "4", "--out", csv)).isZero();
    Path model = dir.resolve("model");
    // let it train, then send SIGINT (Ctrl-C): the shutdown hook makes it write a checkpoint and stop
    ChildTwinnet child = new ChildTwinnet("train", "--data", csv, "--epochs", "2000", "--batch-size", "64", "--lr",
        "0.001", "--out", model.toString());
    child.awaitOutput("epochs", 60); // training has begun once the progress bar shows
    assertThat(child.interrupt()).as(child.output()).isEqualTo(130);
    // within an epoch's steps, or (a signal while the epoch is measured) once the epoch is recorded
    assertThat(child.output()).containsPattern("stopped \\(Ctrl-C\\) (at|after) epoch").contains("continue with --resume");
    Path checkpoint = dir.resolve("model.checkpoint");
    assertThat(checkpoint.resolve("checkpoint.json")).isNotEmptyFile();
    assertThat(model).doesNotExist();

    // resume with fewer epochs left to run: edit nothing, just continue (2000 epochs would take long, so the
    // test only checks that the run picks up where it stopped)
    String json = Files.readString(checkpoint.resolve("checkpoint.json"));
    int epoch = Integer.parseInt(json.replaceAll(".*\"epoch\":(\\d+).*", "$1"));
    Files.writeString(checkpoint.resolve("checkpoint.json"), json.replace("\"epochs\":2000",
        "\"epochs\":" + (epoch + 1)));
    assertThat(run("train", "--resume", model.toString())).as(err.toString()).isZero();
    assertThat(model.resolve("model.json")).isNotEmptyFile();
    assertThat(checkpoint).doesNotExist();
    assertThat(Files.readAllLines(model.resolve("metrics.csv"))).hasSize(epoch + 2);
  }

  @Test
  void resumeWithoutACheckpointIsBadInput() {
    assertThat(run("train", "--resume", dir.resolve("nothing").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("no checkpoint at");
    assertThat(run("train", "--data", "x.csv")).isEqualTo(2);
    assertThat(err.toString()).contains("--out is required");
  }
}
