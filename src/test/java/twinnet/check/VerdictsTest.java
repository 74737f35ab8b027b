package twinnet.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verdicts never contradict each other, and each says what it knows: six held-out files that once got a
 * headline at odds with a function's verdict, a WRONG without a cause, another slip's sentence, a message about
 * types where the cost was NaN, a model blamed on twinnet's own test data, or a whole check ended by one hang.
 */
class VerdictsTest {
  @TempDir
  Path out;

  @TempDir
  Path dir;

  static final Path CORRECT = Path.of("examples/learners/correct.py");

  /** correct.py with one line replaced (it must be there). */
  private Path variant(String name, String line, String replacement) throws IOException {
    String text = Files.readString(CORRECT);
    assertThat(text).contains(line);
    return Files.writeString(dir.resolve(name + ".py"), text.replace(line, replacement));
  }

  @Test
  void aWrongFunctionIsNeverToldItsImplementationIsRight() throws IOException {
    JsonNode r = ExamplesTest.check(out, Path.of("examples/learners/relu-backward-mutates.py"));
    assertThat(ProtocolTest.function(r, "relu_backward").get("status").asText()).isEqualTo("wrong");
    String verdict = r.get("training").get("verdict").asText();
    assertThat(verdict).doesNotContain("Your implementation is right").contains("yet relu_backward", "wrong (above)", "fix them first");
  }

  @Test
  void anUpdateThatSkipsTheLastLayerSaysWhichParametersDidNotMove() throws IOException {
    Path f = variant("skip-last", "    for l in range(L):\n        parameters[\"W\" + str(l + 1)]",
        "    for l in range(L - 1):\n        parameters[\"W\" + str(l + 1)]");
    JsonNode u = ProtocolTest.function(ExamplesTest.check(out, f, "--hidden", "relu", "--output", "sigmoid", "--loss",
        "bce"), "update_parameters");
    assertThat(u.get("status").asText()).isEqualTo("wrong");
    assertThat(u.get("diagnosis").get(0).asText()).contains("W2, b2 did not move", "range(L − 1)");
  }

  @Test
  void aDaPrevWithOneOverMGetsItsOwnSentenceNotDWs() throws IOException {
    Path f = variant("da-prev-over-m", "    dA_prev = np.dot(W.T, dZ)\n", "    dA_prev = np.dot(W.T, dZ) / m\n");
    JsonNode lb = ProtocolTest.function(ExamplesTest.check(out, f, "--hidden", "relu", "--output", "sigmoid",
        "--loss", "bce"), "linear_backward");
    assertThat(lb.get("status").asText()).isEqualTo("wrong");
    assertThat(lb.get("firstWrong").asText()).isEqualTo("dA_prev");
    assertThat(lb.get("diagnosis").get(0).asText()).contains("dA_prev carries a 1/m", "dA_prev = Wᵀ·dZ has none")
        .doesNotContain("dW = 1/m · dZ·A_prevᵀ, db");
  }

  @Test
  void aReluOutputUnderCrossEntropySaysTheCostIsNaNAndWhy() throws IOException {
    Path f = variant("relu-output", "parameters['b' + str(L)], \"sigmoid\")", "parameters['b' + str(L)], \"relu\")");
    JsonNode t = ExamplesTest.check(out, f, "--hidden", "relu", "--output", "sigmoid", "--loss", "bce")
        .get("training");
    assertThat(t.toString()).doesNotContain("should be a number, got an array").contains("the cost is NaN at step 0",
        "AL must stay in (0, 1)");
  }

  @Test
  void aRightClassifierIsNotToldTheModelIsTheProblemOnTwinnetsData() throws IOException {
    JsonNode t = ExamplesTest.check(out, CORRECT).get("training");
    assertThat(t.get("status").asText()).isEqualTo("ok");
    assertThat(t.get("verdict").asText()).contains("Your implementation is right", "the seed's data")
        .doesNotContain("The model is the problem");
  }

  @Test
  void aFunctionThatHangsIsItsVerdictAndTheOthersAreStillChecked() throws IOException {
    Path f = variant("hangs", "    dA_prev = np.dot(W.T, dZ)\n", "    import time; time.sleep(600)\n"
        + "    dA_prev = np.dot(W.T, dZ)\n");
    long t0 = System.nanoTime();
    JsonNode r = ExamplesTest.check(out, f, "--hidden", "relu", "--output", "sigmoid", "--loss", "bce", "--timeout",
        "2");
    assertThat((System.nanoTime() - t0) / 1e9).as("each hang costs its limit, not the check").isLessThan(60);
    JsonNode lb = ProtocolTest.function(r, "linear_backward");
    assertThat(lb.get("status").asText()).isEqualTo("timeout");
    assertThat(lb.get("diagnosis").get(0).asText()).contains("did not answer within 2 s");
    assertThat(ProtocolTest.function(r, "update_parameters").get("status").asText()).as("checked after the hang")
        .isEqualTo("ok");
    assertThat(r.get("firstWrongFunction").asText()).isEqualTo("linear_backward");
  }
}
