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

  // ---- course 2, week 1, "Initialization": the weights from numpy's own draws (randn(n_l, n_{l−1}) per layer) ----

  // initialize_parameters_zeros: W[l] = zeros((n_l, n_{l−1})), b[l] = zeros((n_l, 1))
  public static Parameters initializeParametersZeros(int[] layersDims) {
    return scaled(layersDims, null, (prev, n) -> 0);
  }

  // initialize_parameters_random: W[l] = randn(n_l, n_{l−1})·10, b[l] = zeros (after np.random.seed(3))
  public static Parameters initializeParametersRandom(int[] layersDims, List<Matrix> draws) {
    return scaled(layersDims, draws, (prev, n) -> 10);
  }

  // initialize_parameters_he: W[l] = randn(n_l, n_{l−1})·√(2/n_{l−1}), b[l] = zeros (after np.random.seed(3))
  public static Parameters initializeParametersHe(int[] layersDims, List<Matrix> draws) {
    return scaled(layersDims, draws, (prev, n) -> Math.sqrt(2.0 / prev));
  }

  private static Parameters scaled(int[] dims, List<Matrix> draws, java.util.function.DoubleBinaryOperator factor) {
    List<Matrix> W = new ArrayList<>();
    List<Matrix> b = new ArrayList<>();
    for (int l = 1; l < dims.length; l++) {
      double f = factor.applyAsDouble(dims[l - 1], dims[l]);
      W.add(draws == null ? Matrix.zeros(dims[l], dims[l - 1]) : draws.get(l - 1).scale(f));
      b.add(Matrix.zeros(dims[l], 1));
    }
    return new Parameters(W, b);
  }

  /** {@link #initializeParametersDeep} for a spec: with γ = 1, β = 0 where it batch-normalises a layer. */
  public static Parameters forSpec(twinnet.model.NetworkSpec spec, Initializer scheme, long seed) {
    return initializeParametersDeep(spec.layers(), scheme, seed).withInitialNorms(spec);
  }
}
