package twinnet.scratch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import twinnet.model.Gradients;
import twinnet.model.Matrix;
import twinnet.model.Parameters;

/**
 * The scratch code of courses 1 and 2 (logistic regression, the planar network, gradient checking, optimization
 * methods) against the values the course's own public tests and notebooks expect. Inputs the tests draw with numpy
 * come from numpy's legacy generator, stored in fixtures/numpy-seed-draws.json with the line that made them.
 *
 * <p>Tolerances: the course prints its arrays to 8 decimals and its tests compare with np.allclose, so printed
 * values are held to 1e-8 (their rounding is 5e-9); values the course prints in full (17 digits) are held to 1e-12.
 */
class CourseValuesTest {
  private static final double PRINTED = 1e-8;
  private static final double FULL = 1e-12;
  private static Matrix randn(int from, int rows, int cols) {
    return NumpyDraws.randn(from, rows, cols);
  }

  private static void close(Matrix actual, double[][] expected, double tol, String name) {
    Matrix e = Matrix.of(expected);
    assertThat(actual.shape()).as(name + " shape").isEqualTo(e.shape());
    for (int i = 0; i < e.rows(); i++) {
      for (int j = 0; j < e.cols(); j++) {
        assertThat(actual.get(i, j)).as(name + "(" + i + "," + j + ")").isCloseTo(e.get(i, j), within(tol));
      }
    }
  }

  // ---- course 1, week 2: logistic regression (W2A2 public_tests.py and the notebook's cells) ----

  @Test
  void propagateGivesTheNotebooksAndThePublicTestsGradients() {
    LogisticRegression.Propagation nb = LogisticRegression.propagate(Matrix.of(new double[][] {{1}, {2}}), 1.5,
        Matrix.of(new double[][] {{1, -2, -1}, {3, 0.5, -3.2}}), Matrix.row(1, 1, 0));
    close(nb.dw(), new double[][] {{0.25071532}, {-0.06604096}}, PRINTED, "dw");
    assertThat(nb.db()).isCloseTo(-0.1250040450043965, within(FULL));
    assertThat(nb.cost()).isCloseTo(0.15900537707692405, within(FULL));
    LogisticRegression.Propagation t = LogisticRegression.propagate(Matrix.of(new double[][] {{1}, {2}, {-1}}), 2.5,
        Matrix.of(new double[][] {{1, 2, -1, 0}, {3, 4, -3.2, 1}, {3, 4, -3.2, -3.5}}), Matrix.row(1, 1, 0, 0));
    close(t.dw(), new double[][] {{-0.03909333}, {0.12501464}, {-0.99960809}}, PRINTED, "dw");
    assertThat(t.db()).isCloseTo(0.288106326429569, within(FULL));
    assertThat(t.cost()).isCloseTo(2.0424567983978403, within(FULL));
  }

  @Test
  void optimizeAndPredictGiveThePublicTestsValues() {
    LogisticRegression.Optimized o = LogisticRegression.optimize(Matrix.of(new double[][] {{1}, {2}}), 2,
        Matrix.of(new double[][] {{1, 2, -1}, {3, 4, -3.2}}), Matrix.row(1, 0, 1), 101, 0.1);
    close(o.w(), new double[][] {{-0.70916784}, {-0.42390859}}, PRINTED, "w");
    assertThat(o.b()).isCloseTo(2.26891346, within(PRINTED));
    close(o.dw(), new double[][] {{0.06188603}, {-0.01407361}}, PRINTED, "dw");
    assertThat(o.db()).isCloseTo(-0.04709353, within(PRINTED));
    assertThat(o.costs()).hasSize(2);
    assertThat(o.costs().get(0)).isCloseTo(5.80154532, within(PRINTED));
    assertThat(o.costs().get(1)).isCloseTo(0.31057104, within(PRINTED));
    Matrix pred = LogisticRegression.predict(Matrix.of(new double[][] {{0.3}, {0.5}, {-0.2}}), -0.33333,
        Matrix.of(new double[][] {{1, -0.3, 1.5}, {2, 0, 1}, {0, -1.5, 2}}));
    close(pred, new double[][] {{1, 0, 1}}, 0, "predictions");
  }

  // ---- course 1, week 3: the planar network (W3A1 public_tests.py) ----

