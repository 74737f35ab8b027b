package twinnet.scratch;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import twinnet.model.Initializer;
import twinnet.model.Matrix;
import twinnet.model.Parameters;

/** The course's {@code initialize_parameters_deep}, with the scale of the chosen scheme. */
public final class Initialization {
  private Initialization() {}

  // W[l] = randn(n_l, n_{l−1}) · σ(n_{l−1});  b[l] = zeros(n_l, 1)
  public static Parameters initializeParametersDeep(int[] layerDims, Initializer scheme, long seed) {
    Random random = new Random(seed);
    List<Matrix> W = new ArrayList<>();
    List<Matrix> b = new ArrayList<>();
    for (int l = 1; l < layerDims.length; l++) {
      double sigma = scheme.sigma(layerDims[l - 1]);
      double[][] w = new double[layerDims[l]][layerDims[l - 1]];
      for (double[] row : w) {
        for (int j = 0; j < row.length; j++) {
          row[j] = random.nextGaussian() * sigma;
        }
      }
      W.add(Matrix.of(w));
      b.add(Matrix.zeros(layerDims[l], 1));
    }
    return new Parameters(W, b);
  }

  /** {@link #initializeParametersDeep} for a spec: with γ = 1, β = 0 where it batch-normalises a layer. */
  public static Parameters forSpec(twinnet.model.NetworkSpec spec, Initializer scheme, long seed) {
    return initializeParametersDeep(spec.layers(), scheme, seed).withInitialNorms(spec);
  }
}
