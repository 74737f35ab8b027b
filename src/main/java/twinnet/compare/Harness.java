package twinnet.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import twinnet.data.Batches;
import twinnet.data.Dataset;
import twinnet.io.Stop;
import twinnet.model.Matrix;
import twinnet.model.Network;
import twinnet.model.Parameters;

/** Compares two {@link Network}s: at one point, and trained side by side. */
public final class Harness {
  private Harness() {}

  /** Predictions, cost and every gradient of a and b on (X, Y) at their current parameters. */
  public static Comparison compare(Network a, Network b, Matrix X, Matrix Y, Tolerances tol) {
    Network.Backprop pa = a.backprop(X, Y);
    Network.Backprop pb = b.backprop(X, Y);
    return comparison(a, b, pa, pb, inference(a, b, X), tol);
  }

  /**
   * With dropout or batch norm the training pass is not the prediction: predict(X) of both, compared too
   * (nothing dropped there; batch norm with its running averages); null otherwise.
   */
  private static TensorDiff inference(Network a, Network b, Matrix X) {
    return a.spec().hasDropout() || a.spec().batchNorm() != null
        ? TensorDiff.of("predict", 0, a.predict(X), b.predict(X)) : null;
  }

  private static Comparison comparison(Network a, Network b, Network.Backprop pa, Network.Backprop pb,
      TensorDiff inference, Tolerances tol) {
    List<TensorDiff> grads = new ArrayList<>();
    List<Parameters.Tensor> ga = pa.grads().backwardOrder();
    List<Parameters.Tensor> gb = pb.grads().backwardOrder();
    for (int i = 0; i < ga.size(); i++) {
      grads.add(TensorDiff.of(ga.get(i).name(), ga.get(i).layer(), ga.get(i).value(), gb.get(i).value()));
    }
    return new Comparison(a.name(), b.name(), TensorDiff.of("AL", 0, pa.AL(), pb.AL()),
        TensorDiff.ofScalar("cost", pa.cost(), pb.cost()), grads, tol, inference);
  }

  /** {@link #compare} with the default tolerances. */
  public static Comparison compare(Network a, Network b, Matrix X, Matrix Y) {
    return compare(a, b, X, Y, Tolerances.DEFAULT);
  }

  /**
   * Full-batch gradient descent on both networks for {@code steps} steps with the same learning rate,
   * comparing the cost before every step and the parameters after it. Both networks must start from
   * the same parameters. Stops early when a cost becomes non-finite.
   */
  public static SideBySide trainSideBySide(
      Network a, Network b, Matrix X, Matrix Y, double learningRate, int steps, Tolerances tol) {
    return trainSideBySide(a, b, Batches.fullBatch(new Dataset("data", X, Y)), learningRate, steps, tol, false,
        s -> { });
  }

  /** As above, telling {@code progress} each finished step. */
  public static SideBySide trainSideBySide(Network a, Network b, Matrix X, Matrix Y, double learningRate, int steps,
      Tolerances tol, java.util.function.IntConsumer progress) {
    return trainSideBySide(a, b, Batches.fullBatch(new Dataset("data", X, Y)), learningRate, steps, tol, false,
        progress);
  }

  /**
   * Gradient descent on both networks, each step on the same batch from {@code batches}: compares the
   * cost before every step, every gradient at every step when {@code compareGradients}, and the
   * parameters after every step. Stops early when a cost becomes non-finite, and at a stop request
   * ({@link Stop.Stopped}).
   */
  public static SideBySide trainSideBySide(Network a, Network b, Batches batches, double learningRate, int steps,
      Tolerances tol, boolean compareGradients) {
    return trainSideBySide(a, b, batches, learningRate, steps, tol, compareGradients, s -> { });
  }

