package twinnet.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import twinnet.cases.Case;
import twinnet.cases.CaseResult;
import twinnet.compare.ReluDiagnostics;
import twinnet.compare.TensorDiff;
import twinnet.model.Gradients;
import twinnet.model.Matrix;
import twinnet.model.Network;
import twinnet.model.Parameters;

/**
 * {@code report.json}, schema {@code twinnet.report/1}: a stable contract documented in
 * {@code compare/README.md}. Matrices are arrays of rows in the course's layout; a number that is not
 * finite (a diverged cost) is written as null.
 */
public final class ReportJson {
  private ReportJson() {}

  public static final String SCHEMA = "twinnet.report/1";
  static final ObjectMapper MAPPER = new ObjectMapper();
  /** Data are included whole up to this many numbers (x and y together). */
  static final int MAX_DATA_NUMBERS = 100_000;

  public static ObjectNode of(CaseResult r) {
    Case c = r.kase();
    ObjectNode root = MAPPER.createObjectNode();
    root.put("schema", SCHEMA);
    root.put("case", c.name());
    root.put("description", c.description());

    ObjectNode prov = root.putObject("provenance");
    prov.put("twinnet", Versions.twinnet());
    prov.put("dl4j", Versions.DL4J);
    prov.put("java", System.getProperty("java.version"));
    if (c.init() instanceof Case.Scheme s) {
      prov.put("seed", s.seed());
      prov.put("initScheme", s.scheme().id());
      prov.put("initializedBy", s.side());
    } else {
      prov.putNull("seed");
      prov.put("initScheme", "explicit");
    }
    prov.set("caseFile", c.source());

    ObjectNode spec = root.putObject("spec");
    ArrayNode layers = spec.putArray("layers");
    for (int n : c.spec().layers()) {
      layers.add(n);
    }
    spec.put("hidden", c.spec().hidden().id());
    spec.put("output", c.spec().output().id());
    if (c.spec().hidden().hasAlpha()) {
      spec.put("hiddenAlpha", c.spec().hiddenAlpha());
    }
    if (c.spec().output().hasAlpha()) {
      spec.put("outputAlpha", c.spec().outputAlpha());
    }
    spec.put("loss", c.spec().loss().id());
    if (c.spec().batchNorm() != null) {
      ObjectNode bn = spec.putObject("batchNorm");
      bn.put("epsilon", c.spec().batchNorm().epsilon());
      bn.put("momentum", c.spec().batchNorm().momentum());
    }
    if (c.spec().dropout() != null) {
      ObjectNode dn = spec.putObject("dropout");
      ArrayNode keep = dn.putArray("keepProb");
      for (double k : c.spec().dropout().keepProb()) {
        keep.add(k);
      }
      dn.put("seed", c.spec().dropout().seed());
      if (r.dropoutMasks() != null) {
        ObjectNode masks = dn.putObject("masks");
        masks.put("layout", "D^[l] of hidden layer l (n_l × m, 1 kept, 0 dropped; null where nothing is dropped), "
            + "applied as A ← A ⊙ D / keep_prob and dA ← dA ⊙ D / keep_prob");
        masks.set("atStart", maskList(r.dropoutMasks().atStart()));
        ArrayNode steps = masks.putArray("steps");
        r.dropoutMasks().steps().forEach(step -> steps.add(maskList(step)));
        masks.put("stepsRun", r.dropoutMasks().stepsRun());
      }
    }

    if (c.convs() != null) { // as the case file gives them
      ArrayNode in = spec.putArray("input");
      in.add(c.convs().height()).add(c.convs().width()).add(c.convs().channels());
      ArrayNode stages = spec.putArray("convs");
      for (twinnet.model.ConvStack.Stage st : c.convs().stages()) {
        ObjectNode o = stages.addObject();
        if (st instanceof twinnet.model.ConvStack.Conv cv) {
          o.putObject("conv").put("f", cv.f()).put("stride", cv.stride()).put("pad", cv.pad())
              .put("filters", cv.filters()).put("activation", cv.activation().id());
        } else {
          twinnet.model.ConvStack.Pool pl = (twinnet.model.ConvStack.Pool) st;
          o.putObject("pool").put("mode", pl.mode().id).put("f", pl.f()).put("stride", pl.stride());
        }
      }
    }

    ObjectNode opt = root.putObject("optimizer");
    opt.put("name", c.optimizer().name());
    opt.put("learningRate", c.optimizer().learningRate());
    if (c.optimizer().batchSize() == null || c.optimizer().batchSize() >= r.data().examples()) {
      opt.putNull("batchSize");
    } else {
      opt.put("batchSize", c.optimizer().batchSize());
    }
    opt.put("steps", c.steps());
    var rule = c.optimizer().rule();
    if (rule.kind() == twinnet.model.Optimizer.Kind.NESTEROV || rule.kind() == twinnet.model.Optimizer.Kind.MOMENTUM) {
      opt.put("momentum", rule.momentum());
    }
    if (rule.kind().id().startsWith("adam") || rule.kind() == twinnet.model.Optimizer.Kind.RMSPROP) {
      opt.put("beta1", rule.beta1());
      opt.put("beta2", rule.beta2());
      opt.put("epsilon", rule.epsilon());
    }
    opt.put("l2", rule.l2());
    if (c.optimizer().shuffleSeed() == null) {
      opt.putNull("shuffleSeed");
    } else {
      opt.put("shuffleSeed", c.optimizer().shuffleSeed());
    }

    ObjectNode conv = root.putObject("conventions");
    conv.put("costScale", r.mapping().costScale());
    conv.put("dl4jLearningRate", r.mapping().dl4jLearningRate());
    conv.put("mapping", "J = c·S (S: DL4J's score), dJ/dθ = c·G/m (G: DL4J's summed gradient), "
        + "η_DL4J = c·α for gd and nesterov, η_DL4J = α and ε′ = ε/c for rmsprop and adam, l2 = λ/(c·m); "
        + "W transposed, b rank 1 in DL4J");

    ObjectNode tol = root.putObject("tolerances");
    tol.put("loss", c.tol().loss());
    tol.put("gradient", c.tol().gradient());
    tol.put("trajectory", c.tol().trajectory());
    tol.put("parameters", c.tol().parameters());
    tol.put("roundingFloor", c.tol().roundingFloor());

    ObjectNode data = root.putObject("data");
    data.put("name", r.data().name());
    data.put("examples", r.data().examples());
    data.put("features", r.data().X().rows());
    data.put("targets", r.data().Y().rows());
    data.put("standardizedInputs", c.standardizeInputs());
    data.put("standardizedTargets", c.standardizeTargets());
    long numbers = (long) r.data().examples() * (r.data().X().rows() + r.data().Y().rows());
    if (numbers <= MAX_DATA_NUMBERS) {
      data.set("x", matrix(r.data().X()));
      data.set("y", matrix(r.data().Y()));
    } else {
      data.putNull("x");
      data.putNull("y");
    }

    root.set("initial", parameters(r.initial()));

    ObjectNode step0 = root.putObject("step0");
    step0.set("scratch", backprop(r.step0Scratch()));
    step0.set("dl4j", backprop(r.step0Dl4j()));
    ArrayNode cmp = step0.putArray("comparison");
    addDiff(cmp, r.atStart().predictions());
    addDiff(cmp, r.atStart().cost());
    r.atStart().gradients().forEach(d -> addDiff(cmp, d));
    if (r.atStart().inference() != null) {
      addDiff(cmp, r.atStart().inference());
    }

    ObjectNode traj = root.putObject("trajectory");
    traj.set("scratch", numbers(r.training().costA()));
    traj.set("dl4j", numbers(r.training().costB()));

    ObjectNode fin = root.putObject("final");
    fin.set("scratch", parameters(r.finalScratch()));
    fin.set("dl4j", parameters(r.finalDl4j()));

    ObjectNode relu = root.putObject("relu");
    relu.set("atStart", relu(r.reluAtStart()));
    relu.set("atEnd", r.reluAtEnd() == null ? MAPPER.nullNode() : relu(r.reluAtEnd()));

    ObjectNode verdict = root.putObject("verdict");
    verdict.put("status", r.status());
    verdict.put("expected", c.expectsDisagreement());
    verdict.put("asExpected", r.asExpected());
    verdict.put("expectReason", c.expectReason());
    if (r.firstDivergence() == null) {
      verdict.putNull("firstDivergence");
    } else {
      ObjectNode f = verdict.putObject("firstDivergence");
      f.put("step", r.firstDivergence().step());
      f.put("layer", r.firstDivergence().layer());
      f.put("tensor", r.firstDivergence().tensor());
      putNumber(f, "relativeError", r.firstDivergence().relativeError());
    }
    ArrayNode faults = verdict.putArray("numericalFaults");
    for (var f : r.training().faults()) {
      ObjectNode o = faults.addObject();
      o.put("side", f.side());
      o.put("step", f.step());
      o.put("layer", f.layer());
      o.put("what", f.what());
    }
    ArrayNode diag = verdict.putArray("diagnosis");
    r.diagnosis().forEach(diag::add);
    return root;
  }

