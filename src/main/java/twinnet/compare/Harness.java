package twinnet.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
    List<TensorDiff> grads = new ArrayList<>();
    List<Parameters.Tensor> ga = pa.grads().backwardOrder();
    List<Parameters.Tensor> gb = pb.grads().backwardOrder();
    for (int i = 0; i < ga.size(); i++) {
      grads.add(TensorDiff.of(ga.get(i).name(), ga.get(i).layer(), ga.get(i).value(), gb.get(i).value()));
    }
    return new Comparison(a.name(), b.name(), TensorDiff.of("AL", 0, pa.AL(), pb.AL()),
        TensorDiff.ofScalar("cost", pa.cost(), pb.cost()), grads, tol);
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
    double[] costA = new double[steps];
    double[] costB = new double[steps];
    SideBySide.Divergence first = null;
    int run = 0;
    boolean bothDiverged = false;
    double costScale = 0;
    for (int t = 0; t < steps; t++) {
      costA[t] = a.step(X, Y, learningRate);
      costB[t] = b.step(X, Y, learningRate);
      run = t + 1;
      boolean finiteA = Double.isFinite(costA[t]);
      boolean finiteB = Double.isFinite(costB[t]);
      if (!finiteA && !finiteB) {
        bothDiverged = first == null;
        break;
      }
      costScale = Math.max(costScale, Math.max(Math.abs(costA[t]), Math.abs(costB[t])));
      if (first == null) {
        first = firstDivergence(t, costA[t], costB[t], costScale, a.parameters(), b.parameters(), tol);
      }
      if (!finiteA || !finiteB) {
        break;
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
    return new SideBySide(a.name(), b.name(), Arrays.copyOf(costA, run), Arrays.copyOf(costB, run), first, fin,
        status, tol);
  }

  private static SideBySide.Divergence firstDivergence(
      int step, double costA, double costB, double costScale, Parameters pa, Parameters pb, Tolerances tol) {
    TensorDiff cost = TensorDiff.ofScalar("cost", costA, costB);
    if (!cost.agrees(tol.trajectory(), tol.roundingFloor(), costScale)) {
      return new SideBySide.Divergence(step, cost, "cost before the step");
    }
    List<TensorDiff> params = parameterDiffs(pa, pb);
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