  /** As above, telling {@code progress} each finished step. */
  public static SideBySide trainSideBySide(Network a, Network b, Batches batches, double learningRate, int steps,
      Tolerances tol, boolean compareGradients, java.util.function.IntConsumer progress) {
    double[] costA = new double[steps];
    double[] costB = new double[steps];
    double[][] gradErr = compareGradients ? new double[steps][] : null;
    double[] paramErr = new double[steps];
    SideBySide.Divergence first = null;
    Comparison atDivergence = null;
    int run = 0;
    boolean bothDiverged = false;
    double costScale = 0;
    List<SideBySide.NumericalFault> faults = new ArrayList<>();
    for (int t = 0; t < steps; t++) {
      Stop.check("comparing step " + (t + 1) + " of " + steps);
      Batches.Batch batch = batches.next();
      Comparison c = null;
      if (compareGradients) {
        // each side's backprop at the parameters before the step (the one its step applies, where a network
        // hands it over), and predict(X) before either side steps
        TensorDiff inference = inference(a, b, batch.X());
        Network.Stepped sa = a.stepWithBackprop(batch.X(), batch.Y(), learningRate);
        Network.Stepped sb = b.stepWithBackprop(batch.X(), batch.Y(), learningRate);
        costA[t] = sa.cost();
        costB[t] = sb.cost();
        c = comparison(a, b, sa.before(), sb.before(), inference, tol);
        // Held to the gradient bound at step 0 only: later, as gradients shrink towards a minimum, their
        // relative error grows by conditioning alone; the cost and the parameters carry the verdict.
        gradErr[t] = worstByLayer(c.gradients());
        if (t == 0 && first == null && c.firstMismatch().filter(d -> d.tensor().startsWith("d")).isPresent()) {
          TensorDiff d = c.firstMismatch().orElseThrow();
          first = new SideBySide.Divergence(t, d, d.tensor() + " at the initial weights");
          atDivergence = c;
        }
      } else {
        costA[t] = a.step(batch.X(), batch.Y(), learningRate);
        costB[t] = b.step(batch.X(), batch.Y(), learningRate);
      }
      run = t + 1;
      progress.accept(run);
      Parameters pa = a.parameters();
      Parameters pb = b.parameters();
      SideBySide.NumericalFault fa = fault(a.name(), t, costA[t], pa);
      SideBySide.NumericalFault fb = fault(b.name(), t, costB[t], pb);
      if (fa != null || fb != null) {
        // Detected at the step it happens, on each side; NaN is never compared with NaN.
        if (fa != null) {
          faults.add(fa);
        }
        if (fb != null) {
          faults.add(fb);
        }
        if (fa != null && fb != null) {
          bothDiverged = first == null;
        } else if (first == null) {
          SideBySide.NumericalFault f = fa != null ? fa : fb;
          first = new SideBySide.Divergence(t, TensorDiff.ofScalar("cost", costA[t], costB[t]),
              "only " + f.side() + " became non-finite (" + f.what() + ")");
        }
        break;
      }
      costScale = Math.max(costScale, Math.max(Math.abs(costA[t]), Math.abs(costB[t])));
      List<TensorDiff> params = parameterDiffs(pa, pb);
      double pScale = scale(params);
      paramErr[t] = params.stream().filter(d -> !d.atRoundingLevel(tol.roundingFloor(), pScale))
          .mapToDouble(TensorDiff::relativeError).max().orElse(0);
      if (first == null) {
        first = firstDivergence(t, costA[t], costB[t], costScale, params, tol);
        atDivergence = c;
      }
    }
    List<TensorDiff> fin = parameterDiffs(a.parameters(), b.parameters());
    double paramScale = scale(fin);
    SideBySide.Status status;
    if (bothDiverged) {
      status = SideBySide.Status.BOTH_DIVERGED;
    } else if (first != null
        || fin.stream().anyMatch(d -> !d.agrees(tol.parameters(), tol.roundingFloor(), paramScale))) {
      status = SideBySide.Status.DISAGREE;
    } else {
      status = SideBySide.Status.AGREE;
    }
    return new SideBySide(a.name(), b.name(), Arrays.copyOf(costA, run), Arrays.copyOf(costB, run),
        gradErr == null ? null : Arrays.copyOf(gradErr, run), Arrays.copyOf(paramErr, run), first, atDivergence, fin,
        status, List.copyOf(faults), tol);
  }

  /** The first non-finite thing on one side after step t: a parameter tensor (by layer), else the cost. */
  private static SideBySide.NumericalFault fault(String side, int t, double cost, Parameters p) {
    for (Parameters.Tensor x : p.tensors()) {
      if (!x.value().isFinite()) {
        return new SideBySide.NumericalFault(side, t, x.layer(), x.name() + " became " + kind(x.value())
            + " in the update" + (Double.isFinite(cost) ? "" : ", cost " + cost));
      }
    }
    if (!Double.isFinite(cost)) {
      return new SideBySide.NumericalFault(side, t, 0, "the cost is " + cost);
    }
    return null;
  }

  private static String kind(Matrix m) {
    for (double v : m.toRowMajor()) {
      if (Double.isNaN(v)) {
        return "NaN";
      }
    }
    return "infinite";
  }

  /** Per layer (index l − 1), the worst relative error of dW[l] and db[l]; conv layers count among the layers. */
  private static double[] worstByLayer(List<TensorDiff> grads) {
    double[] w = new double[grads.stream().mapToInt(TensorDiff::layer).max().orElse(0)];
    for (TensorDiff d : grads) {
      w[d.layer() - 1] = Math.max(w[d.layer() - 1], d.relativeError());
    }
    return w;
  }

  private static SideBySide.Divergence firstDivergence(
      int step, double costA, double costB, double costScale, List<TensorDiff> params, Tolerances tol) {
    TensorDiff cost = TensorDiff.ofScalar("cost", costA, costB);
    if (!cost.agrees(tol.trajectory(), tol.roundingFloor(), costScale)) {
      return new SideBySide.Divergence(step, cost, "cost before the step");
    }
    double scale = scale(params);
    for (TensorDiff d : params) {
      if (!d.agrees(tol.parameters(), tol.roundingFloor(), scale)) {
        return new SideBySide.Divergence(step, d, d.tensor() + " after the update");
      }
    }
    return null;
  }

  private static double scale(List<TensorDiff> diffs) {
    return diffs.stream().mapToDouble(TensorDiff::norm).max().orElse(0);
  }

  /** Relative error of every parameter tensor, W1, b1, W2, …. */
  public static List<TensorDiff> parameterDiffs(Parameters pa, Parameters pb) {
    List<TensorDiff> out = new ArrayList<>();
    List<Parameters.Tensor> ta = pa.tensors();
    List<Parameters.Tensor> tb = pb.tensors();
    for (int i = 0; i < ta.size(); i++) {
      out.add(TensorDiff.of(ta.get(i).name(), ta.get(i).layer(), ta.get(i).value(), tb.get(i).value()));
    }
    return out;
  }
}
