package twinnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code twinnet run} on the shipped recurrent cases (compare/recurrent): each agrees step by step over at least 100
 * steps, and an outside numpy replay from report.json alone reproduces every step's loss and the final parameters.
 */
class RecurrentRunTest {
  @TempDir
  static Path shared;

  static String out;
  static int exit;

  static List<Path> shipped() throws IOException {
    try (Stream<Path> s = Files.list(Path.of("compare/recurrent"))) {
      return s.filter(p -> p.toString().endsWith(".json") && !p.toString().endsWith(".schema.json")).sorted()
          .toList();
    }
  }

  @BeforeAll
  static void runThemOnce() throws IOException {
    StringWriter o = new StringWriter();
    // as compare/recurrent/*.json gives them: the schema beside the cases is skipped
    String[] args = Stream.concat(Stream.of("run", "--quiet", "--out", shared.resolve("reports").toString(),
        "compare/classifier-bce.json", "compare/recurrent/case.schema.json"), shipped().stream().map(Path::toString))
        .toArray(String[]::new);
    exit = Main.execute(args, new PrintWriter(o, true), new PrintWriter(new StringWriter(), true));
    out = o.toString();
  }

  @Test
  void everyShippedRecurrentCaseAgreesOverAtLeastAHundredSteps() throws IOException {
    assertThat(shipped()).hasSizeGreaterThanOrEqualTo(5);
    assertThat(exit).as(out).isZero();
    assertThat(out).contains("All " + (shipped().size() + 1) + " case(s) as expected.");
    for (Path p : shipped()) {
      String name = p.getFileName().toString().replace(".json", "");
      Matcher m = Pattern.compile("ok   " + Pattern.quote(name) + ": AGREE: (\\d+) steps").matcher(out);
      assertThat(m.find()).as(out).isTrue();
      assertThat(Integer.parseInt(m.group(1))).isGreaterThanOrEqualTo(100);
      for (String f : List.of("report.json", "report.html", "loss.png", "differences.png")) {
        assertThat(shared.resolve("reports").resolve(name).resolve(f)).isNotEmptyFile();
      }
    }
    assertThat(out).contains("ok   classifier-bce: AGREE"); // a dense case in the same run
  }

  @Test
  void theCasesCoverBothCellsTheNotebooksShapesAndClippingThatBites() throws IOException {
    ObjectMapper m = new ObjectMapper();
    boolean rnn = false;
    boolean lstm = false;
    boolean notebook = false;
    boolean biting = false;
    for (Path p : shipped()) {
      JsonNode r = m.readTree(report(p).toFile());
      rnn |= r.path("cell").asText().equals("rnn");
      lstm |= r.path("cell").asText().equals("lstm");
      notebook |= r.path("n_x").asInt() == 3 && r.path("n_a").asInt() == 5 && r.path("n_y").asInt() == 2
          && r.path("m").asInt() == 10;
      boolean everyStep = true;
      for (JsonNode s : r.path("steps")) {
        everyStep &= s.path("clipped").asInt() > 0;
      }
      biting |= everyStep;
      assertThat(r.path("verdict").path("agrees").asBoolean()).isTrue();
      if (r.path("data").path("kind").asText().equals("text")) { // the trained sides sample the same names
        assertThat(r.path("sampled").path("scratch").size()).isEqualTo(5);
        assertThat(r.path("sampled").path("scratch")).isEqualTo(r.path("sampled").path("dl4j"));
      } else {
        assertThat(r.has("sampled")).isFalse();
      }
    }
    assertThat(List.of(rnn, lstm, notebook, biting)).containsOnly(true);
  }

  private static Path report(Path caseFile) {
    return shared.resolve("reports").resolve(caseFile.getFileName().toString().replace(".json", ""))
        .resolve("report.json");
  }

  /** replay_recurrent.py on a report: {"loss": worst relative difference, "final": …}. */
  static JsonNode replay(Path report) throws Exception {
    String py = twinnet.io.Python.withNumpy().orElseThrow(
        () -> new AssertionError("needs a python3 with numpy (.ci/run installs Debian's python3-numpy)"));
    Process p = new ProcessBuilder(py, "src/test/resources/replay/replay_recurrent.py", report.toString())
        .redirectErrorStream(true).start();
    String o = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(o).isZero();
    return new ObjectMapper().readTree(o.lines().reduce((a, b) -> b).orElseThrow());
  }

  @Test
  void anOutsideNumpyReplayReproducesEveryStepAndTheFinalWeightsFromTheReportAlone() throws Exception {
    for (Path p : shipped()) {
      JsonNode r = replay(report(p));
      assertThat(r.path("steps").asInt()).isGreaterThanOrEqualTo(100);
      assertThat(r.path("loss").asDouble()).as(p.toString()).isLessThan(1e-12);
      assertThat(r.path("final").asDouble()).as(p.toString()).isLessThan(1e-12);
    }
  }

  @Test
  void theReplayReadsTheClippingThresholdFromTheReport(@TempDir Path dir) throws Exception {
    // the clipping case with its threshold changed in the report: the replay no longer matches, so clip is what it
    // replays (and the report is all it reads)
    ObjectMapper m = new ObjectMapper();
    ObjectNode r = (ObjectNode) m.readTree(report(Path.of("compare/recurrent/char-rnn-clipping.json")).toFile());
    r.put("clip", 0.03);
    Path tampered = dir.resolve("report.json");
    m.writeValue(tampered.toFile(), r);
    assertThat(replay(tampered).path("loss").asDouble()).isGreaterThan(1e-6);
  }

  @Test
  void theReportNamesTheTimeStepsAndTheConventions() throws IOException {
    String html = Files.readString(shared.resolve("reports/char-lstm-names/report.html"));
    assertThat(html).contains("time step by time step").contains("LSTM ↔ DL4J LSTM").contains("<td class=l>Wf</td>");
    JsonNode r = new ObjectMapper().readTree(report(Path.of("compare/recurrent/char-lstm-names.json")).toFile());
    assertThat(r.path("conventions").path("loss").asText()).contains("-(1/m)");
    assertThat(r.path("steps").get(0).path("relative").path("a").size()).isEqualTo(r.path("steps").get(0)
        .path("T").asInt());
  }

  @Test
  void aBrokenRecurrentCaseStopsTheRunBeforeAnythingIsWritten(@TempDir Path dir) throws IOException {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"recurrent\": {\"cell\": \"gru\", \"n_a\": 4}}");
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code = Main.execute(new String[] {"run", "--quiet", "--out", dir.resolve("out").toString(),
        "compare/recurrent/rnn-notebook-shapes.json", bad.toString()}, new PrintWriter(o, true),
        new PrintWriter(e, true));
    assertThat(code).isEqualTo(2);
    assertThat(e.toString()).contains("\"recurrent.cell\" must be rnn or lstm").doesNotContain("Exception");
    assertThat(dir.resolve("out").resolve("rnn-notebook-shapes")).doesNotExist();
  }
}
