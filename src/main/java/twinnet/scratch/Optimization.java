package twinnet.scratch;

import java.util.ArrayList;
import java.util.List;
import twinnet.model.Gradients;
import twinnet.model.Matrix;
import twinnet.model.Parameters;

/**
 * The course's update rules as functions: course 1 week 4's {@code update_parameters} (course 2 week 2's
 * {@code update_parameters_with_gd}), the one place where W ← W − α·dW is written (the network's course path, its
 * fast step and {@code check}'s reference call it; {@code FastStepTest} holds the fast step bit for bit equal), and
 * course 2 week 2's mini-batches, momentum, Adam and learning-rate decay ({@link Updates}, the network's optimizer
 * state, takes its momentum and Adam steps from here).
 */
public final class Optimization {
  private Optimization() {}

  // update_parameters: W[l] ← W[l] − α·dW[l];  b[l] ← b[l] − α·db[l]  (γ[l], β[l] alike with batch norm)
  public static Parameters updateParameters(Parameters parameters, Gradients grads, double learningRate) {
    List<Parameters.Tensor> theta = parameters.trainable();
    List<Parameters.Tensor> d = grads.parameterOrder();
    List<Matrix> next = new ArrayList<>();
    for (int i = 0; i < theta.size(); i++) {
      next.add(gradientStep(theta.get(i).value(), d.get(i).value(), learningRate));
    }
    return parameters.withTrainable(next);
  }

  // one tensor's step of gradient descent: θ ← θ − α·dθ (LogisticRegression's w too)
  public static Matrix gradientStep(Matrix theta, Matrix d, double learningRate) {
    return theta.minus(d.scale(learningRate));
  }
  // ---- course 2, week 2, "Optimization Methods" ----

  // update_parameters_with_gd: the same rule, W[l] ← W[l] − α·dW[l];  b[l] ← b[l] − α·db[l]
  public static Parameters updateParametersWithGd(Parameters parameters, Gradients grads, double learningRate) {
    return updateParameters(parameters, grads, learningRate);
  }

  /** One mini-batch: its examples' X and Y columns. */
  public record MiniBatch(Matrix X, Matrix Y) {}

  // random_mini_batches: shuffle the columns of X and Y by one permutation (numpy's, given), then cut them into
  // ⌊m/size⌋ complete mini-batches and, when m is not a multiple of size, a last one of the rest
  public static List<MiniBatch> randomMiniBatches(Matrix X, Matrix Y, int miniBatchSize, int[] permutation) {
    Matrix sx = X.selectColumns(permutation);
    Matrix sy = Y.selectColumns(permutation);
    int m = X.cols();
    List<MiniBatch> out = new ArrayList<>();
    for (int k = 0; k * miniBatchSize < m; k++) {
      int from = k * miniBatchSize;
      int to = Math.min(m, from + miniBatchSize);
      out.add(new MiniBatch(sx.columns(from, to), sy.columns(from, to)));
    }
    return out;
  }

  /** A dict of moments in the course's keys, "dW1", "db1", …, in layer order. */
  public static java.util.Map<String, Matrix> zerosLike(Parameters parameters) {
    java.util.Map<String, Matrix> v = new java.util.LinkedHashMap<>();
    for (int l = 1; l <= parameters.depth(); l++) {
      v.put("dW" + l, Matrix.zeros(parameters.W(l).rows(), parameters.W(l).cols()));
      v.put("db" + l, Matrix.zeros(parameters.b(l).rows(), 1));
    }
    return v;
  }

  // initialize_velocity: v["dW" + l] = zeros like W[l], v["db" + l] = zeros like b[l]
  public static java.util.Map<String, Matrix> initializeVelocity(Parameters parameters) {
    return zerosLike(parameters);
  }

  /** One tensor's momentum step: the new θ and v. */
  public record MomentumStep(Matrix theta, Matrix v) {}

  // momentum: v ← β·v + (1 − β)·dθ;  θ ← θ − α·v
  public static MomentumStep momentumStep(Matrix theta, Matrix d, Matrix v, double beta, double learningRate) {
    Matrix next = v.scale(beta).plus(d.scale(1 - beta));
    return new MomentumStep(theta.minus(next.scale(learningRate)), next);
  }

  /** update_parameters_with_momentum's parameters and v. */
  public record Momentum(Parameters parameters, java.util.Map<String, Matrix> v) {}

  // update_parameters_with_momentum: momentumStep on every W[l] and b[l]
  public static Momentum updateParametersWithMomentum(Parameters parameters, Gradients grads,
      java.util.Map<String, Matrix> v, double beta, double learningRate) {
    List<Matrix> W = new ArrayList<>();
    List<Matrix> b = new ArrayList<>();
    java.util.Map<String, Matrix> next = new java.util.LinkedHashMap<>();
    for (int l = 1; l <= parameters.depth(); l++) {
      MomentumStep w = momentumStep(parameters.W(l), grads.dW(l), v.get("dW" + l), beta, learningRate);
      MomentumStep c = momentumStep(parameters.b(l), grads.db(l), v.get("db" + l), beta, learningRate);
      W.add(w.theta());
      b.add(c.theta());
      next.put("dW" + l, w.v());
      next.put("db" + l, c.v());
    }
    return new Momentum(new Parameters(W, b), next);
  }

  /** initialize_adam's v and s. */
  public record AdamState(java.util.Map<String, Matrix> v, java.util.Map<String, Matrix> s) {}

