package twinnet.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import twinnet.cases.RecurrentCase;
import twinnet.cases.RecurrentResult;
import twinnet.io.Outputs;
import twinnet.model.Matrix;

/**
 * A recurrent case's report folder: report.json (everything needed to replay it: compare/README.md, "Recurrent
 * cases"), report.html, loss.png and differences.png.
 */
public final class RecurrentReport {
  private RecurrentReport() {}

  /** Writes the report into the checked target, through a temporary folder (never half a report). */
  public static Path write(RecurrentResult r, Outputs.Target target) {
    return Outputs.writeFolder(target, dir -> writeInto(r, dir));
  }

  static void writeInto(RecurrentResult r, Path dir) throws IOException {
    byte[] loss = lossPng(r);
    byte[] diffs = differencesPng(r);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("report.json"),
        ReportJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json(r)), StandardCharsets.UTF_8);
    Files.write(dir.resolve("loss.png"), loss);
    Files.write(dir.resolve("differences.png"), diffs);
    Files.writeString(dir.resolve("report.html"), html(r, loss, diffs), StandardCharsets.UTF_8);
  }

  /** report.json: the case, the data, the initial parameters, every step's batch and differences, the verdict. */
  public static ObjectNode json(RecurrentResult r) {
    RecurrentCase c = r.c();
    ObjectNode root = ReportJson.MAPPER.createObjectNode();
    root.put("kind", "recurrent");
    root.put("case", c.name());
    root.put("description", c.description());
    root.put("cell", c.cell());
    root.put("n_x", r.nX());
    root.put("n_a", c.nA());
    root.put("n_y", r.nY());
    root.put("m", c.m());
    root.put("learningRate", c.learningRate());
    if (c.clip() == null) {
      root.putNull("clip");
    } else {
      root.put("clip", c.clip());
    }
    root.put("tolerance", c.tolerance());
    ObjectNode conv = root.putObject("conventions");
    conv.put("layout", "a sequence is the course's (n, m, T): steps[k].x[t] is x[:, :, t], n rows of m; DL4J's "
        + "[m, n, T] is mapped in Dl4jRnnLayers");
    conv.put("a0", "zeros (DL4J's backprop starts from a zero state); the LSTM's c0 zeros");
    conv.put("loss", "J = -(1/m) sum_i sum_t log yhat<t>[y<t>_i, i] (the course's at m = 1; DL4J's score)");
    conv.put("step", "gradients of J, each entry clipped into [-clip, clip], then W = W - learningRate * dW");
    conv.put("relative", "max|scratch - dl4j| / max|scratch| per tensor");
    ObjectNode data = root.putObject("data");
    if (c.data() instanceof RecurrentCase.Text t) {
      data.put("kind", "text");
      data.put("source", t.source());
      data.put("vocabulary", r.vocabulary());
      data.put("text", t.text());
    } else {
      data.put("kind", "random");
    }
    root.set("initial", parameters(r.initial()));
    ArrayNode steps = root.putArray("steps");
    for (RecurrentResult.Step s : r.steps()) {
      ObjectNode n = steps.addObject();
      n.put("step", s.step());
      n.put("T", s.length());
      if (s.starts() != null) {
        ArrayNode st = n.putArray("starts");
        for (int v : s.starts()) {
          st.add(v);
        }
      } else { // random sequences: the inputs and targets themselves (a text's follow from its windows)
        ArrayNode x = n.putArray("x");
        s.x().forEach(xt -> x.add(ReportJson.matrix(xt)));
        ArrayNode y = n.putArray("y");
        for (int[] yt : s.y()) {
          ArrayNode row = y.addArray();
          for (int v : yt) {
            row.add(v);
          }
        }
      }
      ObjectNode loss = n.putObject("loss");
      loss.put("scratch", s.lossScratch());
      loss.put("dl4j", s.lossDl4j());
      ObjectNode rel = n.putObject("relative");
      rel.put("loss", s.loss());
      array(rel.putArray("a"), s.a());
      array(rel.putArray("y_hat"), s.yHat());
      array(rel.putArray("dx"), s.dx());
      map(rel.putObject("gradients"), s.gradients());
      map(rel.putObject("applied"), s.applied());
      map(rel.putObject("parameters"), s.parameters());
      n.put("clipped", s.clipped());
      n.put("entries", s.entries());
    }
    ObjectNode fin = root.putObject("final");
    fin.set("scratch", parameters(r.finalScratch()));
    fin.set("dl4j", parameters(r.finalDl4j()));
    if (r.sampledScratch() != null) {
      ObjectNode sampled = root.putObject("sampled");
      r.sampledScratch().forEach(sampled.putArray("scratch")::add);
      r.sampledDl4j().forEach(sampled.putArray("dl4j")::add);
    }
    ObjectNode verdict = root.putObject("verdict");
    verdict.put("agrees", r.agrees());
    verdict.put("line", r.verdictLine().trim());
    if (r.first() == null) {
      verdict.putNull("first");
    } else {
      ObjectNode f = verdict.putObject("first");
      f.put("step", r.first().step());
      f.put("timeStep", r.first().timeStep());
      ArrayNode tensors = f.putArray("tensors");
      r.first().tensors().forEach(tensors::add);
      f.put("where", r.first().where());
      f.put("cause", r.first().cause());
    }
    return root;
  }

  private static ObjectNode parameters(Map<String, Matrix> p) {
    ObjectNode n = ReportJson.MAPPER.createObjectNode();
    p.forEach((k, v) -> n.set(k, ReportJson.matrix(v)));
    return n;
  }

  private static void array(ArrayNode a, double[] v) {
    for (double d : v) {
      a.add(d);
    }
  }

  private static void map(ObjectNode n, Map<String, Double> m) {
    m.forEach(n::put);
  }

  /** The loss per time step (J / T: the lengths differ step by step) of both sides. */
  static byte[] lossPng(RecurrentResult r) {
    double[] x = Charts.steps(r.steps().size());
    double[] s = r.steps().stream().mapToDouble(st -> st.lossScratch() / st.length()).toArray();
    double[] d = r.steps().stream().mapToDouble(st -> st.lossDl4j() / st.length()).toArray();
    return Charts.lossCurves(r.c().name() + ": loss per time step (J / T_x)", List.of(
        new Charts.Series("scratch (CharModel)", x, s, Charts.Style.LINE, 0),
        new Charts.Series("DL4J", x, d, Charts.Style.DASHED, 1)));
  }

  /** The largest relative difference of each step, by part of the step. */
  static byte[] differencesPng(RecurrentResult r) {
    double[] x = Charts.steps(r.steps().size());
    String[] names = {"forward (a, ŷ)", "loss", "backward (dx, gradients)", "parameters after the step"};
    List<Charts.Series> series = new ArrayList<>();
    for (int k = 0; k < names.length; k++) {
      final int kind = k;
      series.add(new Charts.Series(names[k], x, r.steps().stream().mapToDouble(st -> st.raw()[kind]).toArray(),
          Charts.Style.LINE, k));
    }
    return Charts.differences(r.c().name() + ": largest relative difference (scratch vs DL4J)", series);
  }

  static String html(RecurrentResult r, byte[] loss, byte[] diffs) {
    RecurrentCase c = r.c();
    StringBuilder h = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>")
        .append(Html.esc(c.name())).append("</title>").append(Html.STYLE).append("</head><body>");
    h.append("<h1>").append(Html.esc(c.name())).append("</h1>");
    if (!c.description().isBlank()) {
      h.append("<p>").append(Html.esc(c.description())).append("</p>");
    }
    h.append("<p class=\"").append(r.agrees() ? "agree" : "disagree").append("\">")
        .append(Html.esc(r.verdictLine().trim())).append("</p>");
    h.append("<table><tr><th class=l>cell</th><th>n_x</th><th>n_a</th><th>n_y</th><th>m</th><th>T_x</th>"
        + "<th>learning rate</th><th>clip</th><th>steps</th></tr><tr><td class=l>")
        .append(c.cell().equals("lstm") ? "LSTM ↔ DL4J LSTM" : "RNN ↔ DL4J SimpleRnn").append("</td><td>")
        .append(r.nX()).append("</td><td>").append(c.nA()).append("</td><td>").append(r.nY()).append("</td><td>").append(c.m()).append("</td><td>")
        .append(Html.esc(java.util.Arrays.toString(c.lengths()))).append("</td><td>").append(c.learningRate())
        .append("</td><td>").append(c.clip() == null ? "none" : "±" + c.clip()).append("</td><td>")
        .append(r.steps().size()).append("</td></tr></table>");
    if (c.data() instanceof RecurrentCase.Text t) {
      h.append("<p>Data: ").append(Html.esc(t.source())).append(", ").append(t.text().length())
          .append(" characters, a vocabulary of ").append(r.vocabulary().length()).append(" (")
          .append(Html.esc(r.vocabulary().replace("\n", "↵"))).append("); a sequence is a window of the text, its "
          + "targets the next characters.</p>");
    } else {
      h.append("<p>Data: the notebook's random sequences, x⟨t⟩ ~ N(0, 1), targets uniform over n_y.</p>");
    }
    int clipped = r.steps().stream().mapToInt(RecurrentResult.Step::clipped).sum();
    int stepsClipping = (int) r.steps().stream().filter(s -> s.clipped() > 0).count();
    h.append("<p>Clipping: ").append(clipped).append(" gradient entries clipped over ").append(stepsClipping)
        .append(" step(s) (the course's clip ↔ DL4J's ClipElementWiseAbsoluteValue, applied after its ÷ m).</p>");
    h.append(Html.img(loss, "loss per time step of both sides"));
    if (r.sampledScratch() != null) {
      boolean same = r.sampledScratch().equals(r.sampledDl4j());
      h.append("<h2>Sampled from the trained models</h2><p>The course's <code>sample()</code> on each side after the "
          + "last step (DL4J through <code>rnnTimeStep</code>, which carries the state from call to call), from the "
          + "same random draws: ").append(same ? "the same sequences, as equal models give."
              : "<span class=bad>different sequences</span>: the models differ.")
          .append("</p><table><tr><th class=l>scratch</th><th class=l>DL4J</th></tr>");
      for (int k = 0; k < r.sampledScratch().size(); k++) {
        h.append("<tr><td class=l>").append(Html.esc(r.sampledScratch().get(k))).append("</td><td class=l>")
            .append(Html.esc(r.sampledDl4j().get(k))).append("</td></tr>");
      }
      h.append("</table>");
    }
    h.append("<h2>Where they differ</h2><p>Each step's largest relative difference, by part of the step. "
        + "Agreement: every tensor within ").append(Html.sci(c.tolerance()))
        .append(".</p>").append(Html.img(diffs, "relative differences by step"));
    RecurrentResult.Step shown = r.first() != null ? r.steps().get(r.first().step())
        : r.steps().stream().max(java.util.Comparator.comparingDouble(RecurrentResult.Step::largest))
            .orElse(r.steps().get(0));
    h.append("<h2>Step ").append(shown.step()).append(", time step by time step</h2><p>")
        .append(r.first() != null ? "The first step that disagrees: " + Html.esc(r.first().place()) + " ("
            + Html.esc(r.first().where()) + "). Likely cause: " + Html.esc(r.first().cause()) + "."
            : "The step with the largest difference.").append("</p>");
    h.append("<table><tr><th>t</th><th>a⟨t⟩</th><th>ŷ⟨t⟩</th><th>dx⟨t⟩</th></tr>");
    for (int t = 0; t < shown.length(); t++) {
      h.append("<tr><td>").append(t).append("</td>").append(cell(shown.a()[t], c)).append(cell(shown.yHat()[t], c))
          .append(cell(shown.dx()[t], c)).append("</tr>");
    }
    h.append("</table><table><tr><th class=l>tensor</th><th>gradient</th><th>clipped gradient</th>"
        + "<th>parameter after</th></tr>");
    for (String k : shown.parameters().keySet()) {
      h.append("<tr><td class=l>").append(k).append("</td>").append(cell(shown.gradients().get("d" + k), c))
          .append(cell(shown.applied().get("d" + k), c)).append(cell(shown.parameters().get(k), c)).append("</tr>");
    }
    h.append("</table><p>Replay: report.json holds the text (or the random sequences), the initial parameters and "
        + "every step's windows; compare/README.md, \"Recurrent cases\", gives the layout.</p></body></html>");
    return h.toString();
  }

  private static String cell(double v, RecurrentCase c) {
    return "<td class=\"" + (v > c.tolerance() ? "bad" : "ok") + "\">" + (v == 0 ? "0" : Html.sci(v)) + "</td>";
  }
}
