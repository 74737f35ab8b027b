package twinnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Checks a report.json against the contract documented in compare/README.md ("twinnet.report/1"). */
final class ReportContract {
  private ReportContract() {}

  /**
   * With conv stages: spec.input and spec.convs as the case gives them, and each conv layer k's W (f, f, n_C_prev,
   * n_C) and b (1, 1, 1, n_C) in initial, final and step0's grads; the flattened size the stages end in is layers[0].
   * Returns K, the conv layers (0 without).
   */
  static int convContract(JsonNode r, JsonNode spec, String name, int m) {
    if (!spec.has("convs")) {
      assertThat(spec.has("input")).isFalse();
      return 0;
    }
    int[] in = ints(spec.path("input"));
    assertThat(in).hasSize(3);
    int h = in[0];
    int w = in[1];
    int c = in[2];
    int k = 0;
    for (JsonNode st : spec.path("convs")) {
      boolean conv = st.has("conv");
      JsonNode p = conv ? st.path("conv") : st.path("pool");
      int f = p.path("f").asInt();
      int stride = p.path("stride").asInt();
      int pad = conv ? p.path("pad").asInt() : 0;
      if (!conv) {
        assertThat(List.of("max", "average")).contains(p.path("mode").asText());
      }
      h = (h - f + 2 * pad) / stride + 1;
      w = (w - f + 2 * pad) / stride + 1;
      if (conv) {
        k++;
        int filters = p.path("filters").asInt();
        for (JsonNode params : List.of(r.path("initial"), r.path("final").path("scratch"), r.path("final")
            .path("dl4j"))) {
          assertThat(shape4(params.path("W" + k))).as(name + " W" + k).containsExactly(f, f, c, filters);
          assertThat(shape4(params.path("b" + k))).as(name + " b" + k).containsExactly(1, 1, 1, filters);
        }
        for (String side : List.of("scratch", "dl4j")) {
          JsonNode g = r.path("step0").path(side).path("grads");
          assertThat(shape4(g.path("dW" + k))).as(name + " dW" + k).containsExactly(f, f, c, filters);
          assertThat(shape4(g.path("db" + k))).as(name + " db" + k).containsExactly(1, 1, 1, filters);
        }
        c = filters;
      }
    }
    assertThat(ints(spec.path("layers"))[0]).as(name + ": layers[0] is the flattened size").isEqualTo(h * w * c);
    return k;
  }

