package twinnet.report;

import twinnet.cases.ComparisonRun;
import twinnet.compare.SideBySide;

/** A comparison run as text for a terminal: what ran, the tensor table at step 0, the trajectory, verdicts. */
public final class TextReport {
  private TextReport() {}

  public static String format(ComparisonRun.Result r) {
    ComparisonRun run = r.run();
    StringBuilder sb = new StringBuilder();
    sb.append("twinnet: scratch network vs DL4J twin\n");
    sb.append("  data     ").append(run.data().name()).append(" (m = ").append(run.data().examples()).append(")\n");
    sb.append("  network  ").append(run.spec()).append('\n');
    sb.append("  weights  ").append(run.init().id()).append(", seed ").append(run.seed()).append(", drawn by ")
        .append(run.initializedBy()).append(" and copied to the other side\n");
    if (run.float32()) {
      sb.append("  twin     DL4J in float32, compared with float tolerances (cost 1e-5, gradients 1e-4)\n");
    }
    sb.append("  training full-batch gradient descent, learning rate ").append(run.learningRate()).append(", ")
        .append(run.steps()).append(" steps\n\n");
    sb.append("At the initial weights (relative error ‖a−b‖/max(‖a‖,‖b‖)):\n");
    sb.append(r.atStart().table());
    sb.append("  ").append(r.atStart().verdict()).append("\n\n");
    SideBySide t = r.training();
    sb.append("Side by side (cost before each step):\n");
    sb.append(String.format("%6s %22s %22s %12s%n", "step", "scratch cost", "dl4j cost", "rel. diff"));
    for (int s : sampleSteps(t.steps())) {
      double a = t.costA()[s];
      double b = t.costB()[s];
      double rel = a == b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
      sb.append(String.format("%6d %22.15g %22.15g %12.3e%n", s, a, b, rel));
    }
    sb.append("  ").append(t.verdict()).append("\n\n");
    String verdict = r.agrees() ? "AGREE"
        : t.status() == SideBySide.Status.BOTH_DIVERGED ? "BOTH DIVERGED (agreement in failure, not a pass)"
        : "DISAGREE";
    sb.append("VERDICT: ").append(verdict).append('\n');
    return sb.toString();
  }

  /** A case's compact side-by-side table: step, both costs, their difference, per-layer gradient errors. */
  public static String caseTable(twinnet.cases.CaseResult r) {
    SideBySide t = r.training();
    int L = r.kase().layerCount();
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("%6s %20s %20s %10s", "step", "scratch loss", "dl4j loss", "rel. diff"));
    for (int l = 1; l <= L; l++) {
      sb.append(String.format(" %9s", "grad L" + l));
    }
    sb.append('\n');
    for (int s : sampleSteps(t.steps())) {
      sb.append(String.format("%6d %20.12g %20.12g %10.2e", s, t.costA()[s], t.costB()[s], t.costError(s)));
      for (int l = 0; l < L; l++) {
        sb.append(String.format(" %9.2e", t.gradientError() == null ? Double.NaN : t.gradientError()[s][l]));
      }
      sb.append('\n');
    }
    if (r.reluAtEnd() != null) {
      r.reluAtEnd().describe().forEach(line -> sb.append("  relu: ").append(line).append('\n'));
    }
    r.diagnosis().forEach(line -> sb.append("  why: ").append(line).append('\n'));
    return sb.toString();
  }

  /** Steps worth a row: the first few, every tenth of the run, the last. */
  public static int[] sampleSteps(int steps) {
    java.util.TreeSet<Integer> s = new java.util.TreeSet<>();
    for (int i = 0; i < Math.min(3, steps); i++) {
      s.add(i);
    }
    int every = Math.max(1, steps / 10);
    for (int i = 0; i < steps; i += every) {
      s.add(i);
    }
    s.add(steps - 1);
    return s.stream().mapToInt(Integer::intValue).toArray();
  }
}
