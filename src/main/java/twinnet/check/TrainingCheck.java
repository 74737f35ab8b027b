package twinnet.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import twinnet.check.CheckResult.Status;
import twinnet.check.CheckResult.Training;
import twinnet.compare.ReluDiagnostics;
import twinnet.compare.Tolerances;
import twinnet.dl4j.Dl4jNetwork;
import twinnet.model.Loss;
import twinnet.model.Matrix;
import twinnet.model.NetworkSpec;
import twinnet.model.Parameters;
import twinnet.scratch.Linear;
import twinnet.scratch.ScratchNetwork;

/**
 * The learner's own functions train the model: {@code L_model_forward → compute_cost → L_model_backward →
 * update_parameters}, step by step from the twin's weights, next to the scratch network and the DL4J twin
 * taking the same steps; then {@code L_layer_model}, if defined, with its {@code initialize_parameters_deep}
 * replaced by the twin's weights. A run that agrees and still fits badly is what it is: the implementation
 * is right and the model is the problem, said with the dead-ReLU diagnostics.
 */
final class TrainingCheck {
  private TrainingCheck() {}

  static final List<String> NEEDS = List.of("L_model_forward", "compute_cost", "L_model_backward", "update_parameters");

  /** Over a run, rounding may grow: the core bound for trajectories (Tolerances.trajectory, 1e-9). */
  static final Tolerances TOL = new Tolerances(1e-9, 1e-9, 1e-9, 1e-9, 1e-13);

  static Training run(Session bridge, DeclaredModel model, Set<String> defined, C1W4Networks.NetData data, int steps,
      double lr, List<CheckResult.FunctionResult> functions) {
    NetworkSpec spec = data.spec();
    Matrix X = data.X();
    Matrix Y = data.Y();
    List<String> missing = NEEDS.stream().filter(f -> !defined.contains(f)).toList();
    if (!missing.isEmpty()) {
      return new Training(Status.NOT_RUN, data.label(), 0, lr, -1, null, new double[0], new double[0], Double.NaN,
          Double.NaN, "Training was not run: it needs " + String.join(", ", NEEDS) + "; the file does not define "
          + String.join(", ", missing) + ".", List.of(), X, Y, null, layerModelStatus(defined), null);
    }
    ScratchNetwork ref = new ScratchNetwork(spec, data.params());
    Dl4jNetwork twin = Dl4jNetwork.withParameters(spec, data.params());
    JsonNode P = Checks.paramsJson(data.params());
    JsonNode xj = Values.array(X);
    JsonNode yj = Values.array(Y);
    double[] costU = new double[steps];
    double[] costR = new double[steps];
    double worstScratch = 0;
    double worstDl4j = 0;
    List<String> diagnosis = new ArrayList<>();
    for (int t = 0; t < steps; t++) {
      String at = "at step " + t + " of training";
      Bridge.Reply f = bridge.call("L_model_forward", List.of(xj, P));
      Bridge.Reply c = f.ok() && f.result().isArray() && f.result().size() == 2
          ? bridge.call("compute_cost", List.of(f.result().get(0), yj)) : null;
      Bridge.Reply b = c != null && c.ok() ? bridge.call("L_model_backward", List.of(f.result().get(0), yj,
          f.result().get(1))) : null;
      Bridge.Reply u = b != null && b.ok() ? bridge.call("update_parameters", List.of(P, b.result(),
          Bridge.JSON.getNodeFactory().numberNode(lr))) : null;
      Bridge.Reply failed = !f.ok() ? f : c != null && !c.ok() ? c : b != null && !b.ok() ? b : u != null && !u.ok()
          ? u : null;
      if (failed != null || c == null || b == null || u == null) {
        String why = failed != null ? failed.errorText() : "L_model_forward did not return (AL, caches)";
        return stopped(Status.RAISED, data, t, lr, t, null, costU, costR, worstScratch, worstDl4j,
            "Your functions stopped " + at + ": " + why + ".", List.of(), defined);
      }
      double cost = Values.scalar(c.result());
      double refCost = ref.step(X, Y, lr);
      twin.step(X, Y, lr);
      costU[t] = cost;
      costR[t] = refCost;
      if (!Double.isFinite(refCost)) {
        boolean both = !Double.isFinite(cost);
        return stopped(both ? Status.OK : Status.WRONG, data, t, lr, both ? -1 : t, both ? null : "cost", costU, costR,
            worstScratch, worstDl4j, both ? "Your training and the twin's both diverged at step " + t + " (the cost "
                + "became " + refCost + "): the learning rate " + lr + " is too large for these data; standardise the "
                + "inputs and targets, or lower it." : "The twin diverged at step " + t + " while yours did not.",
            List.of(), defined);
      }
      Expect.Outcome oc = Expect.compare(c.result(), new Expect.Scalar("cost", refCost), TOL);
      if (!Double.isFinite(cost) && Double.isFinite(refCost)) {
        diagnosis.add(Cause.COST_NOT_A_NUMBER.say(Double.isNaN(cost) ? "NaN" : String.valueOf(cost), t,
            whyNotANumber(model, f.result().get(0))));
      }
      Expect.Outcome op = Expect.compare(u.result(), Expect.dict("parameters", Checks.paramsMap(ref.parameters())),
          TOL);
      if (!oc.ok() || !op.ok()) {
        Expect.Mismatch m = !oc.ok() ? oc.first() : op.first();
        diagnosis.add(m.what() + ".");
        return stopped(Status.WRONG, data, t + 1, lr, t, m.part(), costU, costR, worstScratch, worstDl4j,
            "Your training parts from the twin " + at + " (" + m.part() + (m.part().equals("cost") ? " before"
                : " after") + " the step).", diagnosis, defined);
      }
      worstScratch = Math.max(worstScratch, Math.max(oc.worst(), op.worst()));
      worstDl4j = Math.max(worstDl4j, Expect.compare(u.result(), Expect.dict("parameters",
          Checks.paramsMap(twin.parameters())), TOL).worst());
      P = u.result();
    }
    // the run agrees: how well does the model fit?
    Matrix pred = ref.predict(X);
    List<String> fit = new ArrayList<>();
    String verdict = fitVerdict(model, spec, ref, X, Y, pred, steps, fit, data.label());
    List<String> wrong = functions.stream().filter(r -> r.status() == Status.WRONG || r.status() == Status.RAISED
        || r.status() == Status.TIMEOUT).map(CheckResult.FunctionResult::name).toList();
    if (!wrong.isEmpty()) { // the headline never contradicts a function's verdict
      verdict = "Training with your functions follows the twin step for step over " + steps + " steps on " + data.label()
          + ", yet " + String.join(", ", wrong) + (wrong.size() == 1 ? " is" : " are") + " wrong (above): training "
          + "calls them from the reference's inputs, where the slip does not show (an input changed in place, a "
          + "branch these data never take); fix " + (wrong.size() == 1 ? "it" : "them") + " first.";
    }
    LayerModel lm = layerModel(bridge, defined, data, steps, lr);
    return new Training(Status.OK, data.label(), steps, lr, -1, null, costU, costR, worstScratch, worstDl4j, verdict,
        fit, X, Y, pred, lm.status(), lm.text());
  }

