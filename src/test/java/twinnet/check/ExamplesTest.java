package twinnet.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import twinnet.cli.Main;

/**
 * The example learner files (examples/learners/, written for twinnet in the course's style): the correct
 * ones agree everywhere, and each broken one, one realistic bug each, is caught at the right function with
 * its cause named. Each file's header says what to expect ("# expect: FUNCTION ..." or "ok"); the cause's
 * words are pinned here. Needs a python3 with numpy (.ci/run installs Debian's python3-numpy).
 */
class ExamplesTest {
  static final ObjectMapper M = new ObjectMapper();
  static final String REGRESSION = "--hidden relu --output relu --loss half_mse";

  @TempDir
  Path out;

  static Stream<Arguments> examples() {
    return Stream.of(
        Arguments.of("correct.py", null),
        Arguments.of("correct.ipynb", null),
        Arguments.of("seed-regression.py", null),
        Arguments.of("dal-summed.py", "dAL is summed to one number (np.sum(AL − Y)/m, a guess of the seed's)"),
        Arguments.of("dal-times-a.py", "dAL is multiplied by A and summed (np.sum((AL − Y)·AL)/m"),
        Arguments.of("dal-over-m.py", "dAL is divided by m: the 1/m is then applied twice"),
        Arguments.of("db-no-keepdims.py", "db has shape (4,) instead of (4, 1): a sum without keepdims=True"),
        Arguments.of("relu-backward-mutates.py", "relu_backward changed its input dA in place"),
        Arguments.of("relu-backward-z-lt-0.py", "ReLU′(0) taken as 1"),
        Arguments.of("cache-order.py", "cache entries in the wrong order"),
        Arguments.of("grads-off-by-one.py", "grads keys off by one layer"),
        Arguments.of("update-plus.py", "the update has the wrong sign"),
        Arguments.of("sigmoid-backward-typo.py", "the derivative of the sigmoid is wrong"),
        Arguments.of("no-seed-init.py", "np.random.seed(3) is missing"),
        Arguments.of("dropout-forward-not-scaled.py", "A1 = A1 * D1 (and A2 alike) without dividing by keep_prob"),
        Arguments.of("dropout-backward-not-scaled.py", "dA2 = dA2 * D2 without dividing by keep_prob"),
        Arguments.of("dropout-mask-not-reused.py", "dA2 (and dA1) are not multiplied by the forward pass's mask"));
  }

  /** The header's lines: "# model: FLAGS" and "# expect: ok | FUNCTION STATUS ...". */
  static String header(Path file, String key) throws IOException {
    String text = Files.readString(file);
    if (file.toString().endsWith(".ipynb")) {
      text = text.replace("\\n", "\n").replace("\"", "\n");
    }
    return text.lines().map(String::strip).filter(l -> l.startsWith("# " + key + ":")).findFirst()
        .map(l -> l.substring(key.length() + 3).strip().replace("\"", "")).orElseThrow(() -> new AssertionError(
            file + " has no '# " + key + ":' line"));
  }