  @Test
  void theShallowNetworksForwardPassAndCostAreThePublicTests() {
    Matrix X = randn(0, 2, 3);
    Matrix b1 = randn(6, 4, 1);
    Parameters p = new Parameters(List.of(Matrix.of(new double[][] {{-0.00416758, -0.00056267}, {-0.02136196,
        0.01640271}, {-0.01793436, -0.00841747}, {0.00502881, -0.01245288}}), Matrix.row(-0.01057952, -0.00909008,
            0.00551454, 0.02292208)), List.of(b1, Matrix.of(new double[][] {{-1.3}})));
    ShallowNetwork.Cache c = ShallowNetwork.forwardPropagation(X, p);
    close(c.Z1(), new double[][] {{1.7386459, 1.74687437, 1.74830797}, {-0.81350569, -0.73394355, -0.78767559},
        {0.29893918, 0.32272601, 0.34788465}, {-0.2278403, -0.2632236, -0.22336567}}, PRINTED, "Z1");
    close(c.A1(), new double[][] {{0.9400694, 0.94101876, 0.94118266}, {-0.67151964, -0.62547205, -0.65709025},
        {0.29034152, 0.31196971, 0.33449821}, {-0.22397799, -0.25730819, -0.2197236}}, PRINTED, "A1");
    close(c.Z2(), new double[][] {{-1.30737426, -1.30844761, -1.30717618}}, PRINTED, "Z2");
    close(c.A2(), new double[][] {{0.21292656, 0.21274673, 0.21295976}}, PRINTED, "A2");
    Matrix Y = randn(0, 1, 5).map(v -> v > 0 ? 1 : 0); // (np.random.randn(1, 5) > 0) after np.random.seed(1)
    assertThat(ShallowNetwork.computeCost(Matrix.row(0.5002307, 0.49985831, 0.50023963, 0.25, 0.7), Y))
        .isCloseTo(0.5447066599017815, within(FULL));
  }

  // ---- course 2, week 1: gradient checking (W1A3 public_tests.py, testCases.py) ----

  @Test
  void gradientCheckGivesThePublicTestsDifferences() {
    assertThat(GradientChecking.gradientCheck(3, 4, 1e-7)).isCloseTo(7.814075313343006e-11, within(1e-20));
    assertThat(GradientChecking.gradientCheck(2, 4, 1e-7)).isCloseTo(2.919335883291695e-10, within(1e-20));
  }

  /**
   * gradient_check_n_test_case's network (np.random.seed(1): x (4, 3), W1 (5, 4), b1, W2 (3, 5), b2, W3 (1, 3), b3;
   * y = [1, 1, 0]): the right backward pass gives 1.1890913024229996e-07, the notebook's planted bugs 0.2850931567761623.
   * The small one is the two-sided difference's own error: J's rounding (an ulp of J ≈ 2.4 is 4.4e-16, over 2ε = 2e-7)
   * moves each gradapprox[i] by ~2e-9, so it depends on how numpy sums and rounds its logs. Measured 4e-5 relative
   * (with J summed in the notebook's order; 1.6e-3 with the scratch cost's order), held to 1e-3; the bugs' one, whose
   * numerator is the bugs' O(1) error, measured 1.6e-11 relative, held to 1e-9.
   */
  @Test
  void gradientCheckNFindsTheNotebooksPlantedBugsAndPassesTheirFix() {
    Matrix X = randn(0, 4, 3);
    Parameters p = new Parameters(List.of(randn(12, 5, 4), randn(37, 3, 5), randn(55, 1, 3)), List.of(randn(32, 5, 1),
        randn(52, 3, 1), randn(58, 1, 1)));
    Matrix Y = Matrix.row(1, 1, 0);
    int[] dims = {4, 5, 3, 1};
    GradientChecking.ForwardN f = GradientChecking.forwardPropagationN(X, Y, p);
    assertThat(f.cost()).isCloseTo(2.407833389834357, within(FULL));
    Map<String, Matrix> g = GradientChecking.backwardPropagationN(X, Y, f.cache());
    double[] theta = GradientChecking.dictionaryToVector(p);
    java.util.function.ToDoubleFunction<double[]> J = th -> GradientChecking.forwardPropagationN(X, Y,
        GradientChecking.vectorToDictionary(th, dims)).cost();
    double right = GradientChecking.gradientCheckN(theta, GradientChecking.gradientsToVector(g, 3), J, 1e-7);
    assertThat(right).isCloseTo(1.1890913024229996e-07, within(1e-3 * 1.1890913024229996e-07));
    Map<String, Matrix> bugs = new java.util.LinkedHashMap<>(g);
    bugs.put("dW2", g.get("dW2").scale(2)); // dW2 = 1./m * np.dot(dZ2, A1.T) * 2
    bugs.put("db1", g.get("db1").scale(4)); // db1 = 4./m * np.sum(dZ1, axis=1, keepdims = True)
    double buggy = GradientChecking.gradientCheckN(theta, GradientChecking.gradientsToVector(bugs, 3), J, 1e-7);
    assertThat(buggy).isCloseTo(0.2850931567761623, within(1e-9 * 0.2850931567761623));
  }