  /** L_layer_model's verdict and its sentence. */
  private record LayerModel(Status status, String text) {}

  private static Status layerModelStatus(Set<String> defined) {
    return defined.contains("L_layer_model") ? Status.NOT_RUN : Status.NOT_FOUND;
  }

  private static Training stopped(Status s, C1W4Networks.NetData data, int steps, double lr, int at, String tensor,
      double[] costU, double[] costR, double worstScratch, double worstDl4j, String verdict, List<String> diagnosis,
      Set<String> defined) {
    int n = Math.max(0, Math.min(steps, costU.length));
    return new Training(s, data.label(), n, lr, at, tensor, java.util.Arrays.copyOf(costU, n),
        java.util.Arrays.copyOf(costR, n), worstScratch, worstDl4j, verdict, diagnosis, data.X(), data.Y(), null,
        layerModelStatus(defined), "L_layer_model was not run: training with your functions parted from the twin first");
  }

  /** Why a cross-entropy cost is not a number: the learner's AL outside (0, 1). */
  private static String whyNotANumber(DeclaredModel model, JsonNode AL) {
    if (!Values.isArray(AL)) {
      return "the cost is not a number";
    }
    Matrix a = Values.matrix(AL);
    double min = java.util.Arrays.stream(a.toRowMajor()).min().orElse(Double.NaN);
    double max = java.util.Arrays.stream(a.toRowMajor()).max().orElse(Double.NaN);
    if (model.loss() == Loss.BCE && (min <= 0 || max >= 1)) {
      return "your AL reaches " + (min <= 0 ? min : max) + ", where the cross-entropy's log(AL) or log(1 − AL) is −∞ or "
          + "the log of a negative number (NaN); AL must stay in (0, 1), as a sigmoid output keeps it (a ReLU output "
          + "gives 0 and values above 1).";
    }
    return "AL holds " + (Values.finite(a) ? "values" : "NaN or ∞") + " from which the cost cannot be computed (AL from "
        + min + " to " + max + ").";
  }

