package twinnet.report;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import twinnet.cases.Case;
import twinnet.cases.CaseResult;
import twinnet.compare.SideBySide;
import twinnet.compare.TensorDiff;
import twinnet.model.Matrix;

/** The files of one case's report: trace CSV, PNG plots and the HTML page. */
public final class CaseReport {
  private CaseReport() {}

  /** Per step: both costs, their relative difference, the worst parameter and per-layer gradient errors. */
  public static String traceCsv(CaseResult r) {
    SideBySide t = r.training();
    int L = r.kase().layerCount();
    List<String> header = new ArrayList<>(List.of("step", "scratch_cost", "dl4j_cost", "cost_rel_diff",
        "params_worst_rel_err"));
    for (int l = 1; l <= L; l++) {
      header.add("grad_worst_rel_err_layer" + l);
    }
    StringWriter out = new StringWriter();
    try (CSVPrinter p = CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get().print(out)) {
      for (int s = 0; s < t.steps(); s++) {
        List<Object> row = new ArrayList<>(List.of(s, t.costA()[s], t.costB()[s], t.costError(s),
            t.parameterError()[s]));
        for (int l = 0; l < L; l++) {
          row.add(t.gradientError() == null ? "" : t.gradientError()[s][l]);
        }
        p.printRecord(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  public static byte[] lossPng(CaseResult r) {
    SideBySide t = r.training();
    double[] steps = Charts.steps(t.steps());
    return Charts.lossCurves(r.kase().name() + ": cost before each step", List.of(
        new Charts.Series("scratch", steps, t.costA(), Charts.Style.LINE, 0),
        new Charts.Series("dl4j", steps, t.costB(), Charts.Style.DASHED, 1)));
  }

  /** The fit, when there is one input and one output; else null. */
  public static byte[] fitPng(CaseResult r) {
    if (r.data().X().rows() != 1 || r.data().Y().rows() != 1 || r.predictionsScratch() == null) {
      return null;
    }
    double[] x = r.data().X().toRowMajor();
    int[] order = java.util.stream.IntStream.range(0, x.length).boxed()
        .sorted((a, b) -> Double.compare(x[a], x[b])).mapToInt(Integer::intValue).toArray();
    return Charts.fit(r.kase().name() + ": fit after " + r.training().steps() + " steps", "x (as fed)", "y (as fed)",
        List.of(new Charts.Series("data", x, r.data().Y().toRowMajor(), Charts.Style.MARKERS),
            new Charts.Series("scratch", sorted(x, order), sorted(r.predictionsScratch().toRowMajor(), order),
                Charts.Style.LINE),
            new Charts.Series("dl4j", sorted(x, order), sorted(r.predictionsDl4j().toRowMajor(), order),
                Charts.Style.DASHED)));
  }

  private static double[] sorted(double[] v, int[] order) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[order[i]];
    }
    return out;
  }

  public static String html(CaseResult r, byte[] loss, byte[] fit) {
    Case c = r.kase();
    StringBuilder h = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>twinnet: ")
        .append(Html.esc(c.name())).append("</title>").append(Html.STYLE).append("</head><body>");
    h.append("<h1>").append(Html.esc(c.name())).append("</h1>");
    if (!c.description().isBlank()) {
      h.append("<p>").append(Html.esc(c.description())).append("</p>");
    }
    h.append("<p class=\"").append(Html.statusClass(r.status())).append("\">").append(Html.esc(r.verdictLine()))
        .append("</p>");
    if (!r.diagnosis().isEmpty()) {
      h.append("<h2>Diagnosis</h2><div class=\"note\">").append(Html.list(r.diagnosis())).append("</div>");
    }
    h.append("<h2>What ran</h2><table>");
    row(h, "data", r.data().name() + " (m = " + r.data().examples() + ")");
    row(h, "network", c.spec().toString());
    row(h, "initial weights", c.init() instanceof Case.Scheme s ? s.scheme().id() + ", seed " + s.seed()
        + ", drawn by " + s.side() : "explicit, from the case file");
    row(h, "optimizer", c.optimizer().rule().kind().id()
        + (c.optimizer().rule().l2() > 0 ? " with L2 λ = " + c.optimizer().rule().l2() : "")
        + ", learning rate " + c.optimizer().learningRate() + ", "
        + (c.optimizer().batchSize() == null ? "full batch" : "batches of " + c.optimizer().batchSize()
            + (c.optimizer().shuffleSeed() == null ? " in order" : ", shuffled with seed " + c.optimizer().shuffleSeed()))
        + ", " + c.steps() + " steps");
    row(h, "conventions", "J = c·S with c = " + r.mapping().costScale() + "; DL4J learning rate η = "
        + r.mapping().dl4jLearningRate() + " (c·α for gd and nesterov, α for rmsprop and adam)");
    if (c.spec().dropout() != null) {
      row(h, "dropout", "inverted, keep_prob " + java.util.Arrays.toString(c.spec().dropout().keepProb())
          + " after the hidden layers: A ← A ⊙ D / keep_prob in training, the same D in the backward pass, nothing "
          + "dropped at prediction. Both sides use the masks of (seed " + c.spec().dropout().seed() + ", step, layer); "
          + "DL4J receives them through its IDropout on the layer above (it drops a layer's input). The masks are "
          + "in report.json.");
    }
    if (c.spec().batchNorm() != null) {
      row(h, "batch norm", "every hidden layer, ε = " + c.spec().batchNorm().epsilon() + ", momentum "
          + c.spec().batchNorm().momentum() + ": Z̃ = γ ⊙ (Z − μ)/√(σ² + ε) + β with the batch's μ and population σ² "
          + "in training, running averages (running ← momentum·running + (1 − momentum)·batch) at prediction; no b. "
          + "DL4J: DenseLayer (identity, no bias) → BatchNormalization (eps, decay = momentum, useLogStd false) → "
          + "ActivationLayer. The running averages are compared as state after every step, not as gradients.");
    }
    h.append("</table>");

    TensorDiff bad = r.atStart().firstMismatch().orElse(null);
    // the fourth column marks the first mismatch: there only when there is one
    h.append("<h2>At the initial weights</h2><table><tr><th class=l>tensor</th><th>relative error</th>"
        + "<th>max |Δ|</th>" + (bad != null ? "<th class=l></th>" : "") + "</tr>");
    List<TensorDiff> diffs = new ArrayList<>();
    diffs.add(r.atStart().predictions());
    diffs.add(r.atStart().cost());
    diffs.addAll(r.atStart().gradients());
    if (r.atStart().inference() != null) {
      diffs.add(r.atStart().inference());
    }
    for (TensorDiff d : diffs) {
      h.append("<tr><td class=l>").append(d.tensor()).append("</td><td>").append(Html.sci(d.relativeError()))
          .append("</td><td>").append(Html.sci(d.maxAbsDiff())).append("</td>");
      if (bad != null) {
        h.append("<td class=l>").append(d == bad ? "<span class=bad>first mismatch</span>" : "").append("</td>");
      }
      h.append("</tr>");
    }
    h.append("</table>");

    h.append("<h2>Side by side</h2>").append(Html.img(loss, "loss curves"));
    if (fit != null) {
      h.append(Html.img(fit, "fit"));
    }
    h.append(sampleTable(r));

    List<String> relu = new ArrayList<>();
    if (!r.reluAtStart().layers().isEmpty()) {
      r.reluAtStart().describe().forEach(s -> relu.add("at the start: " + s));
      if (r.reluAtEnd() != null) {
        r.reluAtEnd().describe().forEach(s -> relu.add("at the end: " + s));
      }
      h.append("<h2>ReLU</h2>").append(Html.list(relu));
    }
    h.append(StudyMode.html(r));
    h.append("<h2>Provenance</h2><p>twinnet ").append(Versions.twinnet()).append(", DL4J ").append(Versions.DL4J)
        .append(", Java ").append(System.getProperty("java.version")).append(". The case file:</p><pre>")
        .append(Html.esc(c.source().toPrettyString())).append("</pre>");
    return h.append("</body></html>").toString();
  }

  private static void row(StringBuilder h, String k, String v) {
    h.append("<tr><th class=l>").append(Html.esc(k)).append("</th><td class=l>").append(Html.esc(v))
        .append("</td></tr>");
  }

  private static String sampleTable(CaseResult r) {
    SideBySide t = r.training();
    int L = r.kase().layerCount();
    StringBuilder h = new StringBuilder("<table><tr><th>step</th><th>scratch cost</th><th>dl4j cost</th>"
        + "<th>rel. diff</th>");
    for (int l = 1; l <= L; l++) {
      h.append("<th>grad. layer ").append(l).append("</th>");
    }
    h.append("</tr>");
    for (int s : TextReport.sampleSteps(t.steps())) {
      h.append("<tr><td>").append(s).append("</td><td>").append(Html.num(t.costA()[s])).append("</td><td>")
          .append(Html.num(t.costB()[s])).append("</td><td>").append(Html.sci(t.costError(s))).append("</td>");
      for (int l = 0; l < L; l++) {
        h.append("<td>").append(t.gradientError() == null ? "" : Html.sci(t.gradientError()[s][l])).append("</td>");
      }
      h.append("</tr>");
    }
    return h.append("</table>").toString();
  }

  /** The matrix as rows of numbers, for small tables. */
  static String matrixHtml(Matrix m) {
    if (m == null) {
      return "<i>not computed</i>";
    }
    StringBuilder h = new StringBuilder("<table>");
    for (int i = 0; i < m.rows(); i++) {
      h.append("<tr>");
      for (int j = 0; j < m.cols(); j++) {
        h.append("<td>").append(Html.num(m.get(i, j))).append("</td>");
      }
      h.append("</tr>");
    }
    return h.append("</table>").toString();
  }
}