  // initialize_adam: v and s, each zeros like every W[l] and b[l]
  public static AdamState initializeAdam(Parameters parameters) {
    return new AdamState(zerosLike(parameters), zerosLike(parameters));
  }

  /** One tensor's Adam step: the new θ, v, s and the bias-corrected v̂, ŝ. */
  public record AdamStep(Matrix theta, Matrix v, Matrix s, Matrix vCorrected, Matrix sCorrected) {}

  // Adam (the course's): v ← β₁·v + (1 − β₁)·dθ;  v̂ = v/(1 − β₁ᵗ);  s ← β₂·s + (1 − β₂)·dθ²;  ŝ = s/(1 − β₂ᵗ);
  //                      θ ← θ − α·v̂/(√ŝ + ε)
  public static AdamStep adamStep(Matrix theta, Matrix d, Matrix v, Matrix s, int t, double learningRate,
      double beta1, double beta2, double epsilon) {
    Matrix m1 = v.scale(beta1).plus(d.scale(1 - beta1));
    Matrix vHat = m1.scale(1 / (1 - Math.pow(beta1, t)));
    Matrix m2 = s.scale(beta2).plus(d.times(d).scale(1 - beta2));
    Matrix sHat = m2.scale(1 / (1 - Math.pow(beta2, t)));
    double[] vh = vHat.backingArray();
    double[] sh = sHat.backingArray();
    double[] step = new double[vh.length];
    for (int k = 0; k < vh.length; k++) {
      step[k] = vh[k] / (Math.sqrt(sh[k]) + epsilon);
    }
    return new AdamStep(theta.minus(Matrix.adopt(theta.rows(), theta.cols(), step).scale(learningRate)), m1, m2, vHat,
        sHat);
  }

  /** update_parameters_with_adam's parameters, v, s, v_corrected and s_corrected. */
  public record Adam(Parameters parameters, java.util.Map<String, Matrix> v, java.util.Map<String, Matrix> s,
      java.util.Map<String, Matrix> vCorrected, java.util.Map<String, Matrix> sCorrected) {}

  // update_parameters_with_adam: adamStep on every W[l] and b[l], at step t (counted from 1)
  public static Adam updateParametersWithAdam(Parameters parameters, Gradients grads, AdamState state, int t,
      double learningRate, double beta1, double beta2, double epsilon) {
    List<Matrix> W = new ArrayList<>();
    List<Matrix> b = new ArrayList<>();
    java.util.Map<String, Matrix> v = new java.util.LinkedHashMap<>();
    java.util.Map<String, Matrix> s = new java.util.LinkedHashMap<>();
    java.util.Map<String, Matrix> vc = new java.util.LinkedHashMap<>();
    java.util.Map<String, Matrix> sc = new java.util.LinkedHashMap<>();
    for (int l = 1; l <= parameters.depth(); l++) {
      for (String k : List.of("dW" + l, "db" + l)) {
        boolean w = k.startsWith("dW");
        AdamStep a = adamStep(w ? parameters.W(l) : parameters.b(l), w ? grads.dW(l) : grads.db(l), state.v().get(k),
            state.s().get(k), t, learningRate, beta1, beta2, epsilon);
        (w ? W : b).add(a.theta());
        v.put(k, a.v());
        s.put(k, a.s());
        vc.put(k, a.vCorrected());
        sc.put(k, a.sCorrected());
      }
    }
    return new Adam(new Parameters(W, b), v, s, vc, sc);
  }

  // DL4J's Adam (the twin's rule, optimizer adam_dl4j): the same v and s, but θ ← θ − α·√(1 − β₂ᵗ)/(1 − β₁ᵗ) ·
  // v/(√s + ε), its ε after the bias corrections (v̂ and ŝ are not formed: null)
  public static AdamStep adamDl4jStep(Matrix theta, Matrix d, Matrix v, Matrix s, int t, double learningRate,
      double beta1, double beta2, double epsilon) {
    Matrix m1 = v.scale(beta1).plus(d.scale(1 - beta1));
    Matrix m2 = s.scale(beta2).plus(d.times(d).scale(1 - beta2));
    double c1 = 1 - Math.pow(beta1, t);
    double c2 = 1 - Math.pow(beta2, t);
    return new AdamStep(theta.minus(ratio(m1, m2, epsilon).scale(learningRate * Math.sqrt(c2) / c1)), m1, m2, null,
        null);
  }

  /** num / (√den + ε), element-wise. */
  static Matrix ratio(Matrix num, Matrix den, double eps) {
    double[] n = num.backingArray();
    double[] d = den.backingArray();
    double[] out = new double[n.length];
    for (int k = 0; k < n.length; k++) {
      out[k] = n[k] / (Math.sqrt(d[k]) + eps);
    }
    return Matrix.adopt(num.rows(), num.cols(), out);
  }

  // update_lr: α = α₀ / (1 + decay_rate · epoch_num)
  public static double updateLr(double learningRate0, double epochNum, double decayRate) {
    return learningRate0 / (1 + decayRate * epochNum);
  }

  // schedule_lr_decay: α = α₀ / (1 + decay_rate · ⌊epoch_num / time_interval⌋)
  public static double scheduleLrDecay(double learningRate0, double epochNum, double decayRate, double timeInterval) {
    return learningRate0 / (1 + decayRate * Math.floor(epochNum / timeInterval));
  }
}
