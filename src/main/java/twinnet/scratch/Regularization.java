package twinnet.scratch;

import java.util.ArrayList;
import java.util.List;
import twinnet.model.Gradients;
import twinnet.model.Matrix;
import twinnet.model.Parameters;

/**
 * Course 2, week 1, "Regularization": the L2 penalty, in one place (the network's training pass adds it, check's
 * reference is these functions). Biases, γ and β are not regularised.
 */
public final class Regularization {
  private Regularization() {}

  // compute_cost_with_regularization: J = cross-entropy(A3, Y) + λ/(2m)·Σ_l ‖W[l]‖²
  public static double computeCostWithRegularization(Matrix A3, Matrix Y, Parameters parameters, double lambd) {
    return addL2Cost(Costs.computeCost(A3, Y, twinnet.model.Loss.BCE), parameters, lambd, Y.cols());
  }

  /** cost + λ/(2m)·‖W[l]‖², layer by layer. */
  public static double addL2Cost(double cost, Parameters parameters, double lambd, int m) {
    double lm = lambd / m;
    for (int l = 1; l <= parameters.depth(); l++) {
      cost += lm / 2 * parameters.W(l).times(parameters.W(l)).sum();
    }
    return cost;
  }

  // backward_propagation_with_regularization: dW[l] += (λ/m)·W[l]  (db[l] as without)
  public static Gradients addL2Gradients(Gradients grads, Parameters parameters, double lambd, int m) {
    double lm = lambd / m;
    List<Matrix> dW = new ArrayList<>();
    for (int l = 1; l <= parameters.depth(); l++) {
      dW.add(grads.dW(l).plus(parameters.W(l).scale(lm)));
    }
    return new Gradients(dW, grads.db(), grads.dNorms(), grads.dConvs());
  }
}
