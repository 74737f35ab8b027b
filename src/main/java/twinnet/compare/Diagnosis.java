package twinnet.compare;

import java.util.ArrayList;
import java.util.List;
import twinnet.model.Activation;
import twinnet.model.Loss;
import twinnet.model.Matrix;
import twinnet.model.NetworkSpec;
import twinnet.model.Parameters;

/**
 * Recognises the common causes of a disagreement from the pattern of the numbers, and says in one
 * sentence each what to check. Side a is the one under test (the scratch network), side b the
 * reference (DL4J).
 */
public final class Diagnosis {
  private Diagnosis() {}

  /** Why a tensor of a differs from the same tensor of b, when the pattern is recognisable; else null. */
  public static String pattern(String tensor, Matrix a, Matrix b, NetworkSpec spec, int m) {
    if (!tensor.startsWith("d") && dropoutPattern(tensor, spec) != null) {
      return dropoutPattern(tensor, spec);
    }
    if (!a.sameShape(b)) {
      if (tensor.startsWith("db") && a.rows() == b.rows() && a.cols() == m && b.cols() == 1) {
        return tensor + " is " + a.shape() + " instead of " + b.shape() + ": db was not summed over the examples; "
            + "use db = 1/m · Σ_columns dZ (np.sum(dZ, axis=1, keepdims=True)).";
      }
      if (a.rows() == b.cols() && a.cols() == b.rows()) {
        return tensor + " is " + a.shape() + ", the transpose of " + b.shape() + ": check the transposes, dW = 1/m · "
            + "dZ·A_prevᵀ is n_l × n_{l−1}.";
      }
      return tensor + " is " + a.shape() + " but should be " + b.shape() + ".";
    }
    double bb = dot(b, b);
    double aa = dot(a, a);
    if (bb == 0 || aa == 0) {
      return aa == 0 ? tensor + " is zero where it should not be: a missing term, or a derivative taken as 0 everywhere."
          : null;
    }
    double r = dot(a, b) / bb;
    double resid = a.minus(b.scale(r)).norm() / Math.sqrt(aa);
    if (resid < 1e-6 && Math.abs(r - 1) > 1e-6) { // a real scale, not a small difference
      String keep = keepFactor(tensor, r, spec);
      if (keep != null) {
        return keep;
      }
      String factor = nameFactor(r, spec, m);
      if (factor != null) {
        return tensor + " is exactly " + factor + " times the reference: " + adviceFor(r, spec, m);
      }
      return String.format("%s is a constant %.6g times the reference: a scale factor slipped in (check 1/m, the "
          + "loss's constant and the learning-rate convention).", tensor, r);
    }
    if (a.rows() == a.cols() && a.minus(b.transpose()).norm() <= 1e-9 * Math.sqrt(aa)) {
      return tensor + " equals the transpose of the reference: A_prev (or dZ) was not transposed; dW = 1/m · "
          + "dZ·A_prevᵀ.";
    }
    return dropoutPattern(tensor, spec);
  }

  /** A gradient of a dropping layer off by exactly keep_prob (or its inverse): the backward's 1/keep_prob. */
  private static String keepFactor(String tensor, double r, NetworkSpec spec) {
    if (!spec.hasDropout() || !(tensor.startsWith("dW") || tensor.startsWith("db"))) {
      return null;
    }
    int l = Integer.parseInt(tensor.substring(2));
    if (l >= spec.depth() || !spec.dropout().drops(l)) {
      return null;
    }
    double k = spec.dropout().keep(l);
    if (Math.abs(r - k) <= 1e-9 * k || Math.abs(r - 1 / k) <= 1e-9 / k) {
      return tensor + " is exactly " + (Math.abs(r - k) <= 1e-9 * k ? "keep_prob" : "1/keep_prob") + " = "
          + String.format("%.6g", r) + " times the reference, in layer " + l + ", which drops units: the backward "
          + "pass must scale like the forward one, dA ← dA ⊙ D / keep_prob (divided by keep_prob once).";
    }
    return null;
  }