  /** Checks {@code file} as its header declares, or as {@code model} flags say when given. */
  static JsonNode check(Path out, Path file, String... model) throws IOException {
    List<String> args = new ArrayList<>(List.of("check", file.toString(), "--out", out.toString(), "--steps", "30"));
    args.addAll(model.length > 0 ? List.of(model) : List.of(header(file, "model").split("\\s+")));
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int rc = Main.execute(args.toArray(String[]::new), new PrintWriter(o, true), new PrintWriter(e, true));
    assertThat(e.toString()).as("no error for " + file).isEmpty();
    String stem = file.getFileName().toString().replaceAll("\\.(py|ipynb)$", "");
    JsonNode report = M.readTree(out.resolve("check").resolve(stem).resolve("check.json").toFile());
    assertThat(rc).as(o.toString()).isEqualTo(report.get("allRight").asBoolean() ? 0 : 1);
    return report;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void eachExampleIsCaughtAtItsFunctionWithItsCause(String name, String cause) throws IOException {
    Path file = Path.of("examples/learners", name);
    JsonNode r = check(out, file);
    String expect = header(file, "expect");
    JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
        .getSchema(M.readTree(Path.of("docs/check.schema.json").toFile()));
    assertThat(schema.validate(r)).as("check.json against docs/check.schema.json").isEmpty();
    if (cause == null) {
      assertThat(expect).startsWith("ok");
      assertThat(r.get("allRight").asBoolean()).as(r.toPrettyString()).isTrue();
      assertThat(r.get("firstWrongFunction").isNull()).isTrue();
      assertThat(r.get("training").get("status").asText()).isEqualTo("ok");
      return;
    }
    String function = expect.split("\\s+")[0];
    assertThat(r.get("allRight").asBoolean()).isFalse();
    assertThat(r.get("firstWrongFunction").asText()).as(r.toPrettyString()).isEqualTo(function);
    JsonNode f = null;
    for (JsonNode n : r.get("functions")) {
      if (n.get("name").asText().equals(function)) {
        f = n;
      }
    }
    assertThat(f.get("status").asText()).isEqualTo("wrong");
    assertThat(f.get("diagnosis").get(0).asText()).as(f.toPrettyString()).contains(cause);
    assertThat(f.get("firstWrong").isNull()).isFalse();
  }

  @Test
  void theDropoutNotebookAgreesWithTheLearnersOwnMasks() throws IOException {
    // course 2's functions only: its helpers (reg_utils's sigmoid and relu, no cache) come from the bridge
    JsonNode r = check(out, Path.of("examples/learners/dropout.py"));
    assertThat(r.get("allRight").asBoolean()).as(r.toPrettyString()).isTrue();
    for (String f : List.of("forward_propagation_with_dropout", "backward_propagation_with_dropout")) {
      assertThat(ProtocolTest.function(r, f).get("status").asText()).isEqualTo("ok");
    }
    // the notebook is read from what the file defines: the regularization notebook, whose L2 pair it lacks
    assertThat(r.get("notebooks").toString()).isEqualTo("[\"c2w1-regularization\"]");
    assertThat(ProtocolTest.function(r, "compute_cost_with_regularization").get("status").asText())
        .isEqualTo("not_found");
    assertThat(r.get("training").get("status").asText()).isNotEqualTo("ok");
  }

  @Test
  void aForwardPassThatDoesNotSeedItselfGetsItsMasksFromTheProtocolsSeed(@TempDir Path dir) throws IOException {
    // without np.random.seed(1) in the function, the same call draws the same masks only because twinnet
    // seeds it ("seed" in the request); without that, the second call's check would fail
    String text = Files.readString(Path.of("examples/learners/dropout.py"));
    assertThat(text).contains("    np.random.seed(1)\n");
    Path f = Files.writeString(dir.resolve("unseeded.py"), text.replace("    np.random.seed(1)\n", ""));
    JsonNode r = check(out, f);
    assertThat(ProtocolTest.function(r, "forward_propagation_with_dropout").get("status").asText())
        .as(r.toPrettyString()).isEqualTo("ok");
  }

  @Test
  void theSeedsModelIsRightCodeAndAWrongModel() throws IOException {
    JsonNode t = check(out, Path.of("examples/learners/seed-regression.py")).get("training");
    assertThat(t.get("verdict").asText()).contains("Your implementation is right", "The model is the problem");
    assertThat(t.get("diagnosis").toString()).contains("prediction(s) exactly 0", "dead on every example");
  }

  @Test
  void codeThatImplementsAnotherModelThanDeclaredIsNamed() throws IOException {
    // the course's code (sigmoid output) declared as the seed's regression (ReLU output, half-MSE)
    JsonNode r = check(out, Path.of("examples/learners/correct.py"), "--output", "relu", "--loss", "half_mse");
    JsonNode f = ProtocolTest.function(r, "L_model_forward");
    assertThat(f.get("status").asText()).isEqualTo("wrong");
    assertThat(f.get("diagnosis").get(0).asText()).contains("match a relu hidden layers and a sigmoid output",
        "--output relu");
    assertThat(ProtocolTest.function(r, "compute_cost").get("diagnosis").get(0).asText())
        .contains("compute_cost computes bce", "--loss half_mse");
  }

  @Test
  void aFunctionThatRaisesShowsItsExceptionAndLineAndTheCheckGoesOn(@TempDir Path dir) throws IOException {
    Path f = Files.writeString(dir.resolve("raises.py"), """
        import numpy as np

        def linear_forward(A, W, b):
            Z = np.dot(A, W) + b
            return Z, (A, W, b)

        def relu(Z):
            return np.maximum(0, Z), Z
        """);
    StringWriter o = new StringWriter();
    int rc = Main.execute(new String[] {"check", f.toString(), "--out", out.toString()}, new PrintWriter(o, true),
        new PrintWriter(new StringWriter(), true));
    assertThat(rc).isEqualTo(1);
    JsonNode r = M.readTree(out.resolve("check/raises/check.json").toFile());
    JsonNode lf = ProtocolTest.function(r, "linear_forward");
    assertThat(lf.get("status").asText()).isEqualTo("raised");
    assertThat(lf.get("diagnosis").get(0).asText()).contains("ValueError", "line 4: Z = np.dot(A, W) + b");
    assertThat(ProtocolTest.function(r, "relu").get("status").asText()).isEqualTo("ok"); // the check went on
    assertThat(ProtocolTest.function(r, "L_model_forward").get("status").asText()).isEqualTo("not_found");
  }

  @Test
  void aSoftmaxClassifierIsCheckedToo(@TempDir Path dir) throws IOException {
    // course 2's softmax output with categorical cross-entropy, and a slip in it
    String right = """
        import numpy as np

        def L_model_forward(X, parameters):
            caches = []
            A = X
            L = len(parameters) // 2
            for l in range(1, L + 1):
                A_prev = A
                W, b = parameters["W" + str(l)], parameters["b" + str(l)]
                Z = np.dot(W, A_prev) + b
                if l < L:
                    A = np.maximum(0, Z)
                else:
                    e = np.exp(Z - np.max(Z, axis=0, keepdims=True))
                    A = e / np.sum(e, axis=0, keepdims=True)
                caches.append(((A_prev, W, b), Z))
            return A, caches

        def compute_cost(AL, Y):
            m = Y.shape[1]
            return np.squeeze(-np.sum(Y * np.log(AL)) / m)

        def L_model_backward(AL, Y, caches):
            grads = {}
            L = len(caches)
            m = AL.shape[1]
            dZ = AL - Y                      # softmax with cross-entropy, combined
            for l in reversed(range(1, L + 1)):
                (A_prev, W, b), Z = caches[l - 1]
                if l < L:
                    dZ = np.array(dA, copy=True)
                    dZ[Z <= 0] = 0
                grads["dW" + str(l)] = np.dot(dZ, A_prev.T) / m
                grads["db" + str(l)] = np.sum(dZ, axis=1, keepdims=True) / m
                dA = np.dot(W.T, dZ)
                grads["dA" + str(l - 1)] = dA
            return grads

        def update_parameters(params, grads, learning_rate):
            parameters = {k: v.copy() for k, v in params.items()}
            for l in range(1, len(parameters) // 2 + 1):
                parameters["W" + str(l)] -= learning_rate * grads["dW" + str(l)]
                parameters["b" + str(l)] -= learning_rate * grads["db" + str(l)]
            return parameters
        """;
    Path ok = Files.writeString(dir.resolve("softmax_ok.py"), right);
    JsonNode r = check(out, ok, "--output", "softmax", "--loss", "cce");
    assertThat(r.get("allRight").asBoolean()).as(r.toPrettyString()).isTrue();
    assertThat(r.get("training").get("status").asText()).isEqualTo("ok");
    Path slip = Files.writeString(dir.resolve("softmax_slip.py"), right.replace("dZ = AL - Y ", "dZ = AL     "));
    JsonNode w = check(out, slip, "--output", "softmax", "--loss", "cce");
    assertThat(w.get("firstWrongFunction").asText()).isEqualTo("L_model_backward");
  }

  @Test
  void aNotebooksOtherCellsAreNotRun() throws IOException {
    JsonNode r = check(out, Path.of("examples/learners/correct.ipynb"));
    assertThat(r.get("notes").toString()).doesNotContain("Not loaded").contains("Modules stood in for");
    // every course function is there and agrees, L_layer_model included
    assertThat(r.get("functions").findValuesAsText("status")).containsOnly("ok");
    assertThat(r.get("training").get("layerModel").asText()).isEqualTo("ok");
  }

  @Test
  void twoFilesOfTheSameNameKeepTheirOwnReports(@TempDir Path dir) throws IOException {
    Path a = Files.createDirectories(dir.resolve("week1")).resolve("my.py");
    Path b = Files.createDirectories(dir.resolve("week2")).resolve("my.py");
    Files.copy(Path.of("examples/learners/c2w1-initialization/correct.py"), a);
    Files.copy(Path.of("examples/learners/c2w2-optimization/correct.py"), b);
    Path out = dir.resolve("out");
    for (Path f : List.of(a, b, a)) {
      int rc = Main.execute(new String[] {"check", f.toString(), "--out", out.toString()}, new PrintWriter(
          new StringWriter(), true), new PrintWriter(new StringWriter(), true));
      assertThat(rc).isZero();
    }
    assertThat(M.readTree(out.resolve("check/my/check.json").toFile()).get("file").asText()).isEqualTo(a.toString());
    assertThat(M.readTree(out.resolve("check/my-2/check.json").toFile()).get("file").asText()).isEqualTo(b.toString());
    assertThat(out.resolve("check/my-3")).doesNotExist(); // the second check of week1/my.py replaced its own
  }
}
