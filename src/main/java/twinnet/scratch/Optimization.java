package twinnet.scratch;

import java.util.ArrayList;
import java.util.List;
import twinnet.model.Gradients;
import twinnet.model.Matrix;
import twinnet.model.Parameters;

/**
 * The course's update rules as functions: course 1 week 4's {@code update_parameters} (course 2 week 2's
 * {@code update_parameters_with_gd}). The one place where W ← W − α·dW is written: the network's course path, its
 * fast step ({@code FastStepTest} holds them bit for bit equal) and {@code check}'s reference all call it.
 */
public final class Optimization {
  private Optimization() {}

  // update_parameters: W[l] ← W[l] − α·dW[l];  b[l] ← b[l] − α·db[l]  (γ[l], β[l] alike with batch norm)
  public static Parameters updateParameters(Parameters parameters, Gradients grads, double learningRate) {
    List<Parameters.Tensor> theta = parameters.trainable();
    List<Parameters.Tensor> d = grads.parameterOrder();
    List<Matrix> next = new ArrayList<>();
    for (int i = 0; i < theta.size(); i++) {
      next.add(theta.get(i).value().minus(d.get(i).value().scale(learningRate)));
    }
    return parameters.withTrainable(next);
  }
}