  // ---- course 2, week 2: optimization methods (W2A1 testCases.py, public_tests.py) ----

  /**
   * The test cases' parameters and gradients: W1 (2, 3), b1, W2 (3, 3), b2, then dW1, db1, dW2, db2. Their W2 does not
   * follow W1 (3 inputs, not 2), as the course's update functions never ask; here each layer is its own one-layer
   * network, {@code layer} 1 or 2, its tensors under the keys W1, b1 (the update rules act key by key).
   */
  private static Parameters params(int layer) {
    return layer == 1 ? new Parameters(List.of(randn(0, 2, 3)), List.of(randn(6, 2, 1)))
        : new Parameters(List.of(randn(8, 3, 3)), List.of(randn(17, 3, 1)));
  }

  private static Gradients grads(int layer) {
    return layer == 1 ? new Gradients(List.of(randn(20, 2, 3)), List.of(randn(26, 2, 1)))
        : new Gradients(List.of(randn(28, 3, 3)), List.of(randn(37, 3, 1)));
  }

  @Test
  void gradientDescentAndMomentumGiveThePublicTestsParameters() {
    Parameters gd1 = Optimization.updateParametersWithGd(params(1), grads(1), 0.01);
    Parameters gd2 = Optimization.updateParametersWithGd(params(2), grads(2), 0.01);
    close(gd1.W(1), new double[][] {{1.63535156, -0.62320365, -0.53718766}, {-1.07799357, 0.85639907, -2.29470142}},
        PRINTED, "W1");
    close(gd1.b(1), new double[][] {{1.74604067}, {-0.75184921}}, PRINTED, "b1");
    close(gd2.W(1), new double[][] {{0.32171798, -0.25467393, 1.46902454}, {-2.05617317, -0.31554548, -0.3756023},
        {1.1404819, -1.09976462, -0.1612551}}, PRINTED, "W2");
    close(gd2.b(1), new double[][] {{-0.88020257}, {0.02561572}, {0.57539477}}, PRINTED, "b2");
    Optimization.Momentum m1 = Optimization.updateParametersWithMomentum(params(1), grads(1),
        Optimization.initializeVelocity(params(1)), 0.9, 0.01);
    Optimization.Momentum m2 = Optimization.updateParametersWithMomentum(params(2), grads(2),
        Optimization.initializeVelocity(params(2)), 0.9, 0.01);
    close(m1.parameters().W(1), new double[][] {{1.62544598, -0.61290114, -0.52907334}, {-1.07347112, 0.86450677,
        -2.30085497}}, PRINTED, "W1");
    close(m1.parameters().b(1), new double[][] {{1.74493465}, {-0.76027113}}, PRINTED, "b1");
    close(m2.parameters().W(1), new double[][] {{0.31930698, -0.24990073, 1.4627996}, {-2.05974396, -0.32173003,
        -0.38320915}, {1.13444069, -1.0998786, -0.1713109}}, PRINTED, "W2");
    close(m2.parameters().b(1), new double[][] {{-0.87809283}, {0.04055394}, {0.58207317}}, PRINTED, "b2");
    close(m1.v().get("dW1"), new double[][] {{-0.11006192, 0.11447237, 0.09015907}, {0.05024943, 0.09008559,
        -0.06837279}}, PRINTED, "v[dW1]");
    close(m1.v().get("db1"), new double[][] {{-0.01228902}, {-0.09357694}}, PRINTED, "v[db1]");
    close(m2.v().get("dW1"), new double[][] {{-0.02678881, 0.05303555, -0.06916608}, {-0.03967535, -0.06871727,
        -0.08452056}, {-0.06712461, -0.00126646, -0.11173103}}, PRINTED, "v[dW2]");
    close(m2.v().get("db1"), new double[][] {{0.02344157}, {0.16598022}, {0.07420442}}, PRINTED, "v[db2]");
  }

