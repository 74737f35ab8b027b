package twinnet.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import twinnet.cli.Main;

/**
 * One folder of examples per notebook of the catalogue (examples/learners/NOTEBOOK/): a correct file that agrees
 * everywhere, and slips, one realistic bug each, that {@code check} must catch at the function expected.json names,
 * with the cause it quotes. The notebook is read from the functions each file defines (no --notebook given), so these
 * also hold the catalogue's guess. An entry's "status" is "raised" where the slip makes numpy raise. Needs a python3 with numpy (.ci/run installs Debian's python3-numpy).
 */
class CatalogueExamplesTest {
  static final Path ROOT = Path.of("examples/learners");

  @TempDir
  Path out;

  /** Notebook folders, each with an expected.json. */
  static List<Path> folders() throws IOException {
    try (Stream<Path> s = Files.list(ROOT)) {
      return s.filter(p -> Files.isRegularFile(p.resolve("expected.json"))).sorted().toList();
    }
  }

  static Stream<Arguments> examples() throws IOException {
    List<Arguments> out = new ArrayList<>();
    for (Path folder : folders()) {
      for (JsonNode e : ExamplesTest.M.readTree(folder.resolve("expected.json").toFile())) {
        out.add(Arguments.of(folder.getFileName() + "/" + e.get("file").asText(), e));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void eachSlipIsCaughtAtItsFunctionWithItsCause(String name, JsonNode expected) throws IOException {
    Path file = ROOT.resolve(name);
    String notebook = file.getParent().getFileName().toString();
    List<String> args = List.of("check", file.toString(), "--out", out.toString());
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int rc = Main.execute(args.toArray(String[]::new), new PrintWriter(o, true), new PrintWriter(e, true));
    assertThat(e.toString()).as("no error for " + file).isEmpty();
    String stem = file.getFileName().toString().replaceAll("\\.(py|ipynb)$", "");
    JsonNode r = ExamplesTest.M.readTree(out.resolve("check").resolve(stem).resolve("check.json").toFile());
    JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
        .getSchema(ExamplesTest.M.readTree(Path.of("docs/check.schema.json").toFile()));
    assertThat(schema.validate(r)).as("check.json against docs/check.schema.json").isEmpty();
    assertThat(r.get("notebooks").toString()).as("the notebook read from the functions").isEqualTo("[\"" + notebook
        + "\"]");
    String function = expected.get("function").isNull() ? null : expected.get("function").asText();
    if (function == null) {
      assertThat(r.get("allRight").asBoolean()).as(o.toString()).isTrue();
      assertThat(rc).isZero();
      return;
    }
    assertThat(rc).as(o.toString()).isEqualTo(1);
    assertThat(r.get("firstWrongFunction").asText()).as(o.toString()).isEqualTo(function);
    JsonNode f = null;
    for (JsonNode n : r.get("functions")) {
      if (n.get("name").asText().equals(function)) {
        f = n;
      }
    }
    // "raised" where the slip makes numpy raise (a shape that cannot align), else "wrong"
    assertThat(f.get("status").asText()).isEqualTo(expected.has("status") ? expected.get("status").asText() : "wrong");
    assertThat(f.get("diagnosis").get(0).asText()).as(f.toPrettyString()).contains(expected.get("cause").asText());
    assertThat(o.toString()).contains("FIRST WRONG: " + function);
  }

  @Test
  void everyNotebookHasItsExamplesAndEveryExampleIsListed() throws IOException {
    Set<String> folders = new TreeSet<>();
    for (Path folder : folders()) {
      folders.add(folder.getFileName().toString());
      Set<String> listed = new TreeSet<>();
      for (JsonNode e : ExamplesTest.M.readTree(folder.resolve("expected.json").toFile())) {
        listed.add(e.get("file").asText());
        assertThat(e.get("function").isNull()).as(e + ": a slip names its cause, a right file none")
            .isEqualTo(e.get("cause").isNull());
      }
      Set<String> files = new TreeSet<>();
      try (Stream<Path> s = Files.list(folder)) {
        s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".py") || n.endsWith(".ipynb"))
            .forEach(files::add);
      }
      assertThat(listed).as(folder + ": every example in expected.json").isEqualTo(files);
      assertThat(listed).as(folder + " has a correct file").contains("correct.py");
    }
    Set<String> notebooks = new TreeSet<>();
    Catalogue.NOTEBOOKS.forEach(n -> notebooks.add(n.id()));
    notebooks.remove("c1w4-step-by-step"); // its examples are examples/learners/*.py, ExamplesTest's
    assertThat(folders).isEqualTo(notebooks);
  }
}
