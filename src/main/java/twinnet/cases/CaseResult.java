package twinnet.cases;

import java.util.List;
import twinnet.compare.Comparison;
import twinnet.compare.ReluDiagnostics;
import twinnet.compare.SideBySide;
import twinnet.data.Dataset;
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
 */
public record CaseResult(Case kase, Dataset data, Parameters initial, Network.Backprop step0Scratch,
    Network.Backprop step0Dl4j, Comparison atStart, SideBySide training, Parameters finalScratch,
    Parameters finalDl4j, Matrix predictionsScratch, Matrix predictionsDl4j, ReluDiagnostics reluAtStart,
    ReluDiagnostics reluAtEnd, String status, FirstDivergence firstDivergence, List<String> diagnosis,
    double seconds) {

  /** Step (0-based), layer (0 for the cost or predictions), tensor and relative error. */
  public record FirstDivergence(int step, int layer, String tensor, double relativeError, String description) {}

  /** Whether the outcome is the one the case declares. */
  public boolean asExpected() {
    return status.equals(kase.expect());
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
        : " — UNEXPECTED, the case expects " + kase.expect();
    String where = firstDivergence == null ? "" : " at " + firstDivergence.description();
    return (asExpected() ? "ok   " : "FAIL ") + kase.name() + ": " + outcome + where + expectation;
  }
}