  /** The dropout and batch-norm slips that show in one tensor of a network with them (BrokenVariantsTest). */
  private static String dropoutPattern(String tensor, NetworkSpec spec) {
    boolean bn = spec.batchNorm() != null;
    if (!spec.hasDropout() && !bn) {
      return null;
    }
    List<String> out = new ArrayList<>();
    if (tensor.equals("predict")) {
      if (spec.hasDropout()) {
        out.add("The training pass agrees but the predictions do not: is dropout left on at prediction time? Nothing "
            + "is dropped, and nothing rescaled, outside training (with inverted dropout the kept units were already "
            + "scaled by 1/keep_prob in training).");
      }
      if (bn) {
        out.add("The training pass agrees but the predictions do not: batch norm predicts with the running averages "
            + "(running ← momentum·running + (1 − momentum)·batch, the population variance, ε inside the root), not "
            + "with the batch's own statistics.");
      }
    } else if (tensor.equals("AL")) {
      if (spec.hasDropout()) {
        out.add("The forward pass differs with dropout on: check A ← A ⊙ D / keep_prob after each hidden layer (the "
            + "division by keep_prob is what makes it inverted dropout), and that D = (u < keep_prob) keeps a unit "
            + "with probability keep_prob.");
      }
      if (bn) {
        out.add("The forward pass differs with batch norm: check Z_norm = (Z − μ)/√(σ² + ε) with the population "
            + "variance σ² = 1/m·Σ(Z − μ)² (not 1/(m − 1)) and ε inside the square root, then Z̃ = γ ⊙ Z_norm + β.");
      }
    } else if (tensor.startsWith("dW") || tensor.startsWith("db")) {
      int l = Integer.parseInt(tensor.substring(2));
      if (spec.normalises(l) && tensor.startsWith("dW")) {
        out.add(tensor + " is the first wrong gradient of batch-normalised layer " + l + ", after its dγ and dβ "
            + "agreed: the backward pass through the normalisation must carry the terms through μ and σ², dZ = "
            + "(dZ_norm − mean(dZ_norm) − Z_norm ⊙ mean(dZ_norm ⊙ Z_norm)) / √(σ² + ε), not dZ_norm / √(σ² + ε) alone.");
      }
      if (l < spec.depth() && spec.dropout() != null && spec.dropout().drops(l)) {
        out.add(tensor + " is the first wrong gradient, in layer " + l + ", which drops units: its dA must be masked "
            + "with the forward pass's own D and divided by keep_prob (dA ← dA ⊙ D / keep_prob), not a mask drawn "
            + "again in the backward pass.");
      }
    }
    return out.isEmpty() ? null : String.join(" ", out);
  }

  private static String nameFactor(double r, NetworkSpec spec, int m) {
    int n = spec.outputs();
    double[][] candidates = {{-1}, {2}, {0.5}, {m}, {1.0 / m}, {n}, {1.0 / n}, {2.0 / n}, {n / 2.0}};
    String[] names = {"−1", "2", "½", "m = " + m, "1/m (m = " + m + ")", "n_y = " + n, "1/n_y", "2/n_y", "n_y/2"};
    for (int i = 0; i < candidates.length; i++) {
      if (candidates[i][0] != 1 && Math.abs(r - candidates[i][0]) <= 1e-9 * Math.abs(candidates[i][0])) {
        return names[i];
      }
    }
    return null;
  }

  private static String adviceFor(double r, NetworkSpec spec, int m) {
    if (Math.abs(r + 1) < 1e-9) {
      return "a sign flip; check dAL = A − Y (not Y − A) and that the update subtracts.";
    }
    if (Math.abs(r - m) < 1e-9 * m || Math.abs(r - 1.0 / m) < 1e-9 / m) {
      return "the 1/m is missing or applied twice; dW = 1/m · dZ·A_prevᵀ, db = 1/m · Σ dZ.";
    }
    if (Math.abs(r - 2) < 1e-9 || Math.abs(r - 0.5) < 1e-9) {
      return "a factor of 2 between half-MSE (J = 1/(2m)·Σ(A−Y)², dAL = A − Y) and MSE (no ½, dAL = 2(A−Y)/n_y); "
          + "check that dAL matches the cost's convention (" + spec.loss().id() + ").";
    }
    return "a factor of the output count n_y: MSE averages over outputs (dAL = 2(A−Y)/n_y); check which convention "
        + "dAL follows (" + spec.loss().id() + ").";
  }

  private static double dot(Matrix a, Matrix b) {
    return a.times(b).sum();
  }

  /** Known DL4J differences that apply to this spec and data, as sentences. */
  public static List<String> knownDifferences(NetworkSpec spec, Matrix AL) {
    List<String> out = new ArrayList<>();
    for (String where : new String[] {"hidden", "output"}) {
      Activation a = where.equals("hidden") ? spec.hidden() : spec.output();
      double alpha = where.equals("hidden") ? spec.hiddenAlpha() : spec.outputAlpha();
      if (where.equals("hidden") && spec.depth() < 2) {
        continue;
      }
      if (a == Activation.LEAKY_RELU && (double) (float) alpha != alpha) {
        out.add(String.format("DL4J's leaky ReLU backprop casts α to float: (float) %s = %.17g, a relative "
            + "difference of %.1e in the %s layers' derivative on the negative side; an α exact in float (0.25, "
            + "2⁻⁷) compares exactly.", alpha, (double) (float) alpha, Math.abs((float) alpha - alpha) / alpha, where));
      }
      if (a == Activation.ELU && alpha != 1.0) {
        out.add("DL4J's ELU backprop ignores α ≠ 1 (it uses α = 1 for z < 0): the " + where + " layers' gradients "
            + "differ by design; α = 1 compares exactly.");
      }
    }
    if (spec.loss() == Loss.BCE && AL != null) {
      int clipped = 0;
      for (int i = 0; i < AL.rows(); i++) {
        for (int j = 0; j < AL.cols(); j++) {
          double v = AL.get(i, j);
          if (v < 1e-5 || v > 1 - 1e-5) {
            clipped++;
          }
        }
      }
      if (clipped > 0) {
        out.add(clipped + " sigmoid output(s) lie beyond [1e-5, 1 − 1e-5], where DL4J's cross-entropy clips them "
            + "and the course's formula does not: the cost and the output layer's gradient differ there.");
      }
    }
    if (spec.loss() == Loss.CCE && AL != null) {
      int clipped = 0;
      for (double v : AL.toRowMajor()) {
        clipped += v < 1e-10 || v > 1 - 1e-10 ? 1 : 0;
      }
      if (clipped > 0) {
        out.add(clipped + " softmax output(s) lie beyond [1e-10, 1 − 1e-10], where DL4J's LossMCXENT clips them in "
            + "its score (not in its gradient, p − y): the costs differ there, the gradients do not.");
      }
    }
    return out;
  }

