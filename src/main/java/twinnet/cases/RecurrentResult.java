package twinnet.cases;

import java.util.List;
import java.util.Map;
import twinnet.model.Matrix;

/**
 * A recurrent case's side-by-side run: every step's batch, both sides' losses, and the relative difference of every
 * named tensor, per time step where a tensor has one (a⟨t⟩, ŷ⟨t⟩, dx⟨t⟩).
 *
 * @param vocabulary the characters by class index (null for random sequences)
 * @param initial the initial parameters in the course's keys (both sides start from them)
 * @param steps every step, in order
 * @param first the first disagreement, or null
 * @param finalScratch the scratch side's parameters after the last step
 * @param finalDl4j DL4J's, read back into the course's keys
 * @param sampledScratch for a text: sequences the trained scratch model samples (the course's sample()); else null
 * @param sampledDl4j the same from the trained twin (rnnTimeStep), with the same draws
 */
public record RecurrentResult(RecurrentCase c, String vocabulary, Map<String, Matrix> initial, List<Step> steps,
    Divergence first, Map<String, Matrix> finalScratch, Map<String, Matrix> finalDl4j, List<String> sampledScratch,
    List<String> sampledDl4j) {

  /**
   * One step.
   *
   * @param starts the text windows' first characters (null for random sequences)
   * @param x the random sequences' inputs (null for a text: its windows are {@code starts})
   * @param y the targets y[t][i]
   * @param a relative difference of a⟨t⟩, by time step
   * @param yHat of ŷ⟨t⟩
   * @param dx of dx⟨t⟩ (dJ/dx⟨t⟩)
   * @param gradients of every gradient (before clipping), by key ("dWax", …)
   * @param applied of every applied gradient (after clipping)
   * @param parameters of every parameter after the step
   * @param clipped gradient entries past the clipping threshold this step (what clip bounds), of {@code entries}
   * @param raw the largest relative differences by part of the step: forward (a, ŷ), loss, backward (dx, the
   *     gradients before and after clipping), parameters (for the plots)
   */
  public record Step(int step, int[] starts, List<Matrix> x, int[][] y, double lossScratch, double lossDl4j,
      double loss, double[] a, double[] yHat, double[] dx, Map<String, Double> gradients, Map<String, Double> applied,
      Map<String, Double> parameters, int clipped, int entries, double[] raw) {
    public int length() {
      return y.length;
    }

    /** The step's largest relative difference, over every tensor. */
    public double largest() {
      return java.util.Arrays.stream(raw).max().orElse(0);
    }
  }

  /**
   * Where the sides first part: the step, the time step (or -1 when the tensor has none), the tensors that differ
   * there, where in the step ("forward", "loss", "backward", "clip", "update") and the likely cause.
   */
  public record Divergence(int step, int timeStep, List<String> tensors, String where, String cause) {
    /** "step 3, time step 5, a⟨t⟩" or "step 3, dWf, dbf". */
    public String place() {
      return "step " + step + (timeStep >= 0 ? ", time step " + timeStep : "") + ", " + String.join(", ", tensors);
    }
  }

  /** n_x, read off the initial parameters (the LSTM's gates act on [a_prev; xt]). */
  public int nX() {
    return c.cell().equals("lstm") ? initial.get("Wf").cols() - c.nA() : initial.get("Wax").cols();
  }

  /** n_y, the output's size. */
  public int nY() {
    return initial.get("by").rows();
  }

  public boolean agrees() {
    return first == null;
  }

  /** "ok   NAME: AGREE: …" or "FAIL NAME: DISAGREE at step 3, time step 5, a⟨t⟩ (forward): cause". */
  public String verdictLine() {
    double worst = steps.stream().mapToDouble(Step::largest).max().orElse(0);
    return agrees()
        ? String.format("ok   %s: AGREE: %d steps, every tensor within %.0e (largest relative difference %.1e)",
            c.name(), steps.size(), c.tolerance(), worst)
        : "FAIL " + c.name() + ": DISAGREE at " + first.place() + " (" + first.where() + "): " + first.cause();
  }
}
