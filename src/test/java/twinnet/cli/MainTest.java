package twinnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The command line end to end: exit statuses, the default comparison, bad input. */
class MainTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void noArgumentsMeansTheSeedStudy() {
    assertThat(Main.withDefault(new String[0])).containsExactly("study");
    assertThat(Main.withDefault(new String[] {"compare"})).containsExactly("compare");
  }

  @Test
  void compareWithDefaultsAgrees() {
    assertThat(run("compare")).isZero();
    assertThat(out.toString()).contains("y = 3x² + 3x", "[1, 8, 1] hidden=relu output=identity loss=half_mse",
        "dW1", "db1", "AGREE over 300 steps", "VERDICT: AGREE");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void aKnownDl4jQuirkDisagreesWithExitOne() {
    assertThat(run("compare", "--hidden", "elu", "--alpha", "0.5", "--layers", "1,6,1", "--steps", "5")).isEqualTo(1);
    assertThat(out.toString()).contains("DISAGREE at layer 1 dW1", "VERDICT: DISAGREE");
  }

  @Test
  void dl4jCanDrawTheInitialWeights() {
    assertThat(run("compare", "--init-side", "dl4j", "--hidden", "tanh", "--steps", "20")).isZero();
    assertThat(out.toString()).contains("drawn by dl4j");
  }

  @Test
  void unknownActivationIsBadInputWithTheKnownNames() {
    assertThat(run("compare", "--hidden", "swish")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown activation 'swish'", "relu, leaky_relu", "--help");
    assertThat(err.toString()).doesNotContain("Exception", "\tat ");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void layersThatDoNotFitTheDataAreBadInput() {
    assertThat(run("compare", "--layers", "3,4,1")).isEqualTo(2);
    assertThat(err.toString()).contains("X has 1 feature rows but the network takes 3 inputs");
  }

  @Test
  void nonPositiveLearningRateAndStepsAreBadInput() {
    assertThat(run("compare", "--lr", "-0.1")).isEqualTo(2);
    assertThat(err.toString()).contains("--lr must be a positive number, got -0.1");
    assertThat(run("compare", "--steps", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("--steps must be between 1 and 1000000, got 0");
    assertThat(run("compare", "--lr", "fast")).isEqualTo(2);
    assertThat(err.toString()).contains("'fast'");
  }

  @Test
  void bceNeedsASigmoidOutput() {
    assertThat(run("compare", "--loss", "bce")).isEqualTo(2);
    assertThat(err.toString()).contains("bce loss needs a sigmoid output");
    assertThat(run("compare", "--loss", "bce", "--output", "sigmoid", "--steps", "50")).isZero();
  }

  @Test
  void versionNamesDl4j() {
    assertThat(run("--version")).isZero();
    assertThat(out.toString()).contains("DL4J 1.0.0-M2.1");
  }

  @Test
  void benchAndStudyRefuseBadInputBeforeAnyWork(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws java.io.IOException {
    assertThat(run("bench", "--sizes", "huge")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown size 'huge'; use tiny, medium, large");
    assertThat(run("bench", "--threads", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("--threads must be between 1 and 256, got 0");
    assertThat(run("bench", "--threads", "two")).isEqualTo(2);
    java.nio.file.Path file = dir.resolve("a-file");
    java.nio.file.Files.writeString(file, "x");
    assertThat(run("study", "--out", file.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("is a file, not a folder");
    assertThat(out.toString()).doesNotContain("MSE scratch");
    assertThat(run("frobnicate")).isEqualTo(2);
    assertThat(err.toString()).contains("Unmatched argument").doesNotContain("\tat ");
  }

  @Test
  void aFloatTwinIsComparedWithFloatTolerances() {
    assertThat(run("compare", "--dtype", "float", "--hidden", "tanh", "--steps", "20")).isZero();
    assertThat(out.toString()).contains("DL4J in float32", "VERDICT: AGREE");
    assertThat(run("compare", "--dtype", "half")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown --dtype 'half'; use double or float");
  }
}
