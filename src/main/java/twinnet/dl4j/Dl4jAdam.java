package twinnet.dl4j;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.config.Adam;
import twinnet.model.Matrix;

/**
 * One step of DL4J's own Adam ({@link AdamUpdater}, the updater the twin trains with) on a course tensor, from a given
 * state: what DL4J does with the course's v, s and t. Its rule puts ε after the bias corrections,
 * θ − α·√(1 − β₂ᵗ)/(1 − β₁ᵗ)·v/(√s + ε); the course's is θ − α·v̂/(√ŝ + ε).
 */
public final class Dl4jAdam {
  private Dl4jAdam() {}

  /** θ after DL4J's Adam step t (1, 2, …) with gradient {@code d} from moments {@code v} (β₁'s) and {@code s}. */
  public static Matrix step(Matrix theta, Matrix d, Matrix v, Matrix s, int t, double learningRate, double beta1,
      double beta2, double epsilon) {
    AdamUpdater u = new AdamUpdater(new Adam(learningRate, beta1, beta2, epsilon));
    // DL4J's "M" is the course's v (the mean of the gradients), its "V" the course's s (of their squares)
    u.setState(Map.of(AdamUpdater.M_STATE, Conventions.toDl4jWeights(v), AdamUpdater.V_STATE,
        Conventions.toDl4jWeights(s)), false);
    INDArray update = Conventions.toDl4jWeights(d);
    u.applyUpdater(update, t - 1, 0); // DL4J's iteration counts from 0; its bias correction uses iteration + 1
    return theta.minus(Conventions.toCourseWeights(update, 1.0));
  }
}
