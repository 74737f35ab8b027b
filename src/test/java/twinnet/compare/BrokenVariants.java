package twinnet.compare;

import twinnet.model.Gradients;
import twinnet.model.Matrix;
import twinnet.model.NetworkSpec;
import twinnet.model.Parameters;
import twinnet.scratch.Activations;
import twinnet.scratch.BatchNormalization;
import twinnet.scratch.Linear;
import twinnet.scratch.Linear.LinearCache;
import twinnet.scratch.Linear.LinearGrads;
import twinnet.scratch.ScratchNetwork;

/**
 * The mistakes people really make when they write backpropagation by hand, each as a scratch network
 * with exactly one step replaced. The real code is untouched.
 */
final class BrokenVariants {
  private BrokenVariants() {}

  /** dAL taken as the derivative of the output activation (here ReLU′ = 1 where A > 0) instead of the loss's. */
  static ScratchNetwork dALIsActivationDerivative(NetworkSpec spec, Parameters p) {
    return new ScratchNetwork(spec, p) {
      @Override
      protected Matrix costBackward(Matrix AL, Matrix Y) {
        return AL.map(a -> a > 0 ? 1.0 : 0.0);
      }
    };
  }

  /** dAL = Σ(A − Y)/m: one scalar for every example, broadcast. */
  static ScratchNetwork dALIsSummedScalar(NetworkSpec spec, Parameters p) {
    return new ScratchNetwork(spec, p) {
      @Override
      protected Matrix costBackward(Matrix AL, Matrix Y) {
        double s = AL.minus(Y).sum() / Y.cols();
        return AL.map(a -> s);
      }
    };
  }

  /** The output layer's activation derivative forgotten: dZ^[L] = dA^[L]. */
  static ScratchNetwork lastActivationDerivativeForgotten(NetworkSpec spec, Parameters p) {
    return new ScratchNetwork(spec, p) {
      @Override
      protected Matrix activationBackward(Matrix dA, Matrix Z, int l) {
        return l == spec.depth() ? dA : super.activationBackward(dA, Z, l);
      }
    };
  }

  /** dW = dZ·A_prevᵀ, without the 1/m. */
  static ScratchNetwork dWWithoutOneOverM(NetworkSpec spec, Parameters p) {
    return new ScratchNetwork(spec, p) {
      @Override
      protected LinearGrads linearBackward(Matrix dZ, LinearCache cache) {
        LinearGrads g = Linear.linearBackward(dZ, cache);
        return new LinearGrads(g.dA_prev(), dZ.dot(cache.A_prev().transpose()), g.db());
      }
    };
  }

  /** db = dZ/m, not summed over examples (n_l × m instead of n_l × 1). */
  static ScratchNetwork dbNotSummed(NetworkSpec spec, Parameters p) {
    return new ScratchNetwork(spec, p) {
      @Override
      protected LinearGrads linearBackward(Matrix dZ, LinearCache cache) {
        LinearGrads g = Linear.linearBackward(dZ, cache);
        return new LinearGrads(g.dA_prev(), g.dW(), dZ.scale(1.0 / dZ.cols()));
      }
    };
  }

  /** A_prev not transposed: dW = 1/m · A_prev·dZᵀ, which is dWᵀ (silent when the layer is square). */
  static ScratchNetwork aPrevNotTransposed(NetworkSpec spec, Parameters p) {
    return new ScratchNetwork(spec, p) {
      @Override
      protected LinearGrads linearBackward(Matrix dZ, LinearCache cache) {
        LinearGrads g = Linear.linearBackward(dZ, cache);
        Matrix dW = cache.A_prev().dot(dZ.transpose()).scale(1.0 / dZ.cols());
        return new LinearGrads(g.dA_prev(), dW, g.db());
      }
    };
  }

  /** ReLU′(0) taken as 1 (dZ[Z < 0] = 0 instead of the course's dZ[Z <= 0] = 0). */
  static ScratchNetwork reluDerivativeOneAtZero(NetworkSpec spec, Parameters p) {
    return new ScratchNetwork(spec, p) {
      @Override
      protected Matrix activationBackward(Matrix dA, Matrix Z, int l) {
        if (spec.activation(l) != twinnet.model.Activation.RELU) {
          return super.activationBackward(dA, Z, l);
        }
        return dA.times(Z.map(z -> z >= 0 ? 1.0 : 0.0));
      }
    };
  }

  /** The update added instead of subtracted: W ← W + α·dW. */
  static ScratchNetwork updateAdded(NetworkSpec spec, Parameters p) {
    return new ScratchNetwork(spec, p) {
      @Override
      protected Parameters updateParameters(Parameters params, Gradients grads, double learningRate) {
        return super.updateParameters(params, grads, -learningRate);
      }
    };
  }

  /**
   * MSE's cost with half-MSE's gradient dAL = A − Y: off by MSE's factor 2/n_y (2 for one output; with
   * exactly two outputs the factor is 1 and the slip is invisible).
   */
  static ScratchNetwork halfMseGradientWithMseLoss(NetworkSpec spec, Parameters p) {
    return new ScratchNetwork(spec, p) {
      @Override
      protected Matrix costBackward(Matrix AL, Matrix Y) {
        return AL.minus(Y);
      }
    };
  }

  /** Sigmoid′ written as s·(1 + s): a typo that the numerical gradient check alone also catches. */
  static ScratchNetwork sigmoidDerivativeTypo(NetworkSpec spec, Parameters p) {
    return new ScratchNetwork(spec, p) {
      @Override
      protected Matrix activationBackward(Matrix dA, Matrix Z, int l) {
        if (spec.activation(l) != twinnet.model.Activation.SIGMOID) {
          return super.activationBackward(dA, Z, l);
        }
        Matrix s = Activations.sigmoid(Z);
        return dA.times(s.times(s.map(v -> 1 + v)));
      }
    };
  }

