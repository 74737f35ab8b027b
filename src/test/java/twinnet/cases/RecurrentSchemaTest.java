package twinnet.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** compare/recurrent/case.schema.json and the recurrent case parser agree, on the shipped cases and on broken ones. */
class RecurrentSchemaTest {
  private static final ObjectMapper M = new ObjectMapper();

  private static JsonSchema schema() throws IOException {
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
        .getSchema(M.readTree(Path.of("compare/recurrent/case.schema.json").toFile()));
  }

  @Test
  void everyShippedRecurrentCaseValidatesAndParses() throws IOException {
    JsonSchema schema = schema();
    try (Stream<Path> s = Files.list(Path.of("compare/recurrent"))) {
      List<Path> cases = s.filter(p -> p.toString().endsWith(".json") && !p.toString().endsWith(".schema.json"))
          .sorted().toList();
      assertThat(cases).hasSizeGreaterThanOrEqualTo(5);
      for (Path p : cases) {
        assertThat(schema.validate(M.readTree(p.toFile()))).as(p.toString()).isEmpty();
        assertThat(((RecurrentCase) CaseParser.readAny(p)).name())
            .isEqualTo(p.getFileName().toString().replace(".json", ""));
      }
    }
  }

  @Test
  void theSchemaRejectsWhatTheParserRejects() throws IOException {
    JsonSchema schema = schema();
    String good = M.readTree(Path.of("compare/recurrent/char-rnn-names.json").toFile()).toString();
    List<String> broken = List.of(
        good.replace("\"rnn\"", "\"gru\""),
        good.replace("\"n_a\":32", "\"n_a\":0"),
        good.replace("\"learningRate\":0.1", "\"learningRate\":-0.1"),
        good.replace("\"clip\":5", "\"clip\":0"),
        good.replace("\"steps\":150", "\"steps\":0"),
        good.replace("\"lengths\":[6,10,14]", "\"lengths\":[]"),
        good.replace("\"names\":120", "\"names\":120,\"text\":\"ab\""),
        good.replace("\"batch\"", "\"batches\""),
        good.replace("\"names\":120,\"seed\":1", "\"text\":\"abcabc\",\"seed\":1"));
    for (String b : broken) {
      JsonNode n = M.readTree(b);
      assertThat(b).isNotEqualTo(good);
      assertThat(schema.validate(n)).as(b).isNotEmpty();
      assertThatThrownBy(() -> RecurrentCase.parse(n, "x", Path.of("."))).as(b)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