  private static ArrayNode maskList(java.util.List<twinnet.model.Matrix> masks) {
    ArrayNode a = MAPPER.createArrayNode();
    for (twinnet.model.Matrix D : masks) {
      if (D == null) {
        a.addNull();
      } else {
        a.add(matrix(D));
      }
    }
    return a;
  }

  private static void addDiff(ArrayNode arr, TensorDiff d) {
    ObjectNode o = arr.addObject();
    o.put("tensor", d.tensor());
    o.put("layer", d.layer());
    putNumber(o, "relativeError", d.relativeError());
    putNumber(o, "maxAbsDiff", d.maxAbsDiff());
  }

  static JsonNode backprop(Network.Backprop b) {
    ObjectNode o = MAPPER.createObjectNode();
    putNumber(o, "loss", b.cost());
    o.set("AL", matrix(b.AL()));
    ObjectNode g = o.putObject("grads");
    int K = b.grads().dConvs().size();
    for (Parameters.Tensor t : b.grads().parameterOrder()) { // dW1, db1 (or dgamma1, dbeta1), dW2, …
      // a conv layer's in the notebook's layout: dW (f, f, n_C_prev, n_C), db (1, 1, 1, n_C)
      g.set(t.name(), t.layer() <= K ? tensor4(t.kind().equals("dW") ? b.grads().dConvs().get(t.layer() - 1).W()
          : b.grads().dConvs().get(t.layer() - 1).b()) : matrix(t.value()));
    }
    return o;
  }

