package twinnet.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import twinnet.model.Activation;
import twinnet.model.Loss;
import twinnet.model.Matrix;
import twinnet.model.NetworkSpec;
import twinnet.model.Parameters;
import twinnet.scratch.Initialization;

/**
 * The whole networks that course 1, week 4's checks run on ({@link C1W4StepByStep}'s L_model_forward,
 * compute_cost, L_model_backward, and the training with the learner's functions): their data and weights, shaped
 * by the model the learner declared.
 */
final class C1W4Networks {
  private C1W4Networks() {}

  /** A network's data and weights: a small generic one, m = 1, n_l > m, the seed's data, random data. */
  record NetData(String label, NetworkSpec spec, Parameters params, Matrix X, Matrix Y) {}

  static List<NetData> networks(DeclaredModel model, long seed, Random r) {
    List<NetData> out = new ArrayList<>();
    int ny = outputs(model);
    int[][] dims = {{3, 4, 2, ny}, {1, 3, ny}, {2, 6, ny}};
    int[] ms = {5, 1, 3};
    for (int k = 0; k < dims.length; k++) {
      NetworkSpec spec = model.spec(dims[k]);
      Parameters p = Initialization.initializeParametersDeep(dims[k], twinnet.model.Initializer.HE, seed + k);
      Matrix X = Checks.gaussian(r, dims[k][0], ms[k], 1);
      out.add(new NetData("a [" + Checks.join(dims[k]) + "] network on m = " + ms[k], spec, p, X, targets(model, r,
          ny, ms[k])));
    }
    NetData seedData = seedData(model);
    out.add(seedData);
    int[] big = {4, 7, 5, ny};
    Matrix X = Checks.gaussian(r, 4, 12, 1);
    out.add(new NetData("random data, a [4, 7, 5, 1] network, m = 12", model.spec(big),
        Initialization.initializeParametersDeep(big, twinnet.model.Initializer.HE, seed + 7), X, targets(model, r,
            ny, 12)));
    return out;
  }

  /** The seed's data, x = 0..19, y = 3x² + 3x (for cross-entropy: y > 300 as 1), on a [1, 8, 1] network. */
  static NetData seedData(DeclaredModel model) {
    var d = twinnet.data.Datasets.seedQuadratic();
    Matrix Y = model.loss() == Loss.BCE ? d.Y().map(y -> y > 300 ? 1.0 : 0.0)
        : model.loss() == Loss.CCE ? thirds(d.Y()) : d.Y();
    int[] dims = {1, 8, outputs(model)};
    return new NetData("the seed's data (x = 0..19, y = 3x² + 3x" + (model.loss() == Loss.BCE ? " > 300" : "")
        + ") on a [1, 8, 1] network", model.spec(dims), Initialization.initializeParametersDeep(dims,
            twinnet.model.Initializer.HE, 3), d.X(), Y);
  }

  /** Outputs of the networks checked: 3 classes for cross-entropy over a softmax, else 1. */
  static int outputs(DeclaredModel model) {
    return model.loss() == Loss.CCE ? 3 : 1;
  }

  /** The seed's y in three classes (y < 100, < 600, above), one-hot. */
  private static Matrix thirds(Matrix y) {
    double[][] out = new double[3][y.cols()];
    for (int j = 0; j < y.cols(); j++) {
      out[y.get(0, j) < 100 ? 0 : y.get(0, j) < 600 ? 1 : 2][j] = 1;
    }
    return Matrix.of(out);
  }

  static Matrix targets(DeclaredModel model, Random r, int rows, int m) {
    Matrix g = Checks.gaussian(r, rows, m, 1);
    return switch (model.loss()) {
      case BCE -> g.map(v -> v > 0 ? 1.0 : 0.0);
      case CCE -> oneHot(g);
      default -> model.output() == Activation.RELU ? g.map(Math::abs) : g;
    };
  }

  /** One-hot columns: the class of each example is its largest entry. */
  static Matrix oneHot(Matrix g) {
    double[][] y = new double[g.rows()][g.cols()];
    for (int j = 0; j < g.cols(); j++) {
      int best = 0;
      for (int i = 1; i < g.rows(); i++) {
        best = g.get(i, j) > g.get(best, j) ? i : best;
      }
      y[best][j] = 1;
    }
    return Matrix.of(y);
  }
}
