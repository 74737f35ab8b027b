package twinnet.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import twinnet.cli.Main;

/** The spark backend through the command line: a model the other commands take, bad inputs, run --spark-workers. */
class SparkCliTest {
  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    return Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void aModelTrainedOnSparkIsOneThatPredictEvaluateAndConvertTake() throws IOException {
    String csv = dir.resolve("q.csv").toString();
    assertThat(run("generate", "--rows", "3000", "--features", "2", "--out", csv)).isZero();
    String m = dir.resolve("m").toString();
    // a URI, as a cluster's hdfs://… would be: the header through Hadoop's file system, the rows through Spark
    String uri = Path.of(csv).toUri().toString();
    assertThat(uri).startsWith("file:/");
    assertThat(run("train", "--data", uri, "--backend", "spark", "--epochs", "2", "--batch-size", "64", "--lr", "0.01",
        "--checkpoint-every", "1", "--out", m)).as(err.toString()).isZero();
    assertThat(out.toString()).contains("trained 2 epoch(s) on spark (local[2])");
    assertThat(Files.readAllLines(Path.of(m, "metrics.csv"))).hasSize(3);
    assertThat(Path.of(m, "model.zip")).isNotEmptyFile();
    assertThat(Path.of(m + ".checkpoint")).doesNotExist(); // removed once the model is written
    assertThat(run("evaluate", "--model", m, "--data", csv)).isZero();
    String eval = out.toString();
    assertThat(run("convert", "--model", m, "--out", dir.resolve("s").toString())).isZero();
    assertThat(run("evaluate", "--model", dir.resolve("s").toString(), "--data", csv)).isZero();
    assertThat(out.toString()).isEqualTo(eval);
    assertThat(run("predict", "--model", m, "--data", csv, "--out", dir.resolve("p.csv").toString())).isZero();
    assertThat(Files.readAllLines(dir.resolve("p.csv"))).hasSize(3001);
  }

  /** Ctrl-C (SIGINT) or SIGTERM mid-epoch: Spark's jobs are cancelled, the checkpoint written, within seconds. */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({"INT, 130, Ctrl-C", "TERM, 143, SIGTERM"})
  void aStopDuringAnEpochKeepsTheFinishedEpochsAndResumeFinishesTheRun(String signal, int status, String said)
      throws Exception {
    String csv = dir.resolve("c.csv").toString();
    assertThat(run("generate", "--rows", "20000", "--features", "2", "--out", csv)).isZero();
    Path model = dir.resolve("model");
    twinnet.cli.ChildTwinnet child = new twinnet.cli.ChildTwinnet("train", "--backend", "spark", "--data", csv,
        "--epochs", "200", "--batch-size", "64", "--lr", "0.001", "--out", model.toString());
    child.awaitOutput("2/200 epochs", 120); // two epochs finished
    long t0 = System.nanoTime();
    assertThat(child.signal(signal)).as(child.output()).isEqualTo(status);
    assertThat((System.nanoTime() - t0) / 1e9).as("seconds from the signal to the exit").isLessThan(3.0);
    assertThat(child.output()).contains("stopped (" + said + ")", "continue with --resume").doesNotContain("\tat ");
    Path checkpoint = dir.resolve("model.checkpoint");
    String json = Files.readString(checkpoint.resolve("checkpoint.json"));
    int epoch = Integer.parseInt(json.replaceAll(".*\"epoch\":(\\d+).*", "$1"));
    assertThat(epoch).isGreaterThanOrEqualTo(3); // the epoch to continue: at least two were finished
    assertThat(json).contains("\"master\":\"local[2]\"");
    Files.writeString(checkpoint.resolve("checkpoint.json"), json.replace("\"epochs\":200",
        "\"epochs\":" + epoch));
    assertThat(run("train", "--resume", model.toString())).as(err.toString()).isZero();
    assertThat(Files.readAllLines(model.resolve("metrics.csv"))).hasSize(epoch + 1);
    assertThat(checkpoint).doesNotExist();
  }

