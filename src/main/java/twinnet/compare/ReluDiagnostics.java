package twinnet.compare;

import java.util.ArrayList;
import java.util.List;
import twinnet.model.Activation;
import twinnet.model.Matrix;
import twinnet.model.NetworkSpec;

/**
 * Where ReLU clamps: for every ReLU layer, the share of (unit, example) pre-activations Z ≤ 0 (output
 * 0, derivative 0), and the units that are 0 on every example ("dead": no gradient reaches their
 * weights). For a ReLU output, which predictions are exactly 0, and their pre-activations.
 */
public record ReluDiagnostics(List<Layer> layers, List<ClampedPrediction> zeroPredictions) {

  public record Layer(int layer, double clampedShare, List<Integer> deadUnits, int units) {}

  /** Prediction of example {@code example}, output {@code output}, is 0 because Z = {@code z} ≤ 0. */
  public record ClampedPrediction(int output, int example, double z) {}

  /** @param Z the pre-activations Z[1..L] of one forward pass */
  public static ReluDiagnostics of(NetworkSpec spec, List<Matrix> Z) {
    List<Layer> layers = new ArrayList<>();
    List<ClampedPrediction> zeros = new ArrayList<>();
    for (int l = 1; l <= spec.depth(); l++) {
      if (spec.activation(l) != Activation.RELU) {
        continue;
      }
      Matrix z = Z.get(l - 1);
      int clamped = 0;
      List<Integer> dead = new ArrayList<>();
      for (int i = 0; i < z.rows(); i++) {
        int c = 0;
        for (int j = 0; j < z.cols(); j++) {
          if (z.get(i, j) <= 0) {
            c++;
            if (l == spec.depth()) {
              zeros.add(new ClampedPrediction(i, j, z.get(i, j)));
            }
          }
        }
        clamped += c;
        if (c == z.cols()) {
          dead.add(i);
        }
      }
      layers.add(new Layer(l, (double) clamped / (z.rows() * z.cols()), dead, z.rows()));
    }
    return new ReluDiagnostics(layers, zeros);
  }

  /** Sentences for a reader. */
  public List<String> describe() {
    List<String> out = new ArrayList<>();
    for (Layer l : layers) {
      out.add(String.format("layer %d (ReLU): %.0f%% of pre-activations ≤ 0 (clamped to 0, derivative 0)%s", l.layer(),
          100 * l.clampedShare(), l.deadUnits().isEmpty() ? "" : "; dead on every example: unit(s) " + l.deadUnits()
              + " of " + l.units()));
    }
    if (!zeroPredictions.isEmpty()) {
      out.add(zeroPredictions.size() + " prediction(s) exactly 0: the ReLU output clamps a negative pre-activation "
          + "(e.g. example " + zeroPredictions.get(0).example() + ", Z = "
          + String.format("%.4g", zeroPredictions.get(0).z()) + "), and no gradient flows back through them; an "
          + "identity or leaky-ReLU output fixes it (standardised inputs help; a standardised target below 0 is out "
          + "of a ReLU output's reach).");
    }
    return out;
  }
}
