package twinnet.cases;

import java.util.ArrayList;
import java.util.List;
import twinnet.compare.Comparison;
import twinnet.compare.Diagnosis;
import twinnet.compare.Harness;
import twinnet.compare.TensorDiff;
import twinnet.compare.Tolerances;
import twinnet.data.Batches;
import twinnet.data.Dataset;
import twinnet.dl4j.Conventions;
import twinnet.dl4j.Dl4jNetwork;
import twinnet.model.Activation;
import twinnet.model.Matrix;
import twinnet.model.NetworkSpec;
import twinnet.model.Optimizer;
import twinnet.model.Parameters;
import twinnet.scratch.Activations;
import twinnet.scratch.ScratchNetwork;

/**
 * DL4J's known differences, each confirmed on the numbers before it is named: the scratch network is
 * changed to do exactly what DL4J does (α cast to float in leaky ReLU's derivative, α = 1 in ELU's, DL4J's
 * Adam, RMSprop's average started at ε) and must then agree with the twin. A quirk that the numbers do not
 * confirm is not offered as the cause.
 */
public final class Quirks {
  private Quirks() {}

  /** The sentences of every known difference of this case that the numbers confirm. */
  static List<String> confirmed(Case c, Dataset d, Parameters initial) {
    List<String> out = new ArrayList<>();
    NetworkSpec spec = c.spec();
    Optimizer rule = c.optimizer().rule();
    Tolerances tol = c.tol();
    for (String sentence : Diagnosis.knownDifferences(spec, null)) {
      // the activation quirks: the scratch network with DL4J's derivative agrees at step 0
      ScratchNetwork asDl4j = new ScratchNetwork(spec, initial) {
        @Override
        protected Matrix activationBackward(Matrix dA, Matrix Z, int l) {
          Activation g = spec.activation(l);
          double a = spec.alpha(l);
          if (g == Activation.LEAKY_RELU) {
            a = (float) a;
          } else if (g == Activation.ELU) {
            a = 1.0;
          }
          return Activations.activationBackward(dA, Z, g, a);
        }
      };
      Comparison cmp = Harness.compare(asDl4j, Dl4jNetwork.withParameters(spec, initial, rule, d.examples()),
          d.X(), d.Y(), tol);
      if (cmp.agrees()) {
        out.add(sentence + String.format(" Confirmed: with DL4J's α in the derivative the scratch network agrees "
            + "with the twin at step 0 (worst relative error %.1e).", worst(cmp)));
      }
    }
    if (spec.loss() == twinnet.model.Loss.BCE || spec.loss() == twinnet.model.Loss.CCE) {
      out.addAll(Diagnosis.knownDifferences(spec, new ScratchNetwork(spec, initial).predict(d.X())));
    }
    if (rule.kind() == Optimizer.Kind.ADAM || rule.kind() == Optimizer.Kind.RMSPROP) {
      double diff = firstStepWithDl4jsRule(c, d, initial);
      if (diff <= tol.parameters()) {
        for (String sentence : Diagnosis.knownDifferences(rule)) {
          out.add(sentence + String.format(" Confirmed: with DL4J's rule the scratch network's first step agrees "
              + "with the twin's (relative error %.1e).", diff));
        }
      }
    }
    return out;
  }

  private static double worst(Comparison cmp) {
    double w = 0;
    for (TensorDiff t : cmp.gradients()) {
      w = Math.max(w, t.relativeError());
    }
    return w;
  }

