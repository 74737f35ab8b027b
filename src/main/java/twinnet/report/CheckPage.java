package twinnet.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import twinnet.check.CheckResult;
import twinnet.check.CheckResult.FunctionResult;
import twinnet.check.CheckResult.Status;
import twinnet.check.CheckResult.Training;
import twinnet.io.Outputs;
import twinnet.model.Matrix;

/**
 * What {@code twinnet check} shows: a terminal table (function, verdict, worst relative error, first wrong
 * tensor, cause), {@code check.json} (format {@value #FORMAT}, {@code docs/check.schema.json}) and
 * {@code check.html}, with the inputs, the learner's values and the reference's side by side for the first
 * function that is wrong.
 */
public final class CheckPage {
  private CheckPage() {}

  public static final String FORMAT = "twinnet.check/1";

  /** The table and the headline, for the terminal. */
  public static String text(CheckResult r) {
    StringBuilder sb = new StringBuilder();
    sb.append("twinnet check: ").append(r.file()).append(" (").append(r.language()).append(")")
        .append(r.notebooks().contains("c1w4-step-by-step") ? ", model " + modelFlags(r) : "").append('\n');
    sb.append("notebook: ").append(r.assumed()).append('\n').append('\n');
    int width = 28; // the name column fits the longest name (update_parameters_with_momentum is 31)
    for (FunctionResult f : r.functions()) {
      width = Math.max(width, f.name().length());
    }
    String row = "%-" + width + "s %-9s %-11s %-26s %s%n";
    sb.append(String.format(row, "function", "verdict", "worst err", "first wrong", "cause"));
    for (FunctionResult f : r.functions()) {
      String cause = f.diagnosis().isEmpty() || f.status() == Status.OK ? "" : f.diagnosis().get(0);
      sb.append(String.format(row, f.name(), verdict(f.status()), err(f),
          f.firstWrong() == null ? "" : abbreviate(f.firstWrong(), 26), abbreviate(cause, 90)));
    }
    Training t = r.training();
    boolean trains = !(t.status() == Status.NOT_RUN && t.data().isEmpty()); // a notebook without a training run
    if (trains) {
      sb.append(String.format(row, t.status() == Status.OK ? "training (" + t.steps()
          + " steps)" : "training", verdict(t.status()), t.status() == Status.OK ? sci(t.worstVsScratch()) : "",
          t.divergedAt() >= 0 ? "step " + t.divergedAt() + (t.tensor() == null ? "" : ", " + t.tensor()) : "", ""));
    }
    if (t.layerModel() != Status.NOT_FOUND) {
      sb.append(String.format("%-" + width + "s %-9s%n", "L_layer_model", verdict(t.layerModel())));
    }
    sb.append('\n');
    FunctionResult first = r.firstWrong();
    if (first != null) {
      sb.append("FIRST WRONG: ").append(first.name()).append(" (").append(verdict(first.status())).append(")\n");
      for (String d : first.diagnosis()) {
        sb.append("  ").append(d).append('\n');
      }
      sb.append("  Fix it first: the other functions were called with the reference's inputs, so each verdict above is "
          + "its own, except where it says it calls a wrong one.\n\n");
    }
    sb.append(trains ? "TRAINING: " + t.verdict() + "\n" : "");
    for (String d : t.diagnosis()) {
      sb.append("  ").append(d).append('\n');
    }
    if (t.layerModelText() != null) {
      sb.append("  ").append(t.layerModelText()).append('\n');
    }
    for (String n : r.notes()) {
      sb.append("note: ").append(n).append('\n');
    }
    sb.append('\n').append(r.allRight() ? "VERDICT: every function found agrees with the reference."
        : "VERDICT: " + (first != null ? first.name() + " is " + verdict(first.status()) + " (and "
            + (int) r.functions().stream().filter(f -> f.status() == Status.WRONG || f.status() == Status.RAISED
                || f.status() == Status.TIMEOUT).count() + " function(s) in all)." : "training parts from the twin.")).append('\n');
    return sb.toString();
  }

  static String verdict(Status s) {
    return switch (s) {
      case OK -> "ok";
      case WRONG -> "WRONG";
      case RAISED -> "RAISED";
      case TIMEOUT -> "TIMEOUT";
      case NOT_FOUND -> "not found";
      case NOT_RUN -> "not run";
    };
  }