  @Test
  void badInputsExitTwoNamingTheProblem() throws IOException {
    Path good = dir.resolve("g.csv");
    Files.writeString(good, "a,b,y\n1,2,3\n2,3,5\n3,1,4\n4,4,8\n");
    Path text = dir.resolve("t.csv");
    Files.writeString(text, "a,b,y\n1,2,3\n2,x,5\n3,1,4\n");
    Path constant = dir.resolve("c.csv");
    Files.writeString(constant, "a,b,y\n1,2,7\n2,3,7\n3,1,7\n4,4,7\n5,5,7\n");
    Path nan = dir.resolve("n.csv");
    Files.writeString(nan, "a,b,y\n1,2,3\n2,NaN,5\n3,1,4\n");
    Path headerOnly = dir.resolve("h.csv");
    Files.writeString(headerOnly, "a,b,y\n");
    Path empty = dir.resolve("e.csv");
    Files.writeString(empty, "");
    Object[][] cases = {
        {new String[] {"--data", headerOnly.toString()}, "no rows of numbers"},
        {new String[] {"--data", empty.toString()}, "the file is empty"},
        {new String[] {"--data", dir.resolve("missing.csv").toString()}, "no such file"},
        {new String[] {"--data", text.toString()}, "line 3, column \"b\": 'x' is not a number"},
        {new String[] {"--data", nan.toString()}, "line 3, column \"b\": NaN is not a finite number"},
        {new String[] {"--data", constant.toString(), "--validation", "0"}, "is constant in the training split"},
        {new String[] {"--data", good.toString(), "--targets", "z"}, "no column \"z\""},
        {new String[] {"--data", good.toString(), "--l2", "0.1"}, "--l2 is not available on the spark backend"},
        {new String[] {"--data", good.toString(), "--optimizer", "momentum"}, "DL4J has no updater"},
        {new String[] {"--data", good.toString(), "--workers", "3", "--batch-size", "32"}, "does not split evenly"},
        {new String[] {"--data", good.toString(), "--master", "spark://127.0.0.1:1"},
            "cannot reach the Spark master spark://127.0.0.1:1"},
        {new String[] {"--data", good.toString(), "--master", "cluster"}, "not a Spark master URL"},
        {new String[] {"--data", good.toString(), "--training-master", "ring"}, "unknown --training-master"},
    };
    for (Object[] c : cases) {
      String[] extra = (String[]) c[0];
      String[] args = {"train", "--backend", "spark", "--epochs", "1", "--out", dir.resolve("model").toString()};
      String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.Arrays.stream(extra))
          .toArray(String[]::new);
      assertThat(run(all)).as(String.join(" ", extra) + ": " + err).isEqualTo(2);
      assertThat(err.toString()).as(String.join(" ", extra)).contains((String) c[1]).doesNotContain("\tat ");
      assertThat(dir.resolve("model")).doesNotExist();
    }
  }

  @Test
  void runWithSparkWorkersChecksDistributedAgainstOneMachineAndReportsIt() throws IOException {
    Path out1 = dir.resolve("out");
    assertThat(run("run", "--quiet", "--spark-workers", "2", "--out", out1.toString(),
        "compare/spark-sgd-two-workers.json")).as(err.toString()).isZero();
    assertThat(out.toString()).containsPattern(Pattern.compile("spark: AGREE +k=2 workers × b=16, averaging every 1"))
        .contains("spark: DIFFER as expected k=2 workers × b=16, averaging every 4");
    Path d = out1.resolve("spark-sgd-two-workers/distributed");
    for (String f : List.of("index.html", "distributed.json", "distributed.csv", "differences.png")) {
      assertThat(d.resolve(f)).isNotEmptyFile();
    }
    assertThat(Files.readString(d.resolve("index.html"))).contains("not linear in θ");
    // a case the equivalence does not cover is refused before anything runs
    assertThat(run("run", "--quiet", "--spark-workers", "2", "--out", dir.resolve("o2").toString(),
        "compare/optimizer-adam-dl4j.json")).isEqualTo(2);
    assertThat(err.toString()).contains("plain SGD");
  }
}