  /**
   * The worst relative difference of the parameters after one step on the first batch, between the twin
   * and the scratch network doing what DL4J does: {@code adam_dl4j} for Adam, and for RMSprop the course's
   * rule with its average s started where DL4J starts it, at ε′ in DL4J's gradient units (c²·ε′ in the
   * course's, since the course's gradient is c times DL4J's averaged one).
   */
  static double firstStepWithDl4jsRule(Case c, Dataset d, Parameters initial) {
    NetworkSpec spec = c.spec();
    Optimizer rule = c.optimizer().rule();
    Batches.Batch b = new Batches(d, c.optimizer().batchSize(), c.optimizer().shuffleSeed()).next();
    Dl4jNetwork twin = Dl4jNetwork.withParameters(spec, initial, rule, d.examples());
    ScratchNetwork scratch;
    if (rule.kind() == Optimizer.Kind.ADAM) {
      scratch = new ScratchNetwork(spec, initial, new Optimizer(Optimizer.Kind.ADAM_DL4J, rule.momentum(),
          rule.beta1(), rule.beta2(), rule.epsilon(), rule.l2()));
    } else {
      scratch = new ScratchNetwork(spec, initial, rule);
      double c2 = Conventions.costScale(spec) * Conventions.costScale(spec);
      double s0 = c2 * Conventions.dl4jEpsilon(spec, rule);
      List<Matrix> v = new ArrayList<>();
      List<Matrix> s = new ArrayList<>();
      for (int l = 1; l <= spec.depth(); l++) {
        v.add(null);
        v.add(null);
        s.add(Matrix.zeros(spec.size(l), spec.size(l - 1)).map(x -> s0));
        s.add(Matrix.zeros(spec.size(l), 1).map(x -> s0));
      }
      scratch.restoreOptimizerState(new ScratchNetwork.OptimizerState(v, s, 0));
    }
    double lr = c.optimizer().learningRate();
    scratch.step(b.X(), b.Y(), lr);
    twin.step(b.X(), b.Y(), lr);
    double worst = 0;
    for (TensorDiff t : Harness.parameterDiffs(scratch.parameters(), twin.parameters())) {
      worst = Math.max(worst, t.relativeError());
    }
    return worst;
  }

  /**
   * DL4J's max pooling gives a window's gradient to its first maximum only, the course's mask to every tied one: in a
   * case with max pools, the scratch network doing what libnd4j's maxpool2d_bp does must then agree with the twin at
   * step 0, and only then is it named.
   */
  static List<String> tiedMaxima(Case c, Dataset d, Parameters initial) {
    if (c.convs() == null || !c.convs().hasMaxPool()) {
      return List.of();
    }
    twinnet.scratch.ConvNetwork asDl4j = new twinnet.scratch.ConvNetwork(c.convs(), c.spec(), initial,
        c.optimizer().rule()) {
      @Override
      protected twinnet.model.Tensor4 poolBackward(twinnet.model.Tensor4 dA,
          twinnet.scratch.Convolution.PoolForward cache) {
        return cache.mode() == twinnet.scratch.Convolution.Mode.MAX ? firstMaximum(dA, cache)
            : super.poolBackward(dA, cache);
      }
    };
    Comparison cmp = Harness.compare(asDl4j, Dl4jNetwork.withParameters(c.convs(), c.spec(), initial,
        c.optimizer().rule(), d.examples()), d.X(), d.Y(), c.tol());
    if (!cmp.agrees()) {
      return List.of();
    }
    return List.of("DL4J's max pooling gives a window's gradient to its first maximum only (libnd4j's maxpool2d_bp "
        + "keeps the first in row-major order, a strict >), where the course's mask x == np.max(x) gives it to every "
        + "tied maximum: windows of equal values (flat image regions, or a stage whose outputs repeat) part the two. "
        + String.format("Confirmed: with DL4J's rule the scratch network agrees with the twin at step 0 (worst relative "
            + "error %.1e).", worst(cmp)));
  }

  /** pool_backward as libnd4j does it for max pooling: all of dA to the first maximum of each window. */
  public static twinnet.model.Tensor4 firstMaximum(twinnet.model.Tensor4 dA, twinnet.scratch.Convolution.PoolForward cache) {
    twinnet.model.Tensor4 a = cache.Aprev();
    int f = cache.hparameters().f();
    int stride = cache.hparameters().stride();
    twinnet.model.Tensor4 out = twinnet.model.Tensor4.zeros(a.dim(0), a.dim(1), a.dim(2), a.dim(3));
    for (int i = 0; i < dA.dim(0); i++) {
      for (int h = 0; h < dA.dim(1); h++) {
        for (int w = 0; w < dA.dim(2); w++) {
          for (int ch = 0; ch < dA.dim(3); ch++) {
            int bestP = 0;
            int bestQ = 0;
            double best = Double.NEGATIVE_INFINITY;
            for (int p = 0; p < f; p++) {
              for (int q = 0; q < f; q++) {
                double v = a.get(i, h * stride + p, w * stride + q, ch);
                if (v > best) {
                  best = v;
                  bestP = p;
                  bestQ = q;
                }
              }
            }
            out.add(i, h * stride + bestP, w * stride + bestQ, ch, dA.get(i, h, w, ch));
          }
        }
      }
    }
    return out;
  }
}
