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
    assertThat(s.path("variants")).hasSize(5);
    JsonNode a = s.path("variants").get(0);
    assertThat(a.path("zeroPredictions").asInt()).isEqualTo(20); // the learner's symptom
    assertThat(a.path("status").asText()).isEqualTo("agree");
    for (int i = 1; i <= 3; i++) {
      JsonNode fixed = s.path("variants").get(i);
      assertThat(fixed.path("zeroPredictions").asInt()).isZero();
      assertThat(fixed.path("status").asText()).isEqualTo("agree");
      assertThat(fixed.path("mseScratch").asDouble()).isLessThan(a.path("mseScratch").asDouble() / 100);
      assertThat(fixed.path("mseDl4j").asDouble()).isCloseTo(fixed.path("mseScratch").asDouble(),
          org.assertj.core.data.Percentage.withPercentage(1e-6));
    }
    assertThat(s.path("variants").get(4).path("status").asText()).isEqualTo("both_diverged");
    assertThat(s.path("polynomials").get(0).path("mse").asDouble()).isLessThan(1e-18);

    String html = Files.readString(study.resolve("index.html"));
    assertThat(html).contains("data:image/png;base64,", "cases/seed-a-relu-output-raw/report.html",
        "predictions are exactly 0");
    assertThat(study.resolve("cases/seed-a-relu-output-raw/report.json")).isNotEmptyFile();
    // a second run replaces the first without complaint
    assertThat(Main.execute(new String[] {"study", "--out", dir.toString()}, new PrintWriter(new StringWriter()),
        new PrintWriter(new StringWriter()))).isZero();
    try (var leftovers = Files.list(dir)) {
      assertThat(leftovers.map(p -> p.getFileName().toString())).containsExactly("seed-study");
    }
  }
}
