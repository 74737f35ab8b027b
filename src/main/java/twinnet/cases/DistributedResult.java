package twinnet.cases;

import java.util.List;
import twinnet.compare.TensorDiff;
import twinnet.compare.Tolerances;
import twinnet.model.Parameters;

/**
 * The distributed-equals-single-machine check of one case: Spark with k workers, each fitting batches of
 * b examples and averaging parameters every f of them, next to the DL4J twin and the scratch network
 * fitting batches of k·b examples in the same order, with plain SGD.
 *
 * <p>With f = 1 one averaging round is one step: worker j moves to θ − η·ḡ_j (ḡ_j its batch's mean gradient),
 * and the average of k such points is θ − η·(1/k)Σ ḡ_j = θ − η·ḡ, ḡ the mean over all k·b examples: one
 * single-machine step. The cost Spark reports is the mean of the workers' batch costs, the cost of the k·b
 * examples. Only the order of the sums differs, so both agree to rounding (the core tolerances hold).
 *
 * <p>With f > 1 a worker's second local step starts from its own point, not the average, and the average
 * of k trajectories is not the trajectory of the average (the gradient is not linear in θ): the runs part
 * by a measured amount that grows with f and η. That disagreement is expected, and reported as such.
 *
 * @param rounds one per averaging round (each f single-machine steps)
 */
public record DistributedResult(String caseName, int workers, int batchPerWorker, int averagingFrequency,
    List<Round> rounds, Tolerances tol, double seconds) {

  /**
   * After one averaging round: the costs each side reported for its last step and how the parameters
   * differ (the worst relative error over all W and b, see {@link #worst}).
   */
  public record Round(int step, double costSpark, double costDl4j, double costScratch, double paramsVsDl4j,
      double paramsVsScratch, double dl4jVsScratch) {}

  /**
   * Refuses a case the equivalence does not cover: it needs plain SGD and batches that split evenly over the
   * workers. Returns the batch size of one machine, k·b.
   */
  public static int requireComparable(Case c, int examples, int workers, int averagingFrequency) {
    twinnet.model.Optimizer rule = c.optimizer().rule();
    if (rule.kind() != twinnet.model.Optimizer.Kind.GD || rule.l2() > 0) {
      throw new IllegalArgumentException(c.name() + ": the distributed check uses plain SGD (the equivalence "
          + "holds for it): set \"optimizer\": {\"name\": \"gd\"} without l2");
    }
    int batch = c.optimizer().batchSize() == null ? examples : Math.min(c.optimizer().batchSize(), examples);
    if (batch % workers != 0 || examples % batch != 0) {
      throw new IllegalArgumentException(c.name() + ": the distributed check needs every batch split evenly over "
          + "the " + workers + " workers (DL4J divides by each worker's batch size): make the batch size a multiple "
          + "of " + workers + " that divides the " + examples + " examples (now " + batch + ")");
    }
    if (c.steps() < averagingFrequency) {
      throw new IllegalArgumentException(c.name() + ": " + c.steps() + " steps are fewer than one averaging round "
          + "of " + averagingFrequency);
    }
    return batch;
  }

  /** Whether the equivalence is expected: averaging after every step. */
  public boolean expectsAgreement() {
    return averagingFrequency == 1;
  }

  /** The largest relative difference of the cost or the parameters, Spark against the single-machine twin. */
  public double worstVsDl4j() {
    return rounds.stream().mapToDouble(r -> Math.max(r.paramsVsDl4j(), costError(r.costSpark(), r.costDl4j())))
        .max().orElse(0);
  }

  /** The same, Spark against the scratch network. */
  public double worstVsScratch() {
    return rounds.stream().mapToDouble(r -> Math.max(r.paramsVsScratch(),
        costError(r.costSpark(), r.costScratch()))).max().orElse(0);
  }

  /** Within the core trajectory tolerance against both single-machine sides, at every round. */
  public boolean agrees() {
    return !rounds.isEmpty() && worstVsDl4j() <= tol.trajectory() && worstVsScratch() <= tol.trajectory();
  }

  /** Agreement with f = 1, a measured disagreement with f > 1. */
  public boolean asExpected() {
    return expectsAgreement() == agrees();
  }

  /** |a − b| / max(|a|, |b|); 0 when both are 0; NaN costs (not reported by f > 1 rounds' cost) count as 0. */
  static double costError(double a, double b) {
    if (Double.isNaN(a) || Double.isNaN(b)) {
      return 0;
    }
    return TensorDiff.ofScalar("cost", a, b).relativeError();
  }

  /**
   * The worst relative error over the tensors of two parameter sets; a difference of at most
   * {@code tol.roundingFloor()} of the set's largest norm is rounding (see {@link Tolerances}) and is
   * measured against that norm.
   */
  public static double worst(Parameters a, Parameters b, Tolerances tol) {
    List<Parameters.Tensor> ta = a.tensors();
    List<Parameters.Tensor> tb = b.tensors();
    double scale = 0;
    for (Parameters.Tensor t : ta) {
      scale = Math.max(scale, t.value().norm());
    }
    double worst = 0;
    for (int i = 0; i < ta.size(); i++) {
      TensorDiff d = TensorDiff.of(ta.get(i).name(), ta.get(i).layer(), ta.get(i).value(), tb.get(i).value());
      // a difference within rounding of the set's scale is measured against that scale, not the tensor's
      worst = Math.max(worst, d.diffNorm() <= tol.roundingFloor() * scale ? d.diffNorm() / scale : d.relativeError());
    }
    return worst;
  }

  /** One line for the terminal. */
  public String verdictLine() {
    String what = String.format("k=%d workers × b=%d, averaging every %d: worst relative difference %.2e against "
        + "the DL4J twin, %.2e against scratch (tolerance %.0e)", workers, batchPerWorker, averagingFrequency,
        worstVsDl4j(), worstVsScratch(), tol.trajectory());
    if (expectsAgreement()) {
      return (agrees() ? "AGREE  " : "DIFFER ") + what;
    }
    return (agrees() ? "AGREE (unexpected: averaging less often should change the trajectory) "
        : "DIFFER as expected ") + what;
  }
}
