package twinnet.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import twinnet.cli.Main;
import twinnet.model.Matrix;

/**
 * The protocol, fuzzed with a child that misbehaves every way a program can (malformed JSON, wrong shapes,
 * stray prints on standard output, exiting mid-answer, never answering), and the bridge's own messages
 * validated against docs/check-protocol.schema.json. Bad input to check (no file, a syntax error, no course
 * function, no numpy) is exit 2 and one line.
 */
class ProtocolTest {
  static final ObjectMapper M = new ObjectMapper();
  static final Path FAKE = Path.of("src/test/resources/check/fake_client.py");

  @TempDir
  Path dir;

  record Ran(int rc, String out, String err) {}

  Ran check(String... args) {
    List<String> a = new ArrayList<>(List.of("check", "--out", dir.resolve("out").toString(), "--steps", "5"));
    a.addAll(List.of(args));
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int rc = Main.execute(a.toArray(String[]::new), new PrintWriter(o, true), new PrintWriter(e, true));
    return new Ran(rc, o.toString(), e.toString());
  }

  private static void oneLine(Ran r, String contains) {
    assertThat(r.rc()).as(r.out() + r.err()).isEqualTo(2);
    assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
    assertThat(r.err()).startsWith("error: ").contains(contains).doesNotContain("\tat ", "Exception:");
  }

