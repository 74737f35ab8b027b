package twinnet.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import twinnet.io.Outputs;
import java.util.ArrayList;
import java.util.List;
import twinnet.cases.DistributedResult;

/**
 * The distributed-equals-single-machine check's report, in {@code <case>/distributed/}: {@code distributed.json},
 * {@code distributed.csv} (one row per averaging round), {@code differences.png} and {@code index.html}, which
 * says what the averaging frequency does to the equivalence.
 */
public final class DistributedReport {
  private DistributedReport() {}

  static final String EXPLANATION = """
      With k workers each fitting a batch of b examples and the parameters averaged after every step, \
      worker j moves from θ to θ − η·ḡⱼ, ḡⱼ the mean gradient of its b examples, and the average of the k \
      points is θ − η·(1/k)·Σⱼ ḡⱼ = θ − η·ḡ, ḡ the mean gradient of all k·b examples: exactly one SGD step \
      of one machine on the k·b examples. DL4J divides each worker's gradient by its own batch size, so the \
      batches must be of equal size. Only the order of the sums differs, so both agree to rounding and the \
      core tolerances hold. With averaging every f > 1 minibatches, a worker's second local step starts from \
      its own point, not from the average, and the average of k trajectories is not the trajectory of the \
      average (the gradient is not linear in θ): the runs part by an amount that grows with f and with the \
      learning rate. That disagreement is expected; it is measured here, not hidden by a tolerance.""";

  public static Path write(Path caseDir, List<DistributedResult> results) {
    Outputs.Target target = Outputs.check(caseDir.resolve("distributed"), Outputs.Kind.DISTRIBUTED, true,
        List.of(), "the distributed report");
    return Outputs.writeFolder(target, tmp -> {
      ObjectNode root = ReportJson.MAPPER.createObjectNode();
      root.put("format", "twinnet.distributed/1");
      root.put("explanation", EXPLANATION);
      ArrayNode runs = root.putArray("runs");
      StringBuilder csv = new StringBuilder("averaging_frequency,step,cost_spark,cost_dl4j,cost_scratch,"
          + "params_spark_vs_dl4j,params_spark_vs_scratch,params_dl4j_vs_scratch\n");
      List<Charts.Series> series = new ArrayList<>();
      int color = 0;
      for (DistributedResult r : results) {
        ObjectNode n = runs.addObject();
        n.put("case", r.caseName());
        n.put("workers", r.workers());
        n.put("batchPerWorker", r.batchPerWorker());
        n.put("averagingFrequency", r.averagingFrequency());
        n.put("expected", r.expectsAgreement() ? "agree" : "disagree");
        n.put("agrees", r.agrees());
        n.put("asExpected", r.asExpected());
        n.put("worstVsDl4j", r.worstVsDl4j());
        n.put("worstVsScratch", r.worstVsScratch());
        n.put("tolerance", r.tol().trajectory());
        n.put("seconds", r.seconds());
        n.put("verdict", r.verdictLine());
        ArrayNode rounds = n.putArray("rounds");
        double[] x = new double[r.rounds().size()];
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
          DistributedResult.Round d = r.rounds().get(i);
          ObjectNode o = rounds.addObject();
          o.put("step", d.step());
          o.put("costSpark", d.costSpark());
          o.put("costDl4j", d.costDl4j());
          o.put("costScratch", d.costScratch());
          o.put("paramsVsDl4j", d.paramsVsDl4j());
          o.put("paramsVsScratch", d.paramsVsScratch());
          o.put("dl4jVsScratch", d.dl4jVsScratch());
          csv.append(r.averagingFrequency()).append(',').append(d.step()).append(',').append(d.costSpark())
              .append(',').append(d.costDl4j()).append(',').append(d.costScratch()).append(',')
              .append(d.paramsVsDl4j()).append(',').append(d.paramsVsScratch()).append(',')
              .append(d.dl4jVsScratch()).append('\n');
          x[i] = d.step();
          y[i] = d.paramsVsDl4j();
        }
        series.add(new Charts.Series("averaging every " + r.averagingFrequency(), x, y,
            r.expectsAgreement() ? Charts.Style.LINE : Charts.Style.DASHED, color++));
      }
      byte[] png = Charts.differences("parameters: Spark against the single-machine DL4J twin", series);
      Files.writeString(tmp.resolve("distributed.json"),
          ReportJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root), StandardCharsets.UTF_8);
      Files.writeString(tmp.resolve("distributed.csv"), csv, StandardCharsets.UTF_8);
      Files.write(tmp.resolve("differences.png"), png);
      Files.writeString(tmp.resolve("index.html"), html(results, png), StandardCharsets.UTF_8);
    });
  }

  static String html(List<DistributedResult> results, byte[] png) {
    StringBuilder h = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>")
        .append(Html.esc(results.get(0).caseName())).append(": distributed against one machine</title>")
        .append(Html.STYLE).append("</head><body><h1>").append(Html.esc(results.get(0).caseName()))
        .append(": Spark against one machine</h1><p>").append(Html.esc(EXPLANATION)).append("</p>")
        .append("<table><tr><th>workers k</th><th>batch per worker b</th><th>averaging every f</th>")
        .append("<th>expected</th><th>worst vs DL4J twin</th><th>worst vs scratch</th><th>tolerance</th>")
        .append("<th class=\"l\">verdict</th></tr>");
    for (DistributedResult r : results) {
      h.append(String.format("<tr><td>%d</td><td>%d</td><td>%d</td><td>%s</td><td>%.2e</td><td>%.2e</td><td>%.0e</td>"
          + "<td class=\"l %s\">%s</td></tr>", r.workers(), r.batchPerWorker(), r.averagingFrequency(),
          r.expectsAgreement() ? "agree" : "disagree", r.worstVsDl4j(), r.worstVsScratch(), r.tol().trajectory(),
          r.asExpected() ? "agree" : "disagree", r.asExpected() ? "as expected" : "UNEXPECTED"));
    }
    h.append("</table>").append(Html.img(png, "relative difference of the parameters per step"))
        .append("<p>Relative difference: the worst over W and b of ‖θ_spark − θ‖₂ / ‖θ‖₂ after each averaging round")
        .append(" (a difference within 1e-13 of the largest tensor is measured against that tensor). Costs and ")
        .append("every round are in distributed.csv.</p></body></html>\n");
    return h.toString();
  }
}
