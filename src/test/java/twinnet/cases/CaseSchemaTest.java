package twinnet.cases;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** compare/case.schema.json and the parser agree: what the schema accepts the parser reads, and back. */
class CaseSchemaTest {
  private static final ObjectMapper M = new ObjectMapper();

  private static JsonSchema schema() throws IOException {
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
        .getSchema(M.readTree(Path.of("compare/case.schema.json").toFile()));
  }

  private static List<Path> cases() throws IOException {
    try (Stream<Path> s = Files.list(Path.of("compare"))) {
      return s.filter(p -> p.toString().endsWith(".json") && !p.getFileName().toString().equals("case.schema.json"))
          .sorted().toList();
    }
  }

  @Test
  void everyShippedCaseValidatesAndParses() throws IOException {
    JsonSchema schema = schema();
    for (Path p : cases()) {
      Set<ValidationMessage> errors = schema.validate(M.readTree(p.toFile()));
      assertThat(errors).as(p.toString()).isEmpty();
      assertThat(CaseParser.read(p).name()).isEqualTo(p.getFileName().toString().replace(".json", ""));
    }
  }

  @Test
  void theSchemaRejectsWhatTheParserRejects() throws IOException {
    JsonSchema schema = schema();
    JsonNode good = M.readTree(Path.of("compare/seed-c-identity-output-standardized.json").toFile());
    List<String> broken = List.of(
        good.toString().replace("\"identity\"", "\"swish\""),
        good.toString().replace("\"half_mse\"", "\"l1\""),
        good.toString().replace("\"learningRate\":0.05", "\"learningRate\":-0.05"),
        good.toString().replace("\"steps\":300", "\"steps\":0"),
        good.toString().replace("\"layers\":[1,8,1]", "\"layers\":[1,0,1]"),
        good.toString().replace("\"standardize\"", "\"standardise\""),
        // an expected disagreement must say where it shows; agreement takes no such declaration
        good.toString().replace("\"steps\":300", "\"steps\":300,\"expect\":\"disagree\",\"expectReason\":\"x\""),
        good.toString().replace("\"steps\":300", "\"steps\":300,\"expectDivergence\":{\"step\":0}"),
        good.toString().replace("\"steps\":300", "\"steps\":300,\"expect\":\"disagree\",\"expectReason\":\"x\","
            + "\"expectDivergence\":{\"tensor\":\"dW1\",\"relativeError\":[1e-3]}"),
        good.toString().replace("\"steps\":300", "\"steps\":300,\"expect\":\"disagree\",\"expectReason\":\"x\","
            + "\"expectDivergence\":{\"tensor\":\"gradient\",\"relativeError\":[0,1]}"));
    for (String text : broken) {
      assertThat(text).isNotEqualTo(good.toString());
      assertThat(schema.validate(M.readTree(text))).as(text).isNotEmpty();
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> CaseParser.parse(text, "x", Path.of(".")))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
