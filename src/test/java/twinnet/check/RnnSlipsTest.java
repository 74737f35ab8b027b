package twinnet.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import twinnet.cli.Main;

/**
 * The recurrent notebook's old printed LSTM equations copied one at a time (examples/learners/c5w1-rnn-step-by-step
 * has the file with all three): each is named as that equation, at lstm_cell_backward. Needs a python3 with numpy.
 */
class RnnSlipsTest {
  static final Path CORRECT = Path.of("examples/learners/c5w1-rnn-step-by-step/correct.py");
  static final String T = "ot * (1 - np.square(np.tanh(c_next)))";

  @TempDir
  Path dir;

  static Stream<Arguments> slips() {
    return Stream.of(
        Arguments.of("dcct = (dc_next * it + " + T + " * it * da_next) * (1 - np.square(cct))",
            "dcct = dc_next * it + " + T + " * it * da_next * cct * (1 - np.square(np.tanh(cct)))",
            "dcct: the 2018 (v3) notebook's equation (8) as printed"),
        Arguments.of("dit = (dc_next * cct + " + T + " * cct * da_next) * it * (1 - it)",
            "dit = dc_next * cct + " + T + " * cct * da_next * it * (1 - it)",
            "dit: the 2018 (v3) notebook's equation (9) as printed"),
        Arguments.of("dft = (dc_next * c_prev + " + T + " * c_prev * da_next) * ft * (1 - ft)",
            "dft = dc_next * c_prev + " + T + " * c_prev * da_next * ft * (1 - ft)",
            "dft: the 2018 (v3) notebook's equation (10) as printed"));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("slips")
  void eachOldEquationIsNamed(String right, String slip, String cause) throws IOException {
    String source = Files.readString(CORRECT);
    assertThat(source).as("correct.py holds the line the slip changes").contains(right);
    Path file = dir.resolve("slip.py");
    Files.writeString(file, source.replace(right, slip));
    StringWriter o = new StringWriter();
    int rc = Main.execute(new String[] {"check", file.toString(), "--out", dir.resolve("out").toString()},
        new PrintWriter(o, true), new PrintWriter(new StringWriter(), true));
    assertThat(rc).as(o.toString()).isEqualTo(1);
    JsonNode r = ExamplesTest.M.readTree(dir.resolve("out/check/slip/check.json").toFile());
    assertThat(r.get("firstWrongFunction").asText()).as(o.toString()).isEqualTo("lstm_cell_backward");
    for (JsonNode f : r.get("functions")) {
      if (f.get("name").asText().equals("lstm_cell_backward")) {
        assertThat(f.get("diagnosis").get(0).asText()).as(f.toPrettyString()).startsWith(cause);
      }
    }
  }
}