  private static String modelFlags(CheckResult r) {
    return "--hidden " + r.model().hidden().id() + " --output " + r.model().output().id() + " --loss "
        + r.model().loss().id();
  }

  private static String err(FunctionResult f) {
    return f.status() == Status.OK || Double.isFinite(f.worstRelativeError()) && f.status() == Status.WRONG
        ? sci(f.worstRelativeError()) : "";
  }

  private static String sci(double v) {
    return Double.isFinite(v) ? String.format("%.1e", v) : "";
  }

  private static String abbreviate(String s, int n) {
    return s.length() > n ? s.substring(0, n - 1) + "…" : s;
  }

  /** check.json: the contract an outside tool reads. */
  public static ObjectNode json(CheckResult r) {
    ObjectNode o = ReportJson.MAPPER.createObjectNode();
    o.put("format", FORMAT);
    o.put("file", r.file());
    o.put("language", r.language());
    r.notebooks().forEach(o.putArray("notebooks")::add);
    o.put("assumed", r.assumed());
    ObjectNode m = o.putObject("model");
    m.put("hidden", r.model().hidden().id());
    m.put("output", r.model().output().id());
    m.put("loss", r.model().loss().id());
    ArrayNode fs = o.putArray("functions");
    for (FunctionResult f : r.functions()) {
      ObjectNode n = fs.addObject();
      n.put("name", f.name());
      n.put("status", f.status().id());
      if (f.firstWrong() == null) {
        n.putNull("firstWrong");
      } else {
        n.put("firstWrong", f.firstWrong());
      }
      f.diagnosis().forEach(n.putArray("diagnosis")::add);
      if (Double.isFinite(f.worstRelativeError())) {
        n.put("worstRelativeError", f.worstRelativeError());
      } else {
        n.putNull("worstRelativeError");
      }
    }
    Training t = r.training();
    ObjectNode tr = o.putObject("training");
    tr.put("status", t.status().id());
    tr.put("data", t.data());
    tr.put("steps", t.steps());
    if (Double.isFinite(t.learningRate())) {
      tr.put("learningRate", t.learningRate());
    } else {
      tr.putNull("learningRate");
    }
    if (t.divergedAt() >= 0) {
      tr.put("divergedAt", t.divergedAt());
      tr.put("tensor", t.tensor());
    }
    putFinite(tr, "worstVsScratch", t.worstVsScratch());
    putFinite(tr, "worstVsDl4j", t.worstVsDl4j());
    tr.put("verdict", t.verdict());
    t.diagnosis().forEach(tr.putArray("diagnosis")::add);
    tr.put("layerModel", t.layerModel().id());
    if (t.layerModelText() != null) {
      tr.put("layerModelText", t.layerModelText());
    }
    ArrayNode cy = tr.putArray("costYours");
    for (double c : t.costYours()) {
      putFinite(cy, c);
    }
    ArrayNode cr = tr.putArray("costReference");
    for (double c : t.costReference()) {
      putFinite(cr, c);
    }
    FunctionResult first = r.firstWrong();
    if (first == null) {
      o.putNull("firstWrongFunction");
    } else {
      o.put("firstWrongFunction", first.name());
    }
    o.put("allRight", r.allRight());
    r.notes().forEach(o.putArray("notes")::add);
    return o;
  }

  private static void putFinite(ObjectNode o, String k, double v) {
    if (Double.isFinite(v)) {
      o.put(k, v);
    } else {
      o.putNull(k);
    }
  }

  private static void putFinite(ArrayNode a, double v) {
    if (Double.isFinite(v)) {
      a.add(v);
    } else {
      a.addNull();
    }
  }

  /** Writes check.json, check.html and the training's charts to the target folder. */
  public static Path write(CheckResult r, Outputs.Target target) {
    return Outputs.writeFolder(target, tmp -> {
      Files.writeString(tmp.resolve("check.json"), ReportJson.MAPPER.writerWithDefaultPrettyPrinter()
          .writeValueAsString(json(r)), StandardCharsets.UTF_8);
      byte[] loss = lossPng(r.training());
      byte[] fit = fitPng(r.training());
      if (loss != null) {
        Files.write(tmp.resolve("training-cost.png"), loss);
      }
      if (fit != null) {
        Files.write(tmp.resolve("fit.png"), fit);
      }
      Files.writeString(tmp.resolve("check.html"), html(r, loss, fit), StandardCharsets.UTF_8);
    });
  }

