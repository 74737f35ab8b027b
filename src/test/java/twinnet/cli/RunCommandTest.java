package twinnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code twinnet run} end to end on the shipped cases, and on broken case files. */
class RunCommandTest {
  @TempDir
  static Path shared;

  static String allOut;
  static int allExit;

  private static int run(StringWriter out, StringWriter err, String... args) {
    return Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  static List<Path> shippedCases() throws IOException {
    try (Stream<Path> s = Files.list(Path.of("compare"))) {
      return s.filter(p -> p.toString().endsWith(".json") && !p.getFileName().toString().startsWith("case."))
          .sorted().toList();
    }
  }

  @BeforeAll
  static void runEveryShippedCaseOnce() throws IOException {
    StringWriter out = new StringWriter();
    String[] args = Stream.concat(Stream.of("run", "--quiet", "--out", shared.resolve("reports").toString()),
        shippedCases().stream().map(Path::toString)).toArray(String[]::new);
    allExit = run(out, new StringWriter(), args);
    allOut = out.toString();
  }

  @Test
  void atLeastTenShippedCasesAllRunAsExpected() throws IOException {
    assertThat(shippedCases()).hasSizeGreaterThanOrEqualTo(10);
    assertThat(allExit).as(allOut).isZero();
    for (Path p : shippedCases()) {
      String name = p.getFileName().toString().replace(".json", "");
      assertThat(allOut).contains("ok   " + name + ": ");
      for (String f : List.of("report.json", "report.html", "loss.png", "trace.csv")) {
        assertThat(shared.resolve("reports").resolve(name).resolve(f)).isNotEmptyFile();
      }
    }
    assertThat(allOut).contains("All " + shippedCases().size() + " case(s) as expected.");
  }

  @Test
  void theVerdictsAreTheOnesTheCasesDeclare() {
    assertThat(allOut).contains("ok   seed-c-identity-output-standardized: AGREE");
    assertThat(allOut).contains("ok   quirk-elu-alpha-0.5: DISAGREE at step 0, layer 1 dW1");
    assertThat(allOut).contains("ok   quirk-leaky-relu-alpha-0.01: DISAGREE at step 0, layer 2 dW2");
    assertThat(allOut).contains("ok   seed-diverging-raw-targets: BOTH DIVERGED");
    assertThat(allOut).contains("20 prediction(s) exactly 0: the ReLU output clamps a negative pre-activation");
    assertThat(allOut).contains("DL4J's ELU backprop ignores α ≠ 1");
  }

  @Test
  void reportJsonHonoursTheDocumentedContract() throws IOException {
    ObjectMapper m = new ObjectMapper();
    for (Path p : shippedCases()) {
      String name = p.getFileName().toString().replace(".json", "");
      JsonNode r = m.readTree(shared.resolve("reports").resolve(name).resolve("report.json").toFile());
      ReportContract.validate(r, m.readTree(p.toFile()));
    }
  }

  /** replay_step0.py on a report: {"scratch": worst relative error, "dl4j": …}. */
  private static JsonNode replay(Path report) throws Exception {
    String py = twinnet.io.Python.withNumpy().orElseThrow(
        () -> new AssertionError("needs a python3 with numpy (.ci/run installs Debian's python3-numpy)"));
    Process p = new ProcessBuilder(py, "src/test/resources/replay/replay_step0.py", report.toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    return new ObjectMapper().readTree(out.lines().reduce((a, b) -> b).orElseThrow());
  }

  @Test
  void anOutsideReplayWithNumpyReproducesEveryStep0FromTheReportAlone() throws Exception {
    // An independent numpy forward and backward pass from report.json's data, initial weights and dropout
    // masks: the report holds everything needed to check it, and its step-0 numbers are right.
    ObjectMapper m = new ObjectMapper();
    int replayed = 0;
    for (Path p : shippedCases()) {
      String name = p.getFileName().toString().replace(".json", "");
      Path report = shared.resolve("reports").resolve(name).resolve("report.json");
      JsonNode r = replay(report);
      if (r.has("skipped")) {
        continue;
      }
      replayed++;
      assertThat(r.path("scratch").asDouble()).as(name).isLessThan(1e-12);
      if (m.readTree(report.toFile()).path("verdict").path("status").asText().equals("agree")) {
        assertThat(r.path("dl4j").asDouble()).as(name).isLessThan(1e-12);
      }
    }
    assertThat(replayed).isGreaterThanOrEqualTo(10);
  }

  @Test
  void theReplayNeedsTheMasks(@TempDir Path dir) throws Exception {
    // the second layer's mask replaced by ones in the report: the replay no longer matches the report's
    // gradients, so the masks are what it replays
    ObjectMapper m = new ObjectMapper();
    JsonNode r = m.readTree(shared.resolve("reports").resolve("dropout-relu-regression").resolve("report.json")
        .toFile());
    var mask = (com.fasterxml.jackson.databind.node.ArrayNode) r.path("spec").path("dropout").path("masks")
        .path("atStart").get(1);
    mask.forEach(row -> {
      for (int j = 0; j < row.size(); j++) {
        ((com.fasterxml.jackson.databind.node.ArrayNode) row).set(j, 1.0);
      }
    });
    Path tampered = dir.resolve("report.json");
    m.writeValue(tampered.toFile(), r);
    assertThat(replay(tampered).path("scratch").asDouble()).isGreaterThan(1e-6);
  }

  @Test
  void aCaseThatDisagreesUnexpectedlyExitsOne(@TempDir Path dir) throws IOException {
    JsonNode quirk = new ObjectMapper().readTree(Path.of("compare/quirk-elu-alpha-0.5.json").toFile());
    ((com.fasterxml.jackson.databind.node.ObjectNode) quirk).remove(List.of("expect", "expectReason",
        "expectDivergence"));
    Path c = dir.resolve("elu.json");
    Files.writeString(c, quirk.toString());
    StringWriter out = new StringWriter();
    assertThat(run(out, new StringWriter(), "run", "--quiet", "--out", dir.resolve("o").toString(), c.toString()))
        .isEqualTo(1);
    assertThat(out.toString()).contains("FAIL quirk-elu-alpha-0.5: DISAGREE", "UNEXPECTED, the case expects agree",
        "1 of 1 case(s) disagree unexpectedly");
  }

  @Test
  void anExpectedDisagreementMustShowWhereItIsDeclared(@TempDir Path dir) throws IOException {
    // the ELU quirk parts first in dW1; declared in dW2, the case fails (it once passed on any disagreement)
    JsonNode quirk = new ObjectMapper().readTree(Path.of("compare/quirk-elu-alpha-0.5.json").toFile());
    ((com.fasterxml.jackson.databind.node.ObjectNode) quirk.get("expectDivergence")).put("tensor", "dW2");
    Path c = dir.resolve("elu.json");
    Files.writeString(c, quirk.toString());
    StringWriter out = new StringWriter();
    assertThat(run(out, new StringWriter(), "run", "--quiet", "--out", dir.resolve("o").toString(), c.toString()))
        .isEqualTo(1);
    assertThat(out.toString()).contains("FAIL quirk-elu-alpha-0.5: DISAGREE",
        "UNEXPECTED, the case expects the first disagreement at step 0, dW2", "it came at step 0, dW1");
    // and so does a declared size that is not the measured one
    ((com.fasterxml.jackson.databind.node.ObjectNode) quirk.get("expectDivergence")).put("tensor", "dW1")
        .putArray("relativeError").add(1e-9).add(1e-8);
    Files.writeString(c, quirk.toString());
    StringWriter again = new StringWriter();
    assertThat(run(again, new StringWriter(), "run", "--quiet", "--overwrite", "--out", dir.resolve("o").toString(),
        c.toString())).isEqualTo(1);
    assertThat(again.toString()).contains("with a relative error in [1.0E-9, 1.0E-8]", "relative error of 8.909e-02");
  }

  @Test
  void anExistingReportIsReplacedOnlyWhenAsked(@TempDir Path dir) {
    String c = "compare/seed-c-identity-output-standardized.json";
    String o = dir.toString();
    assertThat(run(new StringWriter(), new StringWriter(), "run", "--quiet", "--out", o, c)).isZero();
    StringWriter err = new StringWriter();
    assertThat(run(new StringWriter(), err, "run", "--quiet", "--out", o, c)).isEqualTo(2);
    assertThat(err.toString()).contains("already holds a twinnet report folder; pass --overwrite");
    assertThat(run(new StringWriter(), new StringWriter(), "run", "--quiet", "--overwrite", "--out", o, c)).isZero();
  }

  static Stream<Arguments> brokenCases() {
    String good = """
        {"name": "b", "data": {"generator": "seed_quadratic"}, "standardize": {"inputs": true, "targets": true},
         "network": {"layers": [1, 4, 1], "hidden": "relu", "output": "identity"}, "loss": "half_mse",
         "optimizer": {"learningRate": 0.05}, "steps": 5}
        """;
    return Stream.of(
        Arguments.of("missing field", good.replace("\"loss\": \"half_mse\",", ""), "missing field \"loss\""),
        Arguments.of("missing steps", good.replace(", \"steps\": 5", ""), "missing field \"steps\""),
        Arguments.of("unknown activation", good.replace("\"relu\"", "\"swish\""),
            "\"network.hidden\": unknown activation 'swish'; use one of relu"),
        Arguments.of("layers do not fit the data", good.replace("[1, 4, 1]", "[3, 4, 1]"),
            "\"network.layers\" starts with 3 inputs but the data have 1 feature(s)"),
        Arguments.of("negative learning rate", good.replace("0.05", "-0.05"),
            "\"optimizer.learningRate\" must be positive, got -0.05"),
        Arguments.of("NaN in inline data", good.replace("{\"generator\": \"seed_quadratic\"}",
            "{\"x\": [[1, NaN, 3]], \"y\": [[1, 2, 3]]}"), "\"data.x[0][1]\" must be a finite number, got NaN"),
        Arguments.of("CSV with a missing column", good.replace("{\"generator\": \"seed_quadratic\"}",
            "{\"csv\": \"q.csv\", \"features\": [\"x\"], \"targets\": [\"z\"]}"), "no column \"z\"; the header has [x, y]"),
        Arguments.of("truncated JSON", good.substring(0, 60), "not valid JSON"),
        Arguments.of("wrong type", good.replace("\"steps\": 5", "\"steps\": \"five\""),
            "\"steps\" must be a whole number, got \"five\""),
        Arguments.of("typo in a field", good.replace("\"learningRate\"", "\"learningrate\""),
            "unknown field \"optimizer.learningrate\""),
        Arguments.of("zero layer size", good.replace("[1, 4, 1]", "[1, 0, 1]"),
            "\"network.layers[1]\" must be a whole number of at least 1, got 0"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenCases")
  void brokenCaseFilesExitTwoWithAMessageAndWriteNothing(String what, String text, String message,
      @TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("q.csv"), "x,y\n1,6\n2,18\n");
    Path c = dir.resolve("case.json");
    Files.writeString(c, text);
    // a good case next to it: nothing is written for it either, because input is checked first
    Path out = dir.resolve("out");
    StringWriter stdout = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = run(stdout, err, "run", "--quiet", "--out", out.toString(),
        "compare/seed-c-identity-output-standardized.json", c.toString());
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains(message).contains(c.toString()).doesNotContain("Exception", "\tat ");
    assertThat(out).doesNotExist();
  }

  @Test
  void aMissingCaseFileIsBadInput() {
    StringWriter err = new StringWriter();
    assertThat(run(new StringWriter(), err, "run", "no/such/case.json")).isEqualTo(2);
    assertThat(err.toString()).contains("no such file");
  }

  @Test
  void anUnwritableOutputIsBadInputBeforeAnyWork(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("a-file");
    Files.writeString(file, "x");
    StringWriter err = new StringWriter();
    assertThat(run(new StringWriter(), err, "run", "--quiet", "--out", file.toString(),
        "compare/seed-c-identity-output-standardized.json")).isEqualTo(2);
    assertThat(err.toString()).contains("is a file, not a folder");
  }
}