  /**
   * W1, b1, W2, … (W, gamma, beta, mean, var where a layer is batch-normalised); conv layers first, in the
   * notebook's layout, W (f, f, n_C_prev, n_C) and b (1, 1, 1, n_C) as nested arrays.
   */
  static JsonNode parameters(Parameters p) {
    ObjectNode o = MAPPER.createObjectNode();
    int K = p.convDepth();
    for (Parameters.Tensor t : p.tensors()) {
      o.set(t.name(), t.layer() <= K ? tensor4(t.kind().equals("W") ? p.convs().get(t.layer() - 1).W()
          : p.convs().get(t.layer() - 1).b()) : matrix(t.value()));
    }
    return o;
  }

  /** A 4-D tensor as nested arrays, numpy's tolist(). */
  static ArrayNode tensor4(twinnet.model.Tensor4 t) {
    ArrayNode a = MAPPER.createArrayNode();
    for (int i = 0; i < t.dim(0); i++) {
      ArrayNode b = a.addArray();
      for (int j = 0; j < t.dim(1); j++) {
        ArrayNode c = b.addArray();
        for (int k = 0; k < t.dim(2); k++) {
          ArrayNode d = c.addArray();
          for (int l = 0; l < t.dim(3); l++) {
            d.add(t.get(i, j, k, l));
          }
        }
      }
    }
    return a;
  }

  static JsonNode relu(ReluDiagnostics d) {
    ObjectNode o = MAPPER.createObjectNode();
    ArrayNode layers = o.putArray("layers");
    for (ReluDiagnostics.Layer l : d.layers()) {
      ObjectNode x = layers.addObject();
      x.put("layer", l.layer());
      x.put("clampedShare", l.clampedShare());
      ArrayNode dead = x.putArray("deadUnits");
      l.deadUnits().forEach(dead::add);
    }
    ArrayNode zeros = o.putArray("zeroPredictions");
    for (ReluDiagnostics.ClampedPrediction z : d.zeroPredictions()) {
      ObjectNode x = zeros.addObject();
      x.put("output", z.output());
      x.put("example", z.example());
      x.put("z", z.z());
    }
    return o;
  }

  static ArrayNode matrix(Matrix m) {
    ArrayNode rows = MAPPER.createArrayNode();
    if (m == null) {
      return rows;
    }
    for (int i = 0; i < m.rows(); i++) {
      ArrayNode row = rows.addArray();
      for (int j = 0; j < m.cols(); j++) {
        double v = m.get(i, j);
        if (Double.isFinite(v)) {
          row.add(v);
        } else {
          row.addNull();
        }
      }
    }
    return rows;
  }

  static ArrayNode numbers(double[] v) {
    ArrayNode a = MAPPER.createArrayNode();
    for (double x : v) {
      if (Double.isFinite(x)) {
        a.add(x);
      } else {
        a.addNull();
      }
    }
    return a;
  }

  static void putNumber(ObjectNode o, String field, double v) {
    if (Double.isFinite(v)) {
      o.put(field, v);
    } else {
      o.putNull(field);
    }
  }
}
