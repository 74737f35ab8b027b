package twinnet.cases;

import java.util.List;
import twinnet.compare.Comparison;
import twinnet.compare.ReluDiagnostics;
import twinnet.compare.SideBySide;
import twinnet.data.Dataset;
import twinnet.model.LayerQuantities;
import twinnet.model.Matrix;
import twinnet.model.Network;
import twinnet.model.Parameters;

/**
 * Everything a case run produced: the data as fed, the initial weights, both sides at step 0, the
 * side-by-side training, the final state, and the verdict.
 *
 * @param status {@code agree}, {@code disagree} or {@code both_diverged}
 * @param firstDivergence where the sides first part, or null
 * @param diagnosis sentences: the recognised cause and what to check
 * @param studyScratch every layer's course quantities at step 0 on the scratch side, for small networks (study
 *     mode); null otherwise
 * @param studyDl4j the same on the DL4J side, mapped to the course's convention; null otherwise
 * @param dropoutMasks the dropout masks both sides used, for an outside checker to replay; null without dropout
 */
public record CaseResult(Case kase, Dataset data, Parameters initial, Network.Backprop step0Scratch,
    Network.Backprop step0Dl4j, Comparison atStart, SideBySide training, Parameters finalScratch,
    Parameters finalDl4j, Matrix predictionsScratch, Matrix predictionsDl4j, ReluDiagnostics reluAtStart,
    ReluDiagnostics reluAtEnd, String status, FirstDivergence firstDivergence, List<String> diagnosis,
    double seconds, Mapping mapping, List<LayerQuantities> studyScratch, List<LayerQuantities> studyDl4j,
    DropoutMasks dropoutMasks, ConvStudy convStudy) {

  /**
   * Study mode of a network with conv stages, at the initial weights: the first examples' images and every stage's
   * output (its feature maps), scratch's and DL4J's, and every conv's filters, scratch's and DL4J's read back from
   * its parameters, all in the course's layout (m, n_H, n_W, n_C) and (f, f, n_C_prev, n_C).
   */
  public record ConvStudy(twinnet.model.Tensor4 input, List<String> stages, List<twinnet.model.Tensor4> mapsScratch,
      List<twinnet.model.Tensor4> mapsDl4j, List<twinnet.model.Tensor4> filtersScratch,
      List<twinnet.model.Tensor4> filtersDl4j) {}

  /** Examples whose feature maps study mode shows, and the most numbers it keeps of them. */
  public static final int CONV_STUDY_EXAMPLES = 2;
  public static final int CONV_STUDY_MAX_NUMBERS = 100_000;

  /**
   * D^[l] (n_l × m, 1 kept, 0 dropped; null for a layer that drops nothing) of every hidden layer l: at the
   * initial weights on all the data ({@code atStart}, the step-0 comparison), and at each training step
   * on its batch, for the first {@code steps.size()} of {@code stepsRun} steps (at most {@link
   * #MAX_MASK_NUMBERS} numbers in all).
   */
  public record DropoutMasks(List<List<Matrix>> steps, List<Matrix> atStart, int stepsRun) {}

  /** The most mask entries a result keeps (and report.json writes). */
  public static final int MAX_MASK_NUMBERS = 200_000;

  /**
   * The convention mapping applied to the twin (see {@code Conventions}): J = c·S, and DL4J's learning rate.
   */
  public record Mapping(double costScale, double dl4jLearningRate) {}

  /** A network small enough to show Z, A, dA, dZ, dW, db of every layer side by side (study mode). */
  public static final int STUDY_MAX_UNITS = 8;
  public static final int STUDY_MAX_EXAMPLES = 25;

  /** Step (0-based), layer (0 for the cost or predictions), tensor and relative error. */
  public record FirstDivergence(int step, int layer, String tensor, double relativeError, String description) {}

  /**
   * Whether the outcome is the one the case declares: the status, and for an expected disagreement also
   * where it shows (step, tensor) and how much (the relative error's range).
   */
  public boolean asExpected() {
    return status.equals(kase.expect()) && unexpectedDivergence() == null;
  }

  /** Why the divergence is not the declared one, or null when it is (or nothing was declared). */
  public String unexpectedDivergence() {
    Case.ExpectedDivergence e = kase.expectDivergence();
    if (e == null || !status.equals(kase.expect())) {
      return null;
    }
    if (status.equals("both_diverged")) {
      return e.step() == null || e.step() == training.divergedAt() ? null : "the case expects both sides to "
          + "diverge at step " + e.step() + ", they did at step " + training.divergedAt();
    }
    FirstDivergence f = firstDivergence;
    String declared = "at " + (e.step() == null ? "" : "step " + e.step() + ", ") + e.tensor() + " with a relative "
        + "error in [" + e.minRelativeError() + ", " + e.maxRelativeError() + "]";
    if (f == null || (e.step() != null && f.step() != e.step()) || !f.tensor().equals(e.tensor())
        || !(f.relativeError() >= e.minRelativeError() && f.relativeError() <= e.maxRelativeError())) {
      return "the case expects the first disagreement " + declared + "; it came " + (f == null ? "nowhere"
          : "at step " + f.step() + ", " + f.tensor() + " with a relative error of " + String.format("%.3e",
              f.relativeError()));
    }
    return null;
  }

  /** One line: the case, the outcome, and whether it was expected. */
  public String verdictLine() {
    String outcome = switch (status) {
      case "agree" -> "AGREE";
      case "disagree" -> "DISAGREE";
      default -> "BOTH DIVERGED";
    };
    String expectation = asExpected()
        ? (kase.expectsDisagreement() ? " (expected: " + kase.expectReason() + ")" : "")
        : " — UNEXPECTED, " + (status.equals(kase.expect()) ? unexpectedDivergence()
            : "the case expects " + kase.expect());
    String where = firstDivergence == null ? "" : " at " + firstDivergence.description();
    return (asExpected() ? "ok   " : "FAIL ") + kase.name() + ": " + outcome + where + expectation;
  }
}