  /** Softmax with cross-entropy, combined, but Y forgotten: dZ^[L] = A instead of A − Y. */
  static ScratchNetwork softmaxYForgotten(NetworkSpec spec, Parameters p) {
    return new ScratchNetwork(spec, p) {
      @Override
      protected Matrix outputBackward(Matrix AL, Matrix Y) {
        return AL;
      }
    };
  }

  /** Dropout's backward pass draws a fresh mask instead of reusing the forward pass's D. */
  static ScratchNetwork dropoutMaskNotReused(NetworkSpec spec, Parameters p) {
    return new ScratchNetwork(spec, p) {
      @Override
      protected Matrix dropoutBackward(Matrix dA, Matrix D, int l) {
        Matrix fresh = spec.dropout().mask(stepsTaken() + 1_000_003, l, D.rows(), D.cols());
        return super.dropoutBackward(dA, fresh, l);
      }
    };
  }

  /** Dropout's forward pass without the division by keep_prob: A ← A ⊙ D (not inverted). */
  static ScratchNetwork dropoutForwardNotScaled(NetworkSpec spec, Parameters p) {
    return new ScratchNetwork(spec, p) {
      @Override
      protected Matrix dropoutForward(Matrix A, Matrix D, int l) {
        return A.times(D);
      }
    };
  }

  /** Dropout's backward pass without the division by keep_prob: dA ← dA ⊙ D. */
  static ScratchNetwork dropoutBackwardNotScaled(NetworkSpec spec, Parameters p) {
    return new ScratchNetwork(spec, p) {
      @Override
      protected Matrix dropoutBackward(Matrix dA, Matrix D, int l) {
        return dA.times(D);
      }
    };
  }

  /** Dropout left on at prediction time: predict runs the training forward pass, masks and all. */
  static ScratchNetwork dropoutAtPrediction(NetworkSpec spec, Parameters p) {
    return new ScratchNetwork(spec, p) {
      @Override
      public Matrix predict(Matrix X) {
        return lModelForwardWithDropout(X).AL();
      }
    };
  }

  /** Batch norm's backward without the terms through μ and σ²: dZ = dZ̃ ⊙ γ / √(σ² + ε). */
  static ScratchNetwork batchNormWithoutMeanAndVarianceTerms(NetworkSpec spec, Parameters p) {
    return new ScratchNetwork(spec, p) {
      @Override
      protected BatchNormalization.Grads batchNormBackward(Matrix dZtilde, BatchNormalization.Cache c, int l) {
        BatchNormalization.Grads g = super.batchNormBackward(dZtilde, c, l);
        Matrix dZ = Matrix.zeros(dZtilde.rows(), dZtilde.cols());
        double[][] v = new double[dZtilde.rows()][dZtilde.cols()];
        for (int i = 0; i < v.length; i++) {
          for (int j = 0; j < v[i].length; j++) {
            v[i][j] = dZtilde.get(i, j) * c.gamma().get(i, 0) / c.std().get(i, 0);
          }
        }
        return new BatchNormalization.Grads(dZ.plus(Matrix.of(v)), g.dgamma(), g.dbeta());
      }
    };
  }

  /** Batch norm with the sample variance, 1/(m − 1), instead of the population one. */
  static ScratchNetwork batchNormSampleVariance(NetworkSpec spec, Parameters p) {
    return new ScratchNetwork(spec, p) {
      @Override
      protected BatchNormalization.Forward batchNormForward(Matrix Z, int l) {
        int m = Z.cols();
        Matrix mu = Z.sumColumns().scale(1.0 / m);
        double[][] var = new double[Z.rows()][1];
        for (int i = 0; i < Z.rows(); i++) {
          for (int j = 0; j < m; j++) {
            double c = Z.get(i, j) - mu.get(i, 0);
            var[i][0] += c * c / (m - 1);
          }
        }
        return normalizeWith(Z, mu, Matrix.of(var), parameters().norm(l), spec.batchNorm().epsilon(), false);
      }
    };
  }

  /** Batch norm with ε outside the square root: (Z − μ)/(√σ² + ε). */
  static ScratchNetwork batchNormEpsilonOutsideTheRoot(NetworkSpec spec, Parameters p) {
    return new ScratchNetwork(spec, p) {
      @Override
      protected BatchNormalization.Forward batchNormForward(Matrix Z, int l) {
        BatchNormalization.Forward right = super.batchNormForward(Z, l);
        return normalizeWith(Z, right.cache().mu(), right.cache().var(), parameters().norm(l),
            spec.batchNorm().epsilon(), true);
      }
    };
  }

  /** Z̃ = γ ⊙ (Z − μ)/s + β with s = √(σ² + ε), or √σ² + ε when {@code outside}; its cache for the backward pass. */
  private static BatchNormalization.Forward normalizeWith(Matrix Z, Matrix mu, Matrix var, Parameters.Norm n,
      double eps, boolean outside) {
    Matrix std = var.map(v -> outside ? Math.sqrt(v) + eps : Math.sqrt(v + eps));
    double[][] zn = new double[Z.rows()][Z.cols()];
    double[][] zt = new double[Z.rows()][Z.cols()];
    for (int i = 0; i < Z.rows(); i++) {
      for (int j = 0; j < Z.cols(); j++) {
        zn[i][j] = (Z.get(i, j) - mu.get(i, 0)) / std.get(i, 0);
        zt[i][j] = n.gamma().get(i, 0) * zn[i][j] + n.beta().get(i, 0);
      }
    }
    return new BatchNormalization.Forward(Matrix.of(zt),
        new BatchNormalization.Cache(Matrix.of(zn), std, n.gamma(), mu, var));
  }
}
