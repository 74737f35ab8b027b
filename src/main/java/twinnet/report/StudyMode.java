package twinnet.report;

import java.util.List;
import twinnet.cases.CaseResult;
import twinnet.model.LayerQuantities;
import twinnet.model.Matrix;

/**
 * Study mode: for small networks, the course's quantities Z, A, dA, dZ, dW, db of every layer at step
 * 0, the scratch network's next to DL4J's, with the convention mapping that was applied.
 */
public final class StudyMode {
  private StudyMode() {}

  /** Shown when the run recorded the quantities (a network of at most CaseResult.STUDY_MAX_UNITS units a layer). */
  public static boolean applies(CaseResult r) {
    return r.studyScratch() != null && r.studyDl4j() != null || r.convStudy() != null;
  }

  public static String html(CaseResult r) {
    if (r.convStudy() != null) {
      return FeatureMaps.html(r.convStudy());
    }
    if (!applies(r)) {
      return "";
    }
    var spec = r.kase().spec();
    List<LayerQuantities> a = r.studyScratch();
    List<LayerQuantities> b = r.studyDl4j();
    double c = r.mapping().costScale();
    StringBuilder h = new StringBuilder("<h2>Study mode: step 0, layer by layer</h2>");
    h.append("<p>The course's quantities, scratch on the left, DL4J on the right, in the course's layout (units × "
        + "examples). DL4J's numbers were mapped: transposed from its [examples, units] layout; dA and dZ "
        + "multiplied by c = ").append(c).append(" (DL4J differentiates m·S, its summed score; the course m·J = c·m·S);"
        + " dW and db multiplied by c/m (DL4J sums them over the batch; its updater divides by m). DL4J never forms"
        + " dA of the output layer: its loss function returns dL/dZ directly.");
    if (spec.batchNorm() != null) {
      h.append(" With batch norm DL4J has three layers where the course has one: DenseLayer (identity, no bias) → "
          + "BatchNormalization → ActivationLayer; its Z_norm is not exposed, so DL4J's column shows (Z̃ − β)/γ of "
          + "its own Z̃.");
    }
    h.append("</p>");
    for (int l = spec.depth(); l >= 1; l--) {
      LayerQuantities x = a.get(l - 1);
      LayerQuantities y = b.get(l - 1);
      h.append("<h3>Layer ").append(l).append(" (").append(spec.activation(l).id()).append(")</h3><table>")
          .append("<tr><th class=l></th><th class=l>scratch</th><th class=l>dl4j</th></tr>");
      if (x.norm() != null || y.norm() != null) {
        LayerQuantities.Norm nx = x.norm();
        LayerQuantities.Norm ny = y.norm();
        row(h, "Z = W·A_prev (no b: β takes its place)", x.Z(), y.Z());
        row(h, "Z_norm = (Z − μ)/√(σ² + ε)", nx == null ? null : nx.Znorm(), ny == null ? null : ny.Znorm());
        row(h, "Z̃ = γ ⊙ Z_norm + β", nx == null ? null : nx.Ztilde(), ny == null ? null : ny.Ztilde());
      } else {
        row(h, "Z = W·A_prev + b", x.Z(), y.Z());
      }
      if (x.D() != null || y.D() != null) {
        double keep = spec.dropout().keep(l);
        row(h, "D (dropout mask, keep_prob " + keep + ")", x.D(), y.D());
        row(h, "A = g(Z) ⊙ D / keep_prob", x.A(), y.A());
        row(h, "dA (⊙ D / keep_prob)", x.dA(), y.dA());
      } else {
        row(h, "A = g(Z)", x.A(), y.A());
        row(h, "dA", x.dA(), y.dA());
      }
      if (x.norm() != null || y.norm() != null) {
        LayerQuantities.Norm nx = x.norm();
        LayerQuantities.Norm ny = y.norm();
        row(h, "dZ̃ = dA ⊙ g′(Z̃)", nx == null ? null : nx.dZtilde(), ny == null ? null : ny.dZtilde());
        row(h, "dγ = 1/m · Σ dZ̃ ⊙ Z_norm", nx == null ? null : nx.dgamma(), ny == null ? null : ny.dgamma());
        row(h, "dβ = 1/m · Σ dZ̃", nx == null ? null : nx.dbeta(), ny == null ? null : ny.dbeta());
        row(h, "dZ (through Z_norm, μ and σ²)", x.dZ(), y.dZ());
        row(h, "dW = 1/m · dZ·A_prevᵀ", x.dW(), y.dW());
      } else {
        row(h, "dZ = dA ⊙ g′(Z)", x.dZ(), y.dZ());
        row(h, "dW = 1/m · dZ·A_prevᵀ", x.dW(), y.dW());
        row(h, "db = 1/m · Σ dZ", x.db(), y.db());
      }
      h.append("</table>");
    }
    return h.toString();
  }

  private static void row(StringBuilder h, String name, Matrix a, Matrix b) {
    h.append("<tr><th class=l>").append(Html.esc(name)).append("</th><td class=l>").append(CaseReport.matrixHtml(a))
        .append("</td><td class=l>").append(CaseReport.matrixHtml(b)).append("</td></tr>");
  }
}
