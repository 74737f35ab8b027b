package twinnet.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import twinnet.check.CheckResult;
import twinnet.check.SeedAnswer;
import twinnet.io.Outputs;
import java.util.ArrayList;
import java.util.List;
import twinnet.cases.CaseResult;
import twinnet.cases.StudyResult;
import twinnet.data.Polynomial;

/** The seed study's page: one summary table, the fit plot and the loss curves of both backends. */
public final class StudyPage {
  private StudyPage() {}

  /** Where the study goes: {@code out/seed-study}, replacing an earlier study (and nothing else). */
  public static Outputs.Target target(Path out) {
    Outputs.folderOption(out, "--out");
    return Outputs.check(out.resolve("seed-study"), Outputs.Kind.STUDY, true, java.util.List.of(), "the study folder");
  }

  /**
   * Writes the study (index.html, summary.json, fit.png, loss.png, cases/…) to its target, with the answers
   * to "was it the code or the model?" ({@code answers}, empty when not asked).
   */
  public static Path write(StudyResult s, List<SeedAnswer> answers, Outputs.Target target) {
    Outputs.writeFolder(target, tmp -> {
      // the case reports (mostly drawing charts) are independent: drawn side by side, one per core
      try {
        s.rows().parallelStream().forEach(r -> {
          try {
            ReportWriter.writeInto(r.result(), tmp.resolve("cases").resolve(r.result().kase().name()));
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
      } catch (java.io.UncheckedIOException e) {
        throw e.getCause();
      }
      byte[] fit = fitPng(s);
      byte[] loss = lossPng(s);
      Files.write(tmp.resolve("fit.png"), fit);
      Files.write(tmp.resolve("loss.png"), loss);
      Files.writeString(tmp.resolve("summary.json"), ReportJson.MAPPER.writerWithDefaultPrettyPrinter()
          .writeValueAsString(summary(s, answers)), StandardCharsets.UTF_8);
      Files.writeString(tmp.resolve("index.html"), html(s, answers, fit, loss), StandardCharsets.UTF_8);
    });
    return target.path().resolve("index.html");
  }

  /** The summary table as text, for the terminal. */
  public static String table(StudyResult s) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("%-46s %14s %14s %8s %-15s %6s%n", "variant", "MSE scratch", "MSE dl4j", "ŷ = 0",
        "agreement", "steps"));
    for (StudyResult.Row r : s.rows()) {
      CaseResult c = r.result();
      sb.append(String.format("%-46s %14s %14s %8s %-15s %6d%n", r.label(), fmt(r.mseScratch()), fmt(r.mseDl4j()),
          r.fitScratch() == null ? "-" : r.zeros() + "/" + s.x().length, agreement(c), c.training().steps()));
    }
    for (Polynomial p : s.polynomials()) {
      sb.append(String.format("%-46s %14s %14s %8s %-15s %6s%n", "least-squares polynomial, degree " + p.degree(),
          fmt(p.mse(s.x(), s.y())), "", "", "closed form", ""));
    }
    sb.append("MSE = 1/m · Σ (ŷ − y)² in y's original units; ŷ = 0 counts predictions exactly 0.\n");
    return sb.toString();
  }

  static String agreement(CaseResult c) {
    return switch (c.status()) {
      case "agree" -> "agree";
      case "both_diverged" -> "both diverged @" + c.training().divergedAt();
      default -> "DISAGREE";
    };
  }

  private static String fmt(double v) {
    return Double.isFinite(v) ? String.format("%.4g", v) : "diverged";
  }

  private static byte[] fitPng(StudyResult s) {
    List<Charts.Series> series = new ArrayList<>();
    series.add(new Charts.Series("data y = 3x² + 3x", s.x(), s.y(), Charts.Style.MARKERS, 7));
    int color = 0;
    for (StudyResult.Row r : s.rows()) {
      if (r.fitScratch() != null) {
        String tag = r.label().substring(0, r.label().indexOf(')') + 1);
        series.add(new Charts.Series(tag + " scratch", s.x(), r.fitScratch(), Charts.Style.LINE, color));
        series.add(new Charts.Series(tag + " dl4j", s.x(), r.fitDl4j(), Charts.Style.DASHED, color));
      }
      color++;
    }
    Polynomial p2 = s.polynomials().get(0);
    series.add(new Charts.Series("polynomial, degree 2", s.x(),
        java.util.Arrays.stream(s.x()).map(p2::at).toArray(), Charts.Style.LINE, 9));
    return Charts.fit("The seed's data and every fit (original units)", "x", "y", series);
  }

  private static byte[] lossPng(StudyResult s) {
    List<Charts.Series> series = new ArrayList<>();
    int color = 0;
    for (StudyResult.Row r : s.rows()) {
      String tag = r.label().substring(0, r.label().indexOf(')') + 1);
      double[] steps = Charts.steps(r.result().training().steps());
      series.add(new Charts.Series(tag + " scratch", steps, r.result().training().costA(), Charts.Style.LINE, color));
      series.add(new Charts.Series(tag + " dl4j", steps, r.result().training().costB(), Charts.Style.DASHED, color));
      color++;
    }
    return Charts.lossCurves("Cost before each step, both backends (each in its case's units)", series);
  }

  /** "Was it the code or the model?", in lines for the terminal. */
  public static String answers(List<SeedAnswer> answers) {
    StringBuilder sb = new StringBuilder("Was it the code or the model? (twinnet check on the learner's likely code)\n");
    for (SeedAnswer a : answers) {
      sb.append("  ").append(a.file()).append(" (").append(a.what()).append("): ").append(verdict(a)).append('\n');
    }
    return sb.toString();
  }

  /** One file's answer in a sentence. */
  static String verdict(SeedAnswer a) {
    if (a.result() == null) {
      return "not checked here: " + a.unavailable() + ". Run: java -jar target/twinnet.jar check examples/learners/"
          + a.file() + " --hidden relu --output relu --loss half_mse";
    }
    CheckResult.FunctionResult f = a.result().firstWrong();
    if (f != null) {
      return f.name() + " is " + (f.status() == CheckResult.Status.RAISED ? "raising" : "wrong") + ": "
          + (f.diagnosis().isEmpty() ? "" : f.diagnosis().get(0));
    }
    return "every function agrees with the reference. " + a.result().training().verdict();
  }

  private static ObjectNode summary(StudyResult s, List<SeedAnswer> answers) {
    ObjectNode root = ReportJson.MAPPER.createObjectNode();
    root.put("schema", "twinnet.study/1");
    root.put("twinnet", Versions.twinnet());
    root.put("dl4j", Versions.DL4J);
    ArrayNode rows = root.putArray("variants");
    for (StudyResult.Row r : s.rows()) {
      ObjectNode o = rows.addObject();
      o.put("label", r.label());
      o.put("case", r.result().kase().name());
      ReportJson.putNumber(o, "mseScratch", r.mseScratch());
      ReportJson.putNumber(o, "mseDl4j", r.mseDl4j());
      o.put("zeroPredictions", r.zeros());
      o.put("status", r.result().status());
      o.put("steps", r.result().training().steps());
      ArrayNode stuck = o.putArray("stuck");
      for (StudyResult.Stuck k : r.stuck()) {
        ObjectNode e = stuck.addObject();
        e.put("example", k.example());
        e.put("x", k.x());
        e.put("z", k.z());
        e.put("target", k.target());
        e.put("why", k.why());
      }
    }
    ArrayNode checks = root.putArray("learnerChecks");
    for (SeedAnswer a : answers) {
      ObjectNode o = checks.addObject();
      o.put("file", a.file());
      o.put("what", a.what());
      if (a.result() == null) {
        o.put("unavailable", a.unavailable());
        continue;
      }
      o.put("allRight", a.result().allRight());
      CheckResult.FunctionResult f = a.result().firstWrong();
      o.put("firstWrongFunction", f == null ? null : f.name());
      o.put("cause", f == null || f.diagnosis().isEmpty() ? null : f.diagnosis().get(0));
      o.put("training", a.result().training().verdict());
    }
    ArrayNode polys = root.putArray("polynomials");
    for (Polynomial p : s.polynomials()) {
      ObjectNode o = polys.addObject();
      o.put("degree", p.degree());
      o.put("mse", p.mse(s.x(), s.y()));
    }
    return root;
  }

  static String html(StudyResult s, List<SeedAnswer> answers, byte[] fit, byte[] loss) {
    StringBuilder h = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>twinnet: the "
        + "seed's study</title>").append(Html.STYLE).append("</head><body>");
    h.append("<h1>The seed's study: y = 3x² + 3x on x = 0..19</h1>");
    h.append("<p>A learner turned the course's classifier into a regression model with a ReLU output and the "
        + "course's half-MSE, J = 1/(2m)·Σ(A − Y)², and got predictions of exactly 0. Each variant below was "
        + "trained by the hand-written network and by its DL4J twin from the same weights, on the same data, and "
        + "compared at every step.</p>");
    h.append("<h2>Summary</h2><table><tr><th class=l>variant</th><th>final MSE, scratch</th><th>final MSE, DL4J"
        + "</th><th>predictions exactly 0</th><th class=l>agreement</th><th>steps</th><th class=l>report</th></tr>");
    for (StudyResult.Row r : s.rows()) {
      CaseResult c = r.result();
      h.append("<tr><td class=l>").append(Html.esc(r.label())).append("</td><td>").append(fmt(r.mseScratch()))
          .append("</td><td>").append(fmt(r.mseDl4j())).append("</td><td>")
          .append(r.fitScratch() == null ? "–" : r.zeros() + " of " + s.x().length).append("</td><td class=\"l ")
          .append(Html.statusClass(c.status())).append("\">").append(Html.esc(agreement(c))).append("</td><td>")
          .append(c.training().steps()).append("</td><td class=l><a href=\"cases/").append(c.kase().name())
          .append("/report.html\">").append(c.kase().name()).append("</a></td></tr>");
    }
    for (Polynomial p : s.polynomials()) {
      h.append("<tr><td class=l>least-squares polynomial, degree ").append(p.degree()).append("</td><td>")
          .append(fmt(p.mse(s.x(), s.y()))).append("</td><td></td><td></td><td class=l>closed form</td><td></td>"
              + "<td></td></tr>");
    }
    h.append("</table><p>MSE = 1/m · Σ (ŷ − y)², in the original units of y (standardised predictions are mapped "
        + "back).</p>");
    h.append("<h2>The fits</h2>").append(Html.img(fit, "fits")).append("<h2>The loss curves</h2>")
        .append(Html.img(loss, "loss curves"))
        .append("<p>Solid: the scratch network; dashed: DL4J. Where the two agree the dashed line lies on the solid "
            + "one. Costs are in each case's convention and units (raw targets make costs of ~10⁵).</p>");
    h.append("<h2>What it shows</h2><ul>");
    for (StudyResult.Row r : s.rows()) {
      CaseResult c = r.result();
      h.append("<li><b>").append(Html.esc(r.label())).append("</b>: ").append(Html.esc(c.kase().description()));
      List<String> notes = new ArrayList<>();
      if (c.reluAtEnd() != null && !c.reluAtEnd().zeroPredictions().isEmpty()) {
        notes.add(c.reluAtEnd().zeroPredictions().size() + " of " + s.x().length + " predictions are exactly 0 "
            + "after training.");
      }
      notes.addAll(c.diagnosis());
      if (!notes.isEmpty()) {
        h.append(Html.list(notes));
      }
      h.append("</li>");
    }
    h.append("<li><b>The polynomial</b>: y = 3x² + 3x is itself a degree-2 polynomial, so least squares of degree 2"
        + " fits it to rounding; a network has to approximate the curve with ReLU pieces.</li></ul>");
    for (StudyResult.Row r : s.rows()) {
      if (r.stuck().isEmpty()) {
        continue;
      }
      h.append("<h2>Stuck at 0: ").append(Html.esc(r.label())).append("</h2><p>").append(r.stuck().size())
          .append(" of ").append(s.x().length).append(" examples end with an output pre-activation Z ≤ 0: the ReLU "
              + "output gives exactly 0 there, and its derivative is 0, so the gradient of every weight gets "
              + "nothing from them. Each, and why:</p><table><tr><th>x</th><th>y</th><th>Z (output)</th>"
              + "<th>target (case units)</th><th class=l>why it stays at 0</th></tr>");
      for (StudyResult.Stuck k : r.stuck()) {
        h.append("<tr><td>").append(Html.num(k.x())).append("</td><td>").append(Html.num(k.y())).append("</td><td>")
            .append(Html.num(k.z())).append("</td><td>").append(Html.num(k.target())).append("</td><td class=l>")
            .append(Html.esc(k.why())).append("</td></tr>");
      }
      h.append("</table>");
    }
    if (!answers.isEmpty()) {
      h.append("<h2>Was it the code or the model?</h2><p>The learner's likely code — the course's functions "
          + "turned into a regression with a ReLU output and half-MSE — and the same code with each of the seed's "
          + "two guesses of dAL, through <code>twinnet check</code> (declared <code>--hidden relu --output relu "
          + "--loss half_mse</code>; training on the raw data, as the learner did):</p><table><tr><th class=l>file"
          + "</th><th class=l>what</th><th class=l>check's answer</th></tr>");
      for (SeedAnswer a : answers) {
        h.append("<tr><td class=l><code>").append(Html.esc(a.file())).append("</code></td><td class=l>")
            .append(Html.esc(a.what())).append("</td><td class=\"l ").append(a.result() != null
                && a.result().allRight() ? "agree" : a.result() == null ? "" : "disagree").append("\">")
            .append(Html.esc(verdict(a))).append("</td></tr>");
      }
      h.append("</table>");
      SeedAnswer right = answers.get(0);
      CheckResult.Training t = right.result() == null ? null : right.result().training();
      if (right.result() != null && right.result().allRight() && t.predictions() != null
          && java.util.Arrays.stream(t.predictions().toRowMajor()).anyMatch(v -> v == 0.0)) {
        h.append("<p><b>The code can be right and the predictions still 0.</b> Written right, the learner's code "
            + "agrees with the twin function by function and step by step, and still predicts 0: the model (a ReLU "
            + "output on raw data) is the problem. The seed's guesses of dAL are code problems, and check names "
            + "them.</p>");
      }
    }
    h.append("<h2>The lessons</h2><ul><li>dAL is dL/dA of the <i>loss</i> (A − Y for half-MSE), not the derivative "
        + "of the activation; the output activation's derivative is applied in the last layer's backward step."
        + "</li><li>DL4J's LossMSE averages over outputs and has no ½: twinnet maps J = (n_y/2)·S and DL4J's "
        + "learning rate η = (n_y/2)·α exactly, instead of loosening tolerances.</li><li>A ReLU output clamps "
        + "negative pre-activations to 0 with derivative 0: once every output is clamped, no gradient flows and "
        + "training stops. An identity or leaky-ReLU output fixes it; standardised inputs help, but standardised "
        + "targets below 0 stay out of a ReLU output's reach (variant e).</li></ul>");
    return h.append("</body></html>").toString();
  }
}