  /** Known differences between the course's update rules and DL4J's updaters, as sentences. */
  public static List<String> knownDifferences(twinnet.model.Optimizer o) {
    return switch (o.kind()) {
      case ADAM -> List.of("The course's Adam adds ε to the bias-corrected √ŝ; DL4J's Adam adds it to √s, i.e. "
          + "W ← W − α·√(1−β₂ᵗ)/(1−β₁ᵗ)·v/(√s + ε): the updates differ by design (use adam_dl4j to compare "
          + "exactly).");
      case RMSPROP -> List.of("DL4J's RmsProp starts its moving average s at ε where the course starts it at 0: "
          + "the first updates differ by design, the more so the larger ε is.");
      default -> List.of();
    };
  }

  /** Why the two parted during training although they agreed at step 0; sentences. */
  public static List<String> ofTraining(SideBySide t, NetworkSpec spec, Matrix Y, double learningRate,
      Parameters start, Parameters afterFirstA, Parameters afterFirstB) {
    List<String> out = new ArrayList<>();
    if (t.status() == SideBySide.Status.BOTH_DIVERGED) {
      double ymax = 0;
      for (int i = 0; i < Y.rows(); i++) {
        for (int j = 0; j < Y.cols(); j++) {
          ymax = Math.max(ymax, Math.abs(Y.get(i, j)));
        }
      }
      out.add(String.format("Both sides became non-finite at step %d (from a cost of %.4g at step 0), in step with "
          + "each other (%s): gradient descent diverged, the same way on both sides. The learning rate %s is too "
          + "large for these data (|y| up to %.4g): standardise the targets (and inputs) or lower the learning rate.",
          t.divergedAt(), t.costA()[0], String.join("; ", t.faults().stream().map(SideBySide.NumericalFault::describe)
              .toList()), learningRate, ymax));
      return out;
    }
    if (t.faults().size() == 1) {
      SideBySide.NumericalFault f = t.faults().get(0);
      out.add("Only " + f.side() + " became non-finite, at step " + f.step() + " (" + f.what() + "), while the other "
          + "side stayed finite: look at that side's overflow-prone paths (e^z in sigmoid and ELU, log in "
          + "cross-entropy, a division by 1 − A).");
      return out;
    }
    SideBySide.Divergence d = t.firstDivergence();
    if (d == null) {
      return out;
    }
    if (d.step() == 0 && d.what().endsWith("after the update") && afterFirstA != null) {
      // Same gradients, different first update: compare the steps taken.
      for (int l = 1; l <= start.depth(); l++) {
        Matrix da = afterFirstA.W(l).minus(start.W(l));
        Matrix db = afterFirstB.W(l).minus(start.W(l));
        String p = pattern("the update of W" + l, da, db, spec, Y.cols());
        if (p != null) {
          out.add(p.replace("a sign flip; check dAL = A − Y (not Y − A) and that the update subtracts.",
              "the update has the wrong sign: W ← W − α·dW.") + " The gradients agreed; the update rule differs.");
          return out;
        }
      }
      out.add("The gradients agreed at step 0 but the first update differs: check update_parameters "
          + "(W ← W − α·dW, b ← b − α·db) and the learning rate.");
      return out;
    }
    if (d.step() > 0 && t.parameterError().length > d.step()) {
      double early = t.parameterError()[0];
      double late = t.parameterError()[d.step()];
      if (early < 1e-13 && late > early) {
        double growth = Math.pow(late / Math.max(early, 1e-17), 1.0 / Math.max(1, d.step()));
        out.add(String.format("The two agreed to rounding at step 0 (worst parameter error %.1e) and parted "
            + "gradually, reaching %.1e at step %d (×%.3g a step on average): rounding differences amplified by "
            + "the training itself, as in an unstable gradient descent; a smaller learning rate keeps them "
            + "together. This is not, by itself, an implementation difference.", early, late, d.step(), growth));
      }
    }
    return out;
  }
}