  /**
   * "your implementation is right; the model is the problem", or that it fits. The model is blamed only where the
   * data are the learner's own problem (the seed's regression): a classifier is trained on twinnet's test data, whose
   * fit says nothing about the learner's model.
   */
  private static String fitVerdict(DeclaredModel model, NetworkSpec spec, ScratchNetwork ref, Matrix X, Matrix Y,
      Matrix pred, int steps, List<String> notes, String data) {
    List<Matrix> Z = new ArrayList<>();
    for (Linear.Cache c : ref.lModelForward(X).caches()) {
      Z.add(c.Z());
    }
    ReluDiagnostics relu = ReluDiagnostics.of(spec, Z);
    String quality;
    boolean poor;
    if (model.loss() == Loss.BCE || model.loss() == Loss.CCE) {
      double acc = twinnet.train.Classification.of(pred, Y).accuracy();
      quality = String.format("%.0f%% of the examples classified right", 100 * acc);
      poor = acc < 0.9;
    } else {
      double mean = Y.sum() / Y.cols();
      double sst = Y.map(v -> v - mean).times(Y.map(v -> v - mean)).sum();
      double sse = pred.minus(Y).times(pred.minus(Y)).sum();
      double r2 = sst > 0 ? 1 - sse / sst : Double.NaN;
      quality = String.format("R² %.3f", r2);
      poor = !(r2 >= 0.9);
    }
    poor |= !relu.zeroPredictions().isEmpty();
    boolean classifier = model.loss() == Loss.BCE || model.loss() == Loss.CCE;
    if (!poor) {
      return "Your implementation is right: it follows the twin step for step over " + steps + " steps on " + data
          + ", and the model fits these data (" + quality + ").";
    }
    if (classifier) {
      return "Your implementation is right: it follows the twin step for step over " + steps + " steps on " + data
          + " (twinnet's test data for your functions, not yours: after " + steps + " steps " + quality + ", which "
          + "says nothing about how your model does on your data).";
    }
    notes.addAll(relu.describe());
    if (relu.zeroPredictions().isEmpty() && model.loss() != Loss.BCE && model.loss() != Loss.CCE) {
      notes.add("Standardised inputs and targets, a smaller or larger learning rate, or more steps may help; a "
          + "degree-2 polynomial fits y = 3x² + 3x exactly.");
    }
    return "Your implementation is right: it follows the twin step for step over " + steps + " steps on " + data
        + ". The model is the problem: after " + steps + " steps it fits poorly (" + quality + ").";
  }


  /** L_layer_model from the twin's weights (its initialize_parameters_deep replaced), against the reference. */
  private static LayerModel layerModel(Session bridge, Set<String> defined, C1W4Networks.NetData data, int steps,
      double lr) {
    if (!defined.contains("L_layer_model")) {
      return new LayerModel(Status.NOT_FOUND, null);
    }
    ScratchNetwork ref = new ScratchNetwork(data.spec(), data.params());
    for (int t = 0; t < steps; t++) {
      ref.step(data.X(), data.Y(), lr);
    }
    com.fasterxml.jackson.databind.node.ArrayNode dims = Bridge.JSON.createArrayNode();
    for (int n : data.spec().layers()) {
      dims.add(n);
    }
    ObjectNode kwargs = Bridge.JSON.createObjectNode();
    kwargs.put("learning_rate", lr);
    kwargs.put("num_iterations", steps);
    kwargs.put("print_cost", false);
    ObjectNode replace = Bridge.JSON.createObjectNode();
    replace.set("initialize_parameters_deep", Checks.paramsJson(data.params()));
    Bridge.Reply r = bridge.call("L_layer_model", List.of(Values.array(data.X()), Values.array(data.Y()), dims),
        kwargs, replace);
    if (!r.ok()) {
      return new LayerModel(Status.RAISED, "L_layer_model raised " + r.errorText() + ".");
    }
    JsonNode params = r.result().isArray() && r.result().size() > 0 ? r.result().get(0) : r.result();
    Expect.Outcome o = Expect.compare(params, Expect.dict("parameters", Checks.paramsMap(ref.parameters())), TOL);
    return o.ok() ? new LayerModel(Status.OK, String.format("L_layer_model, from the twin's weights, ends %d steps "
        + "where the twin does (worst relative difference %.1e).", steps, o.worst()))
        : new LayerModel(Status.WRONG, "L_layer_model, from the twin's weights, ends " + steps + " steps elsewhere "
            + "than the twin: " + o.first().what() + ".");
  }
}
