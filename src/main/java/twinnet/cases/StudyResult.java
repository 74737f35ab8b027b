package twinnet.cases;

import java.util.ArrayList;
import java.util.List;
import twinnet.data.Polynomial;

/**
 * What the seed's study found ({@link SeedStudy} runs it): x and y, one row per variant, and the least-squares
 * polynomials. A result only: a report renders it and builds no network.
 */
public record StudyResult(double[] x, double[] y, List<StudyResult.Row> rows, List<Polynomial> polynomials) {

  /**
   * One variant's line of the summary, in the original units of y, and the examples whose prediction ended
   * exactly 0, each with why.
   */
  public record Row(String label, CaseResult result, double mseScratch, double mseDl4j, int zeros,
      double[] fitScratch, double[] fitDl4j, List<Stuck> stuck) {}

  /**
   * An example predicted exactly 0 by a ReLU output: its x and y (original units), its output
   * pre-activation Z ≤ 0 and its target in the case's units, and why no gradient brings it back.
   */
  public record Stuck(int example, double x, double y, double z, double target, String why) {}

  /** The stuck examples of a finished case (none unless its output is ReLU and some predictions are 0). */
  static List<Stuck> stuck(CaseResult r, double[] x, double[] y) {
    List<Stuck> out = new ArrayList<>();
    if (r.reluAtEnd() == null) {
      return out;
    }
    for (var p : r.reluAtEnd().zeroPredictions()) {
      int j = p.example();
      double t = r.data().Y().get(p.output(), j);
      String why = t < 0 ? "its target is " + String.format("%.3g", t) + " in the case's units, below 0: out of a "
          + "ReLU output's reach, so training pushed Z below 0, where the output is 0 and its derivative is 0"
          : "Z fell below 0 although its target (" + String.format("%.3g", t) + ") is not: ReLU′ = 0 there, so no "
              + "gradient reaches this example again";
      out.add(new Stuck(j, x[j], y[j], p.z(), t, why));
    }
    return out;
  }
}