  static byte[] lossPng(Training t) {
    if (t.costYours().length < 2) {
      return null;
    }
    double[] x = Charts.steps(t.costYours().length);
    return Charts.lossCurves("cost: your functions against the twin", List.of(
        new Charts.Series("yours", x, t.costYours(), Charts.Style.LINE, 1),
        new Charts.Series("twin (scratch network)", x, t.costReference(), Charts.Style.DASHED, 0)));
  }

  static byte[] fitPng(Training t) {
    if (t.predictions() == null || t.X().rows() != 1 || t.Y().rows() != 1) {
      return null;
    }
    double[] x = t.X().toRowMajor();
    return Charts.fit("after " + t.steps() + " steps: the data and the model's predictions", "x", "y", List.of(
        new Charts.Series("data", x, t.Y().toRowMajor(), Charts.Style.MARKERS, 0),
        new Charts.Series("predictions (yours = the twin's)", x, t.predictions().toRowMajor(), Charts.Style.MARKERS,
            1)));
  }

  static String html(CheckResult r, byte[] loss, byte[] fit) {
    StringBuilder sb = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>twinnet check: ")
        .append(Html.esc(r.file())).append("</title>").append(Html.STYLE).append("</head><body>");
    sb.append("<h1>twinnet check: ").append(Html.esc(r.file())).append("</h1>");
    sb.append("<p>").append(Html.esc(r.language())).append("; model <code>").append(Html.esc(modelFlags(r)))
        .append("</code>. Each function is called on inputs twinnet makes (several shapes, m = 1, n<sub>l</sub> = 1, "
            + "n<sub>l</sub> &gt; m, pre-activations exactly 0) and compared with the scratch network's function of "
            + "the same name; whole-network functions also on the seed's data and on random data. Every function "
            + "gets the reference's inputs, so one bug neither hides nor fakes another.</p>");
    FunctionResult first = r.firstWrong();
    sb.append("<p class=\"").append(r.allRight() ? "agree" : "disagree").append("\">")
        .append(r.allRight() ? "Every function found agrees with the reference." : first != null
            ? Html.esc(first.name() + " is " + verdict(first.status()) + ": fix it first.") : "Training parts from "
            + "the twin.").append("</p>");
    sb.append("<table><tr><th class=l>function</th><th>verdict</th><th>worst relative error</th><th class=l>first "
        + "wrong</th><th class=l>cause / notes</th></tr>");
    for (FunctionResult f : r.functions()) {
      sb.append("<tr><td class=l><code>").append(f.name()).append("</code></td><td class=\"")
          .append(f.status() == Status.OK ? "ok" : f.status() == Status.NOT_FOUND ? "" : "bad").append("\">")
          .append(verdict(f.status())).append("</td><td>").append(err(f)).append("</td><td class=l>")
          .append(f.firstWrong() == null ? "" : "<code>" + Html.esc(f.firstWrong()) + "</code>")
          .append("</td><td class=l>").append(Html.esc(String.join(" ", f.diagnosis()))).append("</td></tr>");
    }
    sb.append("</table>");
    if (first != null && first.shown() != null) {
      sb.append("<h2>The first wrong function: <code>").append(first.name()).append("</code></h2>");
      sb.append(Html.list(first.diagnosis()));
      CheckResult.Shown s = first.shown();
      sb.append("<p>Called as <code>").append(Html.esc(s.call())).append("</code>. The inputs:</p>");
      for (Map.Entry<String, Matrix> e : s.inputs().entrySet()) {
        sb.append("<p><b>").append(Html.esc(e.getKey())).append("</b></p>").append(matrix(e.getValue(), null));
      }
      if (s.part() != null) {
        sb.append("<p><b>").append(Html.esc(s.part())).append("</b>, yours and the reference's side by side "
            + "(differences in red):</p><table><tr><th>yours</th><th>reference</th></tr><tr><td class=l>")
            .append(s.yours() != null ? matrix(s.yours(), s.reference()) : Html.esc(String.valueOf(s.yoursText())))
            .append("</td><td class=l>").append(s.reference() != null ? matrix(s.reference(), null) : "")
            .append("</td></tr></table>");
      }
    }
    Training t = r.training();
    sb.append("<h2>Training with your functions</h2><p>").append(Html.esc(t.verdict())).append("</p>");
    if (!t.diagnosis().isEmpty()) {
      sb.append(Html.list(t.diagnosis()));
    }
    if (t.status() != Status.NOT_RUN) {
      sb.append("<p>").append(Html.esc(t.data())).append(", learning rate ").append(t.learningRate()).append(", ")
          .append(t.steps()).append(" step(s): your <code>L_model_forward → compute_cost → L_model_backward → "
              + "update_parameters</code> from the twin's weights, against the scratch network and the DL4J twin "
              + "taking the same steps.");
      if (t.status() == Status.OK) {
        sb.append(" Worst relative difference of your parameters: ").append(Html.sci(t.worstVsScratch()))
            .append(" from the scratch network, ").append(Html.sci(t.worstVsDl4j())).append(" from the DL4J twin.");
      }
      sb.append("</p>");
    }
    if (t.layerModelText() != null) {
      sb.append("<p>").append(Html.esc(t.layerModelText())).append("</p>");
    }
    if (loss != null) {
      sb.append(Html.img(loss, "cost per step"));
    }
    if (fit != null) {
      sb.append(Html.img(fit, "fit"));
    }
    if (!r.notes().isEmpty()) {
      sb.append("<h2>Notes</h2>").append(Html.list(r.notes()));
    }
    return sb.append("</body></html>").toString();
  }