  static void validate(JsonNode r, JsonNode caseFile) {
    String name = r.path("case").asText();
    assertThat(r.path("schema").asText()).isEqualTo("twinnet.report/1");
    assertThat(name).isNotBlank();
    JsonNode prov = r.path("provenance");
    assertThat(prov.path("twinnet").isTextual()).isTrue();
    assertThat(prov.path("dl4j").asText()).isEqualTo("1.0.0-M2.1");
    assertThat(prov.has("seed")).isTrue();
    assertThat(prov.path("caseFile")).isEqualTo(caseFile);

    JsonNode spec = r.path("spec");
    int[] layers = ints(spec.path("layers"));
    assertThat(layers.length).isGreaterThanOrEqualTo(2);
    List<String> acts = List.of("relu", "leaky_relu", "sigmoid", "tanh", "identity", "elu");
    assertThat(acts).contains(spec.path("hidden").asText());
    assertThat(List.of("relu", "leaky_relu", "sigmoid", "tanh", "identity", "elu", "softmax"))
        .contains(spec.path("output").asText());
    for (String w : List.of("hidden", "output")) {
      boolean hasAlpha = List.of("leaky_relu", "elu").contains(spec.path(w).asText());
      assertThat(spec.has(w + "Alpha")).as(name + " " + w + "Alpha").isEqualTo(hasAlpha);
    }
    assertThat(List.of("half_mse", "mse", "bce", "cce")).contains(spec.path("loss").asText());

    JsonNode opt = r.path("optimizer");
    assertThat(List.of("gd", "nesterov", "rmsprop", "adam", "adam_dl4j")).contains(opt.path("name").asText());
    assertThat(opt.path("l2").asDouble()).isGreaterThanOrEqualTo(0);
    assertThat(opt.path("learningRate").asDouble()).isPositive();
    assertThat(opt.path("batchSize").isNull() || opt.path("batchSize").isInt()).isTrue();
    int steps = opt.path("steps").asInt();
    // DL4J's learning rate: c·α for the rules linear in the gradient, α for those that divide by its size
    double c = r.path("conventions").path("costScale").asDouble();
    double eta = r.path("conventions").path("dl4jLearningRate").asDouble();
    boolean scaleFree = List.of("rmsprop", "adam", "adam_dl4j").contains(opt.path("name").asText());
    assertThat(eta).as(name + " dl4jLearningRate").isEqualTo((scaleFree ? 1 : c) * opt.path("learningRate").asDouble());
    assertThat(steps).isPositive();

    JsonNode data = r.path("data");
    int m = data.path("examples").asInt();
    int K = convContract(r, spec, name, m);
    assertThat(shape(data.path("x"))).containsExactly(K > 0 ? ints(spec.path("input"))[0] * ints(spec.path(
        "input"))[1] * ints(spec.path("input"))[2] : layers[0], m);
    assertThat(shape(data.path("y"))).containsExactly(layers[layers.length - 1], m);

    int L = layers.length - 1;
    boolean bn = spec.has("batchNorm");
    if (bn) {
      assertThat(spec.path("batchNorm").path("epsilon").asDouble()).isPositive();
      assertThat(spec.path("batchNorm").path("momentum").asDouble()).isBetween(0.0, 1.0);
    }
    for (int l = 1; l <= L; l++) {
      boolean normalised = bn && l < L; // every hidden layer: γ, β and running averages instead of b
      List<String> vectors = normalised ? List.of("gamma", "beta", "mean", "var") : List.of("b");
      List<String> gradVectors = normalised ? List.of("dgamma", "dbeta") : List.of("db");
      int n = K + l; // the dense layers are numbered after the conv layers
      assertThat(shape(r.path("initial").path("W" + n))).containsExactly(layers[l], layers[l - 1]);
      for (String v : vectors) {
        assertThat(shape(r.path("initial").path(v + n))).as(name + " " + v + n).containsExactly(layers[l], 1);
      }
      assertThat(r.path("initial").has("b" + n)).isEqualTo(!normalised);
      for (String side : List.of("scratch", "dl4j")) {
        JsonNode s0 = r.path("step0").path(side);
        assertThat(shape(s0.path("grads").path("dW" + n))).containsExactly(layers[l], layers[l - 1]);
        for (String v : gradVectors) {
          assertThat(shape(s0.path("grads").path(v + n))).containsExactly(layers[l], 1);
        }
        assertThat(shape(r.path("final").path(side).path("W" + n))).containsExactly(layers[l], layers[l - 1]);
        for (String v : vectors) {
          assertThat(shape(r.path("final").path(side).path(v + n))).containsExactly(layers[l], 1);
        }
      }
    }
    for (String side : List.of("scratch", "dl4j")) {
      JsonNode s0 = r.path("step0").path(side);
      assertThat(s0.path("loss").isNumber()).isTrue();
      assertThat(shape(s0.path("AL"))).containsExactly(layers[L], m);
      JsonNode traj = r.path("trajectory").path(side);
      assertThat(traj.isArray()).isTrue();
      assertThat(traj.size()).isBetween(1, steps);
    }
    // full batch: the trajectory starts at the step-0 loss of the full data
    if (opt.path("batchSize").isNull()) {
      assertThat(r.path("trajectory").path("scratch").get(0).asDouble())
          .isEqualTo(r.path("step0").path("scratch").path("loss").asDouble());
    }

    if (spec.has("dropout")) {
      JsonNode d = spec.path("dropout");
      assertThat(d.path("keepProb").size()).isEqualTo(L - 1);
      assertThat(d.path("seed").isIntegralNumber()).isTrue();
      JsonNode masks = d.path("masks");
      assertThat(masks.path("stepsRun").asInt()).isBetween(masks.path("steps").size(), steps);
      for (int l = 1; l < L; l++) {
        JsonNode D = masks.path("atStart").get(l - 1);
        if (d.path("keepProb").get(l - 1).asDouble() == 1) {
          assertThat(D.isNull()).isTrue();
          continue;
        }
        assertThat(shape(D)).containsExactly(layers[l], m);
        for (JsonNode step : masks.path("steps")) {
          assertThat(shape(step.get(l - 1))[0]).isEqualTo(layers[l]);
          step.get(l - 1).forEach(row -> row.forEach(e -> assertThat(e.asDouble()).isIn(0.0, 1.0)));
        }
      }
    }

    JsonNode v = r.path("verdict");
    assertThat(List.of("agree", "disagree", "both_diverged")).contains(v.path("status").asText());
    assertThat(v.path("expected").isBoolean()).isTrue();
    assertThat(v.path("expected").asBoolean()).isEqualTo(!caseFile.path("expect").asText("agree").equals("agree"));
    assertThat(v.path("diagnosis").isArray()).isTrue();
    if (v.path("status").asText().equals("agree")) {
      assertThat(v.path("firstDivergence").isNull()).isTrue();
    } else if (v.path("status").asText().equals("disagree")) {
      JsonNode f = v.path("firstDivergence");
      assertThat(f.path("step").isInt()).isTrue();
      assertThat(f.path("layer").isInt()).isTrue();
      assertThat(f.path("tensor").asText()).isNotBlank();
      assertThat(f.path("relativeError").isNumber()).isTrue();
      assertThat(v.path("diagnosis").size()).isPositive();
    }
  }

  static int[] ints(JsonNode a) {
    int[] out = new int[a.size()];
    for (int i = 0; i < a.size(); i++) {
      out[i] = a.get(i).asInt();
    }
    return out;
  }

  static int[] shape(JsonNode m) {
    assertThat(m.isArray()).as("a matrix").isTrue();
    int cols = m.get(0).size();
    for (JsonNode row : m) {
      assertThat(row.size()).isEqualTo(cols);
    }
    return new int[] {m.size(), cols};
  }

  /** The shape of a nested array of numbers (a 4-D tensor as numpy's tolist()), every level regular. */
  static int[] shape4(JsonNode t) {
    java.util.List<Integer> dims = new java.util.ArrayList<>();
    for (JsonNode n = t; n.isArray(); n = n.get(0)) {
      dims.add(n.size());
    }
    assertThat(dims).as("a 4-D tensor").hasSize(4);
    int count = 0;
    for (JsonNode a : t) {
      for (JsonNode b : a) {
        for (JsonNode c : b) {
          assertThat(c.size()).isEqualTo(dims.get(3));
          count += c.size();
        }
      }
    }
    assertThat(count).isEqualTo(dims.get(0) * dims.get(1) * dims.get(2) * dims.get(3));
    return dims.stream().mapToInt(Integer::intValue).toArray();
  }
}
