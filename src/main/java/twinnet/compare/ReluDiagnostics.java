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
    return of(spec, Z, 0, List.of(), List.of());
  }

  /**
   * With conv stages before the dense layers: their ReLU stages too, numbered 1…K as in reports (a unit is a filter,
   * its pre-activations every position of every example), the dense layers K + 1…K + L.
   *
   * @param convActivations each conv stage's activation, in order
   * @param convZ each conv stage's Z (m, n_H, n_W, n_C)
   */
  public static ReluDiagnostics of(NetworkSpec spec, List<Matrix> Z, int offset, List<Activation> convActivations,
      List<twinnet.model.Tensor4> convZ) {
    List<Layer> layers = new ArrayList<>();
    List<ClampedPrediction> zeros = new ArrayList<>();
    for (int k = 0; k < convZ.size(); k++) {
      if (convActivations.get(k) == Activation.RELU) {
        twinnet.model.Tensor4 t = convZ.get(k);
        int n = t.dim(3);
        // filter c's pre-activations as row c: Zᵀ of the (m·n_H·n_W) × n_C matrix
        Matrix z = Matrix.adopt(t.size() / n, n, t.backingArray()).transpose();
        layers.add(layer(k + 1, z, null));
      }
    }
    for (int l = 1; l <= spec.depth(); l++) {
      if (spec.activation(l) == Activation.RELU) {
        layers.add(layer(offset + l, Z.get(l - 1), l == spec.depth() ? zeros : null));
      }
    }
    return new ReluDiagnostics(layers, zeros);
  }

  /** One ReLU layer's share clamped and dead units (rows); the output layer's zero predictions into {@code zeros}. */
  private static Layer layer(int number, Matrix z, List<ClampedPrediction> zeros) {
    int clamped = 0;
    List<Integer> dead = new ArrayList<>();
    for (int i = 0; i < z.rows(); i++) {
      int c = 0;
      for (int j = 0; j < z.cols(); j++) {
        if (z.get(i, j) <= 0) {
          c++;
          if (zeros != null) {
            zeros.add(new ClampedPrediction(i, j, z.get(i, j)));
          }
        }
      }
      clamped += c;
      if (c == z.cols()) {
        dead.add(i);
      }
    }
    return new Layer(number, (double) clamped / (z.rows() * z.cols()), dead, z.rows());
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