  @Test
  void adamGivesThePublicTestsParametersAndMoments() {
    Optimization.Adam a1 = Optimization.updateParametersWithAdam(params(1), grads(1), Optimization.initializeAdam(
        params(1)), 2, 0.02, 0.8, 0.888, 1e-2);
    Optimization.Adam a2 = Optimization.updateParametersWithAdam(params(2), grads(2), Optimization.initializeAdam(
        params(2)), 2, 0.02, 0.8, 0.888, 1e-2);
    close(a1.parameters().W(1), new double[][] {{1.63942428, -0.6268425, -0.54320974}, {-1.08782943, 0.85036983,
        -2.2865723}}, PRINTED, "W1");
    close(a2.parameters().W(1), new double[][] {{0.33356139, -0.26425199, 1.47707772}, {-2.04538458, -0.30744933,
        -0.36903141}, {1.14873036, -1.09256871, -0.15734651}}, PRINTED, "W2");
    close(a1.parameters().b(1), new double[][] {{1.75854357}, {-0.74616067}}, PRINTED, "b1");
    close(a2.parameters().b(1), new double[][] {{-0.89228024}, {0.02707193}, {0.56782561}}, PRINTED, "b2");
    // the public test checks row 0 of each moment
    close(Matrix.row(a1.v().get("dW1").toArray()[0]), new double[][] {{-0.22012384, 0.22894474, 0.18031814}}, PRINTED,
        "v[dW1][0]");
    close(Matrix.row(a2.v().get("dW1").toArray()[0]), new double[][] {{-0.05357762, 0.10607109, -0.13833215}}, PRINTED,
        "v[dW2][0]");
    close(Matrix.row(a1.s().get("dW1").toArray()[0]), new double[][] {{0.13567261, 0.14676395, 0.09104097}}, PRINTED,
        "s[dW1][0]");
    close(Matrix.row(a2.s().get("dW1").toArray()[0]), new double[][] {{8.03757060e-03, 3.15030152e-02,
        5.35801947e-02}}, PRINTED, "s[dW2][0]");
    close(Matrix.row(a1.s().get("db1").toArray()[0]), new double[][] {{0.00169142}}, PRINTED, "s[db1][0]");
    close(Matrix.row(a2.s().get("db1").toArray()[0]), new double[][] {{0.00615448}}, PRINTED, "s[db2][0]");
    // v_corrected = v / (1 − β₁ᵗ), s_corrected = s / (1 − β₂ᵗ)
    close(a2.vCorrected().get("db1"), a2.v().get("db1").scale(1 / (1 - 0.8 * 0.8)).toArray(), FULL, "v_corrected");
    close(a1.sCorrected().get("dW1"), a1.s().get("dW1").scale(1 / (1 - 0.888 * 0.888)).toArray(), FULL,
        "s_corrected");
  }

  @Test
  void randomMiniBatchesGivesThePublicTestsBatches() {
    Matrix X = randn(0, 7, 3);
    Matrix Y = randn(21, 1, 3).map(v -> v < 0.5 ? 1 : 0); // np.random.randn(1, 3) < 0.5
    List<Optimization.MiniBatch> b = Optimization.randomMiniBatches(X, Y, 2, NumpyDraws.SEED0_PERMUTATION3);
    assertThat(b).hasSize(2);
    close(b.get(0).X(), new double[][] {{-0.52817175, -0.61175641}, {-2.3015387, 0.86540763}, {0.3190391, -0.7612069},
        {-2.06014071, 1.46210794}, {1.13376944, -0.38405435}, {-0.87785842, -0.17242821}, {-1.10061918, 0.58281521}},
        PRINTED, "mini_batches[0][0]");
    close(b.get(0).Y(), new double[][] {{0, 0}}, 0, "mini_batches[0][1]");
    close(b.get(1).X(), new double[][] {{1.62434536}, {-1.07296862}, {1.74481176}, {-0.24937038}, {-0.3224172},
        {-1.09989127}, {0.04221375}}, PRINTED, "mini_batches[1][0]");
    close(b.get(1).Y(), new double[][] {{0}}, 0, "mini_batches[1][1]");
  }

  @Test
  void learningRateDecayGivesThePublicTestsRates() {
    assertThat(Optimization.updateLr(0.5, 2, 1)).isCloseTo(0.16666666666666666, within(FULL));
    assertThat(Optimization.scheduleLrDecay(0.5, 100, 1, 100)).isCloseTo(0.25, within(FULL));
    assertThat(Optimization.scheduleLrDecay(0.5, 10, 1, 100)).isCloseTo(0.5, within(FULL));
    assertThat(Optimization.scheduleLrDecay(0.3, 1000, 0.25, 100)).isCloseTo(0.085714285, within(PRINTED));
    assertThat(Optimization.scheduleLrDecay(0.3, 100, 0.25, 100)).isCloseTo(0.24, within(FULL));
    assertThat(Optimization.scheduleLrDecay(0.5, 100, 0.3, 100)).isCloseTo(0.3846153846153846, within(FULL));
  }
}