  /** A small matrix as a table; entries that differ from {@code other} (when given) in red. */
  private static String matrix(Matrix m, Matrix other) {
    if (m.rows() * m.cols() > 400) {
      return "<p>(" + m.rows() + " × " + m.cols() + ": too large to show)</p>";
    }
    boolean compare = other != null && other.sameShape(m);
    StringBuilder sb = new StringBuilder("<table>");
    for (int i = 0; i < m.rows(); i++) {
      sb.append("<tr>");
      for (int j = 0; j < m.cols(); j++) {
        boolean differs = compare && Math.abs(m.get(i, j) - other.get(i, j)) > 1e-10 * Math.max(1, Math.abs(
            other.get(i, j)));
        sb.append(differs ? "<td class=bad>" : "<td>").append(Html.num(m.get(i, j))).append("</td>");
      }
      sb.append("</tr>");
    }
    return sb.append("</table>").toString();
  }

  /**
   * The folder for {@code file}'s check: out/check/&lt;name without its extension&gt;, or, where that holds the check
   * of another file of the same name (week2/my.py and week3/my.py), the first of &lt;name&gt;-2, &lt;name&gt;-3, … that is
   * free or holds this file's own earlier check. Capped at 99 such files: the user gives another --out beyond that.
   */
  public static Path folderFor(Path out, Path file) {
    Path first = defaultFolder(out, file.toString());
    Path self = file.toAbsolutePath().normalize();
    for (int k = 1; k <= 99; k++) {
      Path dir = k == 1 ? first : first.resolveSibling(first.getFileName() + "-" + k);
      Path json = dir.resolve("check.json");
      if (!java.nio.file.Files.exists(dir)) {
        return dir;
      }
      try {
        com.fasterxml.jackson.databind.JsonNode earlier = twinnet.io.JsonFile.READER.readTree(json.toFile());
        if (Path.of(earlier.path("file").asText("")).toAbsolutePath().normalize().equals(self)) {
          return dir;
        }
      } catch (java.io.IOException | RuntimeException e) {
        return dir; // not a check's folder: Outputs.check says what it holds and refuses to replace it
      }
    }
    throw new IllegalArgumentException(out.resolve("check") + " holds the checks of 99 other files named "
        + file.getFileName() + ": give another --out");
  }

  /** The default folder for a file's check: out/check/&lt;file name without its extension&gt;. */
  public static Path defaultFolder(Path out, String file) {
    String name = Path.of(file).getFileName().toString().replaceAll("\\.(py|ipynb)$", "").replaceAll("[^A-Za-z0-9._-]",
        "_");
    return out.resolve("check").resolve(name.isEmpty() ? "check" : name);
  }

}