  static Stream<Arguments> misbehaving() {
    return Stream.of(
        Arguments.of("badjson", "answered linear_forward with a line that is not JSON"),
        Arguments.of("crash", "exited (exit status 7) in the middle of answering linear_forward"),
        Arguments.of("nohello", "did not start with its hello line"),
        Arguments.of("future", "answered a request it was not sent"),
        Arguments.of("noresult", "with \"ok\": true and no \"result\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("misbehaving")
  void aChildThatBreaksTheProtocolIsOneLineAndExitTwo(String mode, String message) {
    long t0 = System.nanoTime();
    Ran r = check("--exec", "python3 " + FAKE + " " + mode, "--timeout", "2");
    oneLine(r, message);
    assertThat((System.nanoTime() - t0) / 1e9).as("bounded by the per-call limit").isLessThan(30);
    assertThat(dir.resolve("out/check")).doesNotExist();
  }

  /** A function that never answers is that function's verdict (timeout, with the limit); the check goes on. */
  @Test
  void aFunctionThatHangsIsItsVerdictNotTheChecksEnd() throws IOException {
    long t0 = System.nanoTime();
    Ran hang = check("--exec", "python3 " + FAKE + " hang", "--timeout", "2");
    assertThat(hang.rc()).as(hang.out() + hang.err()).isEqualTo(1);
    assertThat((System.nanoTime() - t0) / 1e9).as("bounded by the per-call limit").isLessThan(30);
    JsonNode f = function(M.readTree(dir.resolve("out/check/fake_client/check.json").toFile()), "linear_forward");
    assertThat(f.get("status").asText()).isEqualTo("timeout");
    assertThat(f.get("diagnosis").get(0).asText()).contains("linear_forward did not answer within 2 s",
        "the check went on with the other functions");
    assertThat(hang.out()).contains("FIRST WRONG: linear_forward (TIMEOUT)");
  }

  @Test
  void wrongShapesAndNaNAreWrongFunctionsNotProtocolErrors() throws IOException {
    Ran shape = check("--exec", "python3 " + FAKE + " shape");
    assertThat(shape.rc()).as(shape.out() + shape.err()).isEqualTo(1);
    JsonNode f = function(M.readTree(dir.resolve("out/check/fake_client/check.json").toFile()), "linear_forward");
    assertThat(f.get("status").asText()).isEqualTo("wrong");
    assertThat(f.get("firstWrong").asText()).isEqualTo("Z");
    Ran nan = check("--exec", "python3 " + FAKE + " nan");
    assertThat(nan.rc()).isEqualTo(1);
    assertThat(nan.out()).contains("Z holds NaN or ∞ where the reference is finite");
  }

  @Test
  void strayPrintsOnStandardOutputAreIgnoredAndNoted() throws IOException {
    Ran junk = check("--exec", "python3 " + FAKE + " junk");
    assertThat(junk.rc()).as(junk.out() + junk.err()).isZero();
    JsonNode r = M.readTree(dir.resolve("out/check/fake_client/check.json").toFile());
    assertThat(r.get("notes").toString()).contains("are not the protocol's were ignored", "debug: computing Z");
    assertThat(function(r, "linear_forward").get("status").asText()).isEqualTo("ok");
    assertThat(r.get("training").get("status").asText()).isEqualTo("not_run");
  }

  @Test
  void badInputIsExitTwoAndOneLine() throws IOException {
    oneLine(check(dir.resolve("missing.py").toString()), "no such file");
    Path txt = Files.writeString(dir.resolve("notes.txt"), "def linear_forward(A, W, b): pass\n");
    oneLine(check(txt.toString()), "neither a .py nor an .ipynb");
    Path syntax = Files.writeString(dir.resolve("syntax.py"), "import numpy as np\n\ndef linear_forward(A, W, b)\n"
        + "    return np.dot(W, A) + b, (A, W, b)\n");
    oneLine(check(syntax.toString()), "SyntaxError at line 3");
    Path nb = Files.writeString(dir.resolve("syntax.ipynb"), "{\"cells\": [{\"cell_type\": \"markdown\", \"source\": "
        + "\"# hi\"}, {\"cell_type\": \"code\", \"source\": [\"%matplotlib inline\\n\", \"import numpy as np\"]}, "
        + "{\"cell_type\": \"code\", \"source\": [\"def relu(Z):\\n\", \"    return np.maximum(0, Z), Z\\n\", "
        + "\"x = = 1\"]}], \"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {}}");
    oneLine(check(nb.toString()), "SyntaxError at code cell 2, line 3");
    Path none = Files.writeString(dir.resolve("none.py"), "import numpy as np\n\ndef my_helper(x):\n    return x\n");
    oneLine(check(none.toString()), "defines none of the course's functions");
    oneLine(check("--python", dir.resolve("no-python").toString(), "examples/learners/correct.py"), "cannot start");
    oneLine(check("examples/learners/correct.py", "--exec", "python3 x.py"), "not both");
    oneLine(check("--exec", "python3 'unclosed"), "a quote is not closed");
    oneLine(check("examples/learners/correct.py", "--loss", "hinge"), "unknown loss");
    oneLine(check("examples/learners/correct.py", "--output", "relu"), "bce loss needs a sigmoid output");
    assertThat(dir.resolve("out/check")).doesNotExist();
  }

  @Test
  void aPythonWithoutNumpyIsNamedAndSkipped() throws IOException {
    Path fake = dir.resolve("fake-site");
    Files.createDirectories(fake.resolve("numpy"));
    Files.writeString(fake.resolve("numpy/__init__.py"), "raise ImportError('no numpy in this python')\n");
    Path py = dir.resolve("python-without-numpy");
    Files.writeString(py, "#!/bin/sh\nPYTHONPATH=" + fake + " exec python3 \"$@\"\n");
    py.toFile().setExecutable(true);
    oneLine(check("--python", py.toString(), "examples/learners/correct.py"), "no python3 with numpy (tried " + py
        + " (no numpy))");
  }

  @Test
  void theBridgesMessagesFollowTheSchema() throws Exception {
    JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
        .getSchema(M.readTree(Path.of("docs/check-protocol.schema.json").toFile()));
    Path script = dir.resolve("bridge.py");
    try (var in = Check.class.getResourceAsStream("/twinnet/check/bridge.py")) {
      Files.write(script, in.readAllBytes());
    }
    Process p = new ProcessBuilder("python3", script.toString(), "examples/learners/relu-backward-mutates.py",
        String.join(",", Catalogue.names()))
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    Matrix Z = Matrix.of(new double[][] {{1, -2, 0}, {0.5, 3, -1}});
    List<ObjectNode> requests = new ArrayList<>();
    requests.add(request(1, "relu_backward", Values.array(Z), Values.array(Z)));
    requests.add(request(2, "linear_forward", Values.array(Z), Values.array(Matrix.of(new double[][] {{1, 2}})),
        Values.array(Matrix.of(new double[][] {{Double.NaN}}))));
    requests.add(request(3, "linear_backward", Values.array(Z), Values.tuple(Values.array(Z))));
    requests.add(request(4, "no_such_function"));
    List<JsonNode> messages = new ArrayList<>();
    try (OutputStream o = p.getOutputStream();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      messages.add(M.readTree(r.readLine()));
      for (ObjectNode q : requests) {
        o.write((q + "\n").getBytes(StandardCharsets.UTF_8));
        o.flush();
        messages.add(M.readTree(r.readLine()));
      }
      o.write("{\"id\": 0, \"call\": \"__exit__\"}\n".getBytes(StandardCharsets.UTF_8));
    }
    p.waitFor();
    for (JsonNode m : messages) {
      assertThat(schema.validate(m)).as(m.toString()).isEmpty();
    }
    for (ObjectNode q : requests.subList(0, 3)) { // as they travel: NaN written as the string "NaN"
      assertThat(q.toString()).doesNotContain(":NaN", "[NaN");
      assertThat(schema.validate(M.readTree(q.toString()))).as(q.toString()).isEmpty();
    }
    assertThat(messages.get(0).get("defines").toString()).contains("relu_backward", "L_model_backward");
    assertThat(messages.get(1).get("mutated").toString()).isEqualTo("[0]"); // relu_backward wrote into dA
    assertThat(messages.get(2).get("result").get(0).get("ndarray").toString()).contains("NaN"); // a NaN b, as a string
    assertThat(messages.get(3).get("ok").asBoolean()).isFalse(); // a cache of one entry: cannot unpack it
    assertThat(messages.get(3).get("error").get("type").asText()).isEqualTo("ValueError");
    assertThat(messages.get(3).get("error").get("where").asText()).startsWith("line ");
    assertThat(messages.get(4).get("error").get("type").asText()).isEqualTo("NotFound");
  }

  static JsonNode function(JsonNode report, String name) {
    for (JsonNode f : report.get("functions")) {
      if (f.get("name").asText().equals(name)) {
        return f;
      }
    }
    throw new AssertionError("no " + name + " in " + report);
  }

  private static ObjectNode request(int id, String call, JsonNode... args) {
    ObjectNode q = M.createObjectNode();
    q.put("id", id);
    q.put("call", call);
    var a = q.putArray("args");
    for (JsonNode n : args) {
      a.add(n);
    }
    return q;
  }
}
