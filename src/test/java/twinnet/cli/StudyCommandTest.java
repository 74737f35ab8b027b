package twinnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default main job, the seed's study, end to end. */
class StudyCommandTest {

  @Test
  void theStudyShowsTheClampedPredictionsTheFixesAndTheDivergence(@TempDir Path dir) throws IOException {
    StringWriter out = new StringWriter();
    int exit = Main.execute(new String[] {"study", "--out", dir.toString()}, new PrintWriter(out, true),
        new PrintWriter(new StringWriter(), true));
    String text = out.toString();
    assertThat(exit).as(text).isZero();
    assertThat(text).contains("(a) ReLU output, raw x and y", "20/20", "least-squares polynomial, degree 2",
        "both diverged @", "Report: " + dir.resolve("seed-study").resolve("index.html"));

    Path study = dir.resolve("seed-study");
    for (String f : new String[] {"index.html", "fit.png", "loss.png", "summary.json"}) {
      assertThat(study.resolve(f)).isNotEmptyFile();
    }
    JsonNode s = new ObjectMapper().readTree(study.resolve("summary.json").toFile());
    assertThat(s.path("variants")).hasSize(6);
    JsonNode a = s.path("variants").get(0);
    assertThat(a.path("zeroPredictions").asInt()).isEqualTo(20); // the learner's symptom
    assertThat(a.path("status").asText()).isEqualTo("agree");
    assertThat(a.path("stuck")).hasSize(20);
    // the learner's picture: some examples fitted, the others exactly 0, each with why
    JsonNode e = s.path("variants").get(2);
    assertThat(e.path("case").asText()).isEqualTo("seed-e-relu-output-standardized-xy");
    assertThat(e.path("zeroPredictions").asInt()).isBetween(1, 19);
    assertThat(e.path("stuck")).hasSize(e.path("zeroPredictions").asInt());
    for (JsonNode k : e.path("stuck")) {
      assertThat(k.path("z").asDouble()).isLessThanOrEqualTo(0);
      assertThat(k.path("why").asText()).contains(k.path("target").asDouble() < 0 ? "out of a ReLU output's reach"
          : "no gradient reaches this example again");
    }
    // was it the code or the model? The right code agrees, the seed's two guesses are caught in L_model_backward
    JsonNode checks = s.path("learnerChecks");
    assertThat(checks).hasSize(3);
    assertThat(checks.get(0).path("allRight").asBoolean()).as(checks.toPrettyString()).isTrue();
    assertThat(checks.get(0).path("training").asText()).contains("Your implementation is right",
        "The model is the problem");
    assertThat(checks.get(1).path("firstWrongFunction").asText()).isEqualTo("L_model_backward");
    assertThat(checks.get(1).path("cause").asText()).contains("dAL is summed to one number");
    assertThat(checks.get(2).path("cause").asText()).contains("dAL is multiplied by A");
    assertThat(text).contains("Was it the code or the model?");
    for (int i : new int[] {1, 3, 4}) {
      JsonNode fixed = s.path("variants").get(i);
      assertThat(fixed.path("zeroPredictions").asInt()).isZero();
      assertThat(fixed.path("status").asText()).isEqualTo("agree");
      assertThat(fixed.path("mseScratch").asDouble()).isLessThan(a.path("mseScratch").asDouble() / 100);
      assertThat(fixed.path("mseDl4j").asDouble()).isCloseTo(fixed.path("mseScratch").asDouble(),
          org.assertj.core.data.Percentage.withPercentage(1e-6));
    }
    assertThat(s.path("variants").get(5).path("status").asText()).isEqualTo("both_diverged");
    assertThat(s.path("polynomials").get(0).path("mse").asDouble()).isLessThan(1e-18);

    String html = Files.readString(study.resolve("index.html"));
    assertThat(html).contains("data:image/png;base64,", "cases/seed-a-relu-output-raw/report.html",
        "predictions are exactly 0", "Stuck at 0: (e)", "Was it the code or the model?",
        "The code can be right and the predictions still 0.");
    assertThat(study.resolve("cases/seed-a-relu-output-raw/report.json")).isNotEmptyFile();
    // a second run replaces the first without complaint
    assertThat(Main.execute(new String[] {"study", "--out", dir.toString()}, new PrintWriter(new StringWriter()),
        new PrintWriter(new StringWriter()))).isZero();
    try (var leftovers = Files.list(dir)) {
      assertThat(leftovers.map(p -> p.getFileName().toString())).containsExactly("seed-study");
    }
  }
}
