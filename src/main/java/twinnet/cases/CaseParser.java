package twinnet.cases;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import twinnet.compare.Tolerances;
import twinnet.model.Activation;
import twinnet.model.Initializer;
import twinnet.model.Loss;
import twinnet.model.Matrix;
import twinnet.model.BatchNorm;
import twinnet.model.Dropout;
import twinnet.model.NetworkSpec;
import twinnet.model.Parameters;

/** Reads a case file; every mistake is an {@link IllegalArgumentException} naming the field and the fix. */
public final class CaseParser {
  private CaseParser() {}


  private static final Set<String> TOP = Set.of("$schema", "name", "description", "data", "standardize", "network",
      "loss", "init", "optimizer", "steps", "tolerances", "expect", "expectReason", "expectDivergence");

  public static Case read(Path file) {
    Object c = readAny(file);
    if (c instanceof RecurrentCase) {
      throw new IllegalArgumentException(file + ": a recurrent case (\"recurrent\"), not a dense one: run it with "
          + "twinnet run");
    }
    return (Case) c;
  }

  /** Reads a case file: a {@link Case}, or a {@link RecurrentCase} when it has a top-level "recurrent". */
  public static Object readAny(Path file) {
    String text;
    try {
      byte[] bytes = Files.readAllBytes(file);
      text = new String(bytes, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": no such file; check the path");
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read it (" + e.getMessage() + ")");
    }
    String fallbackName = file.getFileName().toString().replaceFirst("\\.json$", "");
    Path dir = file.toAbsolutePath().getParent();
    try {
      JsonNode root = tree(text);
      return RecurrentCase.is(root) ? RecurrentCase.parse(root, fallbackName, dir) : parse(root, fallbackName, dir);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /** Parses a case from its text; {@code directory} resolves relative paths. */
  public static Case parse(String text, String fallbackName, Path directory) {
    return parse(tree(text), fallbackName, directory);
  }

  /** A case file's JSON object, or a message naming where it is not one. */
  static JsonNode tree(String text) {
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1); // a byte-order mark is harmless
    }
    JsonNode root;
    try {
      root = twinnet.io.JsonFile.READER.readTree(text);
    } catch (JsonProcessingException e) {
      String twice = twinnet.io.JsonFile.duplicateKey(e);
      if (twice != null) {
        throw new IllegalArgumentException(twice);
      }
      var loc = e.getLocation();
      throw new IllegalArgumentException("not valid JSON" + (loc == null ? "" : " at line " + loc.getLineNr()
          + ", column " + loc.getColumnNr()) + ": " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("a case must be a JSON object, see compare/README.md");
    }
    return root;
  }

  /** A case's "name" (the file's name without .json when absent): it names the report folder. */
  static String name(JsonNode root, String fallbackName) {
    String name = Json.string(root, "", "name", fallbackName);
    if (!name.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException("\"name\" must use only letters, digits, '.', '_' and '-' (it names the "
          + "report folder), got \"" + name + "\"");
    }
    return name;
  }

  static Case parse(JsonNode root, String fallbackName, Path directory) {
    Json.onlyKnown(root, "", TOP);
    String name = name(root, fallbackName);
    String description = Json.string(root, "", "description", "");

    Case.DataSource data = data(Json.object(root, "", "data", true));
    JsonNode std = Json.object(root, "", "standardize", false);
    boolean stdX = false;
    boolean stdY = false;
    if (std != null) {
      Json.onlyKnown(std, "standardize", Set.of("inputs", "targets"));
      stdX = Json.bool(std, "standardize", "inputs", false);
      stdY = Json.bool(std, "standardize", "targets", false);
    }
    String lossName = Json.string(root, "", "loss", null);
    Loss loss = named("loss", () -> Loss.parse(lossName));
    JsonNode networkNode = Json.object(root, "", "network", true);
    NetworkSpec spec = network(networkNode, loss);
    twinnet.model.ConvStack convs = convs(networkNode, spec);
    requireSize(data, spec, convs);
    Case.Init init = init(Json.object(root, "", "init", false), spec);
    Case.Optimizer optimizer = optimizer(Json.object(root, "", "optimizer", true));
    if (convs != null) {
      try {
        convs.requireSupports(spec, optimizer.rule());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("\"network\": " + e.getMessage());
      }
      if (!(init instanceof Case.Scheme s) || !s.side().equals("scratch")) {
        throw new IllegalArgumentException("\"init\" of a network with conv stages is a scheme drawn by the scratch "
            + "side ({\"scheme\": \"he\", \"seed\": 1}): explicit weights and DL4J's draws are for dense networks");
      }
    } else if (data instanceof Case.Generated g && g.generator().startsWith("images")) {
      throw new IllegalArgumentException("\"data.generator\" " + g.generator() + " makes images: give the network "
          + "\"input\": [height, width, channels] and its \"convs\"");
    }
    int steps = Json.integer(root, "", "steps", null, true, 1, 1_000_000).intValue();
    Tolerances tol = tolerances(Json.object(root, "", "tolerances", false));
    String expect = Json.string(root, "", "expect", "agree");
    if (!Set.of("agree", "disagree", "both_diverged").contains(expect)) {
      throw new IllegalArgumentException("\"expect\" must be agree, disagree or both_diverged, got \"" + expect + "\"");
    }
    String reason = Json.string(root, "", "expectReason", "");
    if (!expect.equals("agree") && reason.isBlank()) {
      throw new IllegalArgumentException("a case that expects \"" + expect + "\" must say why in \"expectReason\"");
    }
    Case.ExpectedDivergence divergence = expectDivergence(Json.object(root, "", "expectDivergence", false), expect);
    if (stdY && (loss == Loss.BCE || loss == Loss.CCE)) {
      throw new IllegalArgumentException("\"standardize.targets\" would turn " + loss.id() + "'s 0/1 targets into "
          + "other numbers; set it to false");
    }
    return new Case(name, description, data, stdX, stdY, spec, convs, init, optimizer, steps, tol, expect, reason,
        divergence,
        root,
        directory);
  }

  /**
   * "expectDivergence": {"step": 0, "tensor": "dW1", "relativeError": [1e-9, 1e-7]}: required when a case expects
   * a disagreement (an expected disagreement must show where and how much it is declared to), optional for
   * both_diverged (its step), not allowed otherwise.
   */
  private static Case.ExpectedDivergence expectDivergence(JsonNode o, String expect) {
    if (o == null) {
      if (expect.equals("disagree")) {
        throw new IllegalArgumentException("a case that expects \"disagree\" must say where in \"expectDivergence\" "
            + "(e.g. {\"step\": 0, \"tensor\": \"dW1\", \"relativeError\": [1e-9, 1e-7]}): an expected disagreement "
            + "must match its declared cause");
      }
      return null;
    }
    if (expect.equals("agree")) {
      throw new IllegalArgumentException("\"expectDivergence\" goes with \"expect\": \"disagree\" or "
          + "\"both_diverged\", not with agree");
    }
    Json.onlyKnown(o, "expectDivergence", Set.of("step", "tensor", "relativeError"));
    Long step = Json.integer(o, "expectDivergence", "step", null, false, 0, 1_000_000);
    if (expect.equals("both_diverged")) {
      if (Json.present(o, "tensor") || Json.present(o, "relativeError")) {
        throw new IllegalArgumentException("\"expectDivergence\" of a both_diverged case takes only \"step\"");
      }
      return new Case.ExpectedDivergence(step == null ? null : step.intValue(), null, 0, 0);
    }
    String tensor = Json.string(o, "expectDivergence", "tensor", null);
    if (!tensor.matches("cost|AL|predict|(d?(W|b|gamma|beta)\\d+)|((mean|var)\\d+)")) {
      throw new IllegalArgumentException("\"expectDivergence.tensor\" must be cost, AL, predict, a gradient (dW1, db2, "
          + "dgamma1, dbeta1), a parameter (W1, b2, gamma1, beta1) or a running average (mean1, var1), got \"" + tensor
          + "\"");
    }
    JsonNode r = o.get("relativeError");
    if (r == null || !r.isArray() || r.size() != 2 || !r.get(0).isNumber() || !r.get(1).isNumber()
        || !(r.get(0).asDouble() >= 0) || !(r.get(1).asDouble() >= r.get(0).asDouble())) {
      throw Json.bad("expectDivergence.relativeError", "[min, max], two numbers with 0 ≤ min ≤ max", r);
    }
    return new Case.ExpectedDivergence(step == null ? null : step.intValue(), tensor, r.get(0).asDouble(),
        r.get(1).asDouble());
  }

  /** Comparisons hold everything in memory, twice (both sides): beyond this, refuse with a message. */
  public static final long MAX_NUMBERS = 20_000_000L;

  private static void requireSize(Case.DataSource data, NetworkSpec spec, twinnet.model.ConvStack convs) {
    twinnet.io.Resources.requireLayers("\"network.layers\"", spec.layers());
    long params = 0;
    for (int l = 1; l <= spec.depth(); l++) {
      params += (long) spec.size(l) * (spec.size(l - 1) + 1);
    }
    long perExample = 0; // the numbers an example makes in the conv stages (kept for the backward pass)
    if (convs != null) {
      for (int[] s : convs.shapes()) {
        perExample += (long) s[0] * s[1] * s[2];
      }
      for (int k = 1; k <= convs.convCount(); k++) {
        twinnet.model.ConvStack.Conv c = convs.convs().get(k - 1);
        params += (long) c.filters() * (c.f() * c.f() * convs.channelsInto(k) + 1);
      }
    }
    if (data instanceof Case.Generated g && perExample * g.examples() > MAX_NUMBERS) {
      throw new IllegalArgumentException("the conv stages make " + perExample + " numbers an example, "
          + perExample * g.examples() + " for the " + g.examples() + " examples; a comparison holds at most "
          + MAX_NUMBERS + " in memory: use fewer examples or smaller images");
    }
    if (params > MAX_NUMBERS) {
      throw new IllegalArgumentException("\"network.layers\" makes " + params + " parameters; a comparison holds at "
          + "most " + MAX_NUMBERS + " in memory on each side: use smaller layers");
    }
    if (data instanceof Case.Generated g) {
      long numbers = (long) g.examples() * ((convs != null ? convs.inputs() : g.inputs()) + g.outputs());
      if (numbers > MAX_NUMBERS) {
        throw new IllegalArgumentException("\"data\" would generate " + numbers + " numbers; a comparison holds at "
            + "most " + MAX_NUMBERS + " in memory: use fewer examples");
      }
    }
  }

  /** Runs a name parser (activation, loss, scheme) and prefixes its message with the field's path. */
  private static <T> T named(String path, java.util.function.Supplier<T> parser) {
    try {
      return parser.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("\"" + path + "\": " + e.getMessage());
    }
  }

  private static Case.DataSource data(JsonNode d) {
    int kinds = (Json.present(d, "generator") ? 1 : 0) + (Json.present(d, "csv") ? 1 : 0)
        + (Json.present(d, "x") || Json.present(d, "y") ? 1 : 0);
    if (kinds != 1) {
      throw new IllegalArgumentException("\"data\" needs exactly one of \"generator\", \"csv\" or inline \"x\" and "
          + "\"y\"");
    }
    if (Json.present(d, "generator")) {
      Json.onlyKnown(d, "data", Set.of("generator", "examples", "inputs", "outputs", "seed"));
      String g = Json.string(d, "data", "generator", null);
      return switch (g) {
        case "seed_quadratic" -> {
          int m = Json.integer(d, "data", "examples", 20L, false, 1, 10_000_000).intValue();
          yield new Case.Generated(g, m, 1, 1, 0);
        }
        case "iris" -> new Case.Generated(g, 150, 4, 3, 0);
        case "images", "images_flat" -> new Case.Generated(g,
            Json.integer(d, "data", "examples", null, true, 1, 1_000_000).intValue(), 0,
            Json.integer(d, "data", "outputs", null, true, 1, 64).intValue(),
            Json.integer(d, "data", "seed", 0L, false, Long.MIN_VALUE, Long.MAX_VALUE));
        case "random", "random_binary", "random_classes" -> new Case.Generated(g,
            Json.integer(d, "data", "examples", null, true, 1, 10_000_000).intValue(),
            Json.integer(d, "data", "inputs", null, true, 1, 100_000).intValue(),
            Json.integer(d, "data", "outputs", 1L, false, 1, 100_000).intValue(),
            Json.integer(d, "data", "seed", 0L, false, Long.MIN_VALUE, Long.MAX_VALUE));
        default -> throw new IllegalArgumentException("unknown \"data.generator\" \"" + g
            + "\"; use seed_quadratic, random, random_binary, random_classes, iris, images or images_flat");
      };
    }
    if (Json.present(d, "csv")) {
      Json.onlyKnown(d, "data", Set.of("csv", "features", "targets"));
      return new Case.Csv(Json.string(d, "data", "csv", null), Json.stringArray(d, "data", "features"),
          Json.stringArray(d, "data", "targets"));
    }
    Json.onlyKnown(d, "data", Set.of("x", "y"));
    Matrix x = Json.matrix(d, "data", "x");
    Matrix y = Json.matrix(d, "data", "y");
    if (x.cols() != y.cols()) {
      throw new IllegalArgumentException("\"data.x\" has " + x.cols() + " examples (columns) but \"data.y\" has "
          + y.cols() + "; both are features × examples, as in the course");
    }
    return new Case.Inline(x, y);
  }

  /** {@code network.dropout}: {"keepProb": [one per hidden layer], "seed": N}, or null. */
  private static Dropout dropout(JsonNode network) {
    JsonNode d = Json.object(network, "network", "dropout", false);
    if (d == null) {
      return null;
    }
    Json.onlyKnown(d, "network.dropout", Set.of("keepProb", "seed"));
    double[] keep = Json.numberArray(d, "network.dropout", "keepProb");
    long seed = Json.integer(d, "network.dropout", "seed", 1L, false, Long.MIN_VALUE, Long.MAX_VALUE);
    try {
      return new Dropout(keep, seed);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("\"network.dropout\": " + e.getMessage());
    }
  }

  /** {@code network.batchNorm}: {"epsilon": 1e-5, "momentum": 0.9} (DL4J's defaults), or null. */
  private static BatchNorm batchNorm(JsonNode network) {
    JsonNode b = Json.object(network, "network", "batchNorm", false);
    if (b == null) {
      return null;
    }
    Json.onlyKnown(b, "network.batchNorm", Set.of("epsilon", "momentum"));
    double eps = Json.number(b, "network.batchNorm", "epsilon", BatchNorm.DEFAULT.epsilon(), false);
    double momentum = Json.number(b, "network.batchNorm", "momentum", BatchNorm.DEFAULT.momentum(), false);
    try {
      return new BatchNorm(eps, momentum);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("\"network.batchNorm\": " + e.getMessage());
    }
  }

  private static NetworkSpec network(JsonNode n, Loss loss) {
    Json.onlyKnown(n, "network", Set.of("layers", "hidden", "output", "hiddenAlpha", "outputAlpha", "dropout",
        "batchNorm", "input", "convs"));
    int[] layers = Json.intArray(n, "network", "layers", 1);
    if (layers.length < 2) {
      throw new IllegalArgumentException("\"network.layers\" needs the input size and at least one layer, e.g. [1, 8, 1]");
    }
    String h = Json.string(n, "network", "hidden", layers.length > 2 ? null : "identity");
    String o = Json.string(n, "network", "output", null);
    Activation hidden = named("network.hidden", () -> Activation.parse(h));
    Activation output = named("network.output", () -> Activation.parse(o));
    Double ha = Json.number(n, "network", "hiddenAlpha", null, false);
    Double oa = Json.number(n, "network", "outputAlpha", null, false);
    Dropout dropout = dropout(n);
    BatchNorm batchNorm = batchNorm(n);
    try {
      return new NetworkSpec(layers, hidden, ha == null ? Double.NaN : ha, output, oa == null ? Double.NaN : oa, loss,
          dropout, batchNorm);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("\"network\": " + e.getMessage());
    }
  }

  /**
   * {@code network.input} [height, width, channels] and {@code network.convs}, a list of {"conv": {"f", "stride",
   * "pad", "filters", "activation"}} and {"pool": {"mode", "f", "stride"}}; null when there are none.
   */
  private static twinnet.model.ConvStack convs(JsonNode n, NetworkSpec spec) {
    boolean input = Json.present(n, "input");
    boolean convs = Json.present(n, "convs");
    if (!input && !convs) {
      return null;
    }
    if (input != convs) {
      throw new IllegalArgumentException("\"network.input\" ([height, width, channels]) and \"network.convs\" go "
          + "together: give both, or neither for a dense network");
    }
    int[] in = Json.intArray(n, "network", "input", 1);
    if (in.length != 3) {
      throw new IllegalArgumentException("\"network.input\" is [height, width, channels], got " + in.length
          + " numbers");
    }
    JsonNode list = n.get("convs");
    if (!list.isArray() || list.isEmpty()) {
      throw Json.bad("network.convs", "a non-empty list of {\"conv\": {…}} and {\"pool\": {…}}", list);
    }
    List<twinnet.model.ConvStack.Stage> stages = new ArrayList<>();
    for (int k = 0; k < list.size(); k++) {
      String at = "network.convs[" + k + "]";
      JsonNode e = list.get(k);
      if (!e.isObject() || e.size() != 1 || !(e.has("conv") || e.has("pool"))) {
        throw Json.bad(at, "{\"conv\": {\"f\", \"stride\", \"pad\", \"filters\", \"activation\"}} or "
            + "{\"pool\": {\"mode\", \"f\", \"stride\"}}", e);
      }
      try {
        if (e.has("conv")) {
          JsonNode c = Json.object(e, at, "conv", true);
          String p = at + ".conv";
          Json.onlyKnown(c, p, Set.of("f", "stride", "pad", "filters", "activation"));
          String act = Json.string(c, p, "activation", "identity");
          stages.add(new twinnet.model.ConvStack.Conv(Json.integer(c, p, "f", null, true, 1, 15).intValue(),
              Json.integer(c, p, "stride", 1L, false, 1, 8).intValue(), Json.integer(c, p, "pad", 0L, false, 0, 8)
                  .intValue(), Json.integer(c, p, "filters", null, true, 1, 256).intValue(), named(p + ".activation",
                      () -> Activation.parse(act))));
        } else {
          JsonNode c = Json.object(e, at, "pool", true);
          String p = at + ".pool";
          Json.onlyKnown(c, p, Set.of("mode", "f", "stride"));
          String mode = Json.string(c, p, "mode", "max");
          stages.add(new twinnet.model.ConvStack.Pool(named(p + ".mode", () -> twinnet.model.ConvStack.Pooling.of(
              mode)), Json.integer(c, p, "f", null, true, 1, 15).intValue(), Json.integer(c, p, "stride", null, true,
                  1, 8).intValue()));
        }
      } catch (IllegalArgumentException x) {
        throw x.getMessage().startsWith("\"") ? x : new IllegalArgumentException("\"" + at + "\": " + x.getMessage());
      }
    }
    twinnet.model.ConvStack stack;
    try {
      stack = new twinnet.model.ConvStack(in[0], in[1], in[2], stages);
    } catch (IllegalArgumentException x) {
      throw new IllegalArgumentException("\"network.convs\": " + x.getMessage());
    }
    if (spec.inputs() != stack.outputs()) {
      int[] last = stack.shapes().get(stages.size());
      throw new IllegalArgumentException("\"network.layers\" starts with " + spec.inputs() + ", but the conv stages "
          + "end in " + last[0] + " × " + last[1] + " × " + last[2] + " = " + stack.outputs() + " values: make "
          + "layers[0] " + stack.outputs());
    }
    return stack;
  }

  private static Case.Init init(JsonNode i, NetworkSpec spec) {
    if (i == null) {
      return new Case.Scheme(Initializer.HE, 1, "scratch");
    }
    if (Json.present(i, "W1")) {
      List<String> known = new ArrayList<>();
      List<Matrix> W = new ArrayList<>();
      List<Matrix> b = new ArrayList<>();
      for (int l = 1; l <= spec.depth(); l++) {
        known.add("W" + l);
        known.add("b" + l);
        W.add(Json.matrix(i, "init", "W" + l));
        b.add(Json.matrix(i, "init", "b" + l));
      }
      Json.onlyKnown(i, "init", Set.copyOf(known));
      try {
        Parameters p = new Parameters(W, b).withInitialNorms(spec); // γ = 1, β = 0 where batch-normalised
        p.requireFits(spec);
        return new Case.Explicit(p);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("\"init\": " + e.getMessage() + " (course layout: W[l] is n_l × n_{l−1})");
      }
    }
    Json.onlyKnown(i, "init", Set.of("scheme", "seed", "side"));
    String schemeName = Json.string(i, "init", "scheme", "he");
    Initializer scheme = named("init.scheme", () -> Initializer.parse(schemeName));
    long seed = Json.integer(i, "init", "seed", 1L, false, Long.MIN_VALUE, Long.MAX_VALUE);
    String side = Json.string(i, "init", "side", "scratch");
    if (!side.equals("scratch") && !side.equals("dl4j")) {
      throw new IllegalArgumentException("\"init.side\" must be scratch or dl4j, got \"" + side + "\"");
    }
    return new Case.Scheme(scheme, seed, side);
  }

  private static Case.Optimizer optimizer(JsonNode o) {
    Json.onlyKnown(o, "optimizer", Set.of("name", "learningRate", "batchSize", "shuffleSeed", "momentum", "beta1",
        "beta2", "epsilon", "l2"));
    String name = Json.string(o, "optimizer", "name", "gd");
    twinnet.model.Optimizer.Kind kind = named("optimizer.name", () -> twinnet.model.Optimizer.Kind.parse(name));
    twinnet.model.Optimizer d = twinnet.model.Optimizer.of(kind);
    twinnet.model.Optimizer rule;
    try {
      rule = new twinnet.model.Optimizer(kind, Json.number(o, "optimizer", "momentum", d.momentum(), false),
          Json.number(o, "optimizer", "beta1", d.beta1(), false), Json.number(o, "optimizer", "beta2", d.beta2(), false),
          Json.number(o, "optimizer", "epsilon", d.epsilon(), false), Json.number(o, "optimizer", "l2", 0.0, false));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("\"optimizer\": " + e.getMessage());
    }
    double lr = Json.number(o, "optimizer", "learningRate", null, true);
    if (lr <= 0) {
      throw new IllegalArgumentException("\"optimizer.learningRate\" must be positive, got " + lr);
    }
    Long batch = Json.integer(o, "optimizer", "batchSize", null, false, 1, Integer.MAX_VALUE);
    Long shuffle = Json.integer(o, "optimizer", "shuffleSeed", null, false, Long.MIN_VALUE, Long.MAX_VALUE);
    if (rule.l2() > 0 && batch != null) {
      throw new IllegalArgumentException("\"optimizer.l2\" needs the full batch (no \"batchSize\"): DL4J's l2 "
          + "coefficient is fixed, while the course's term (λ/m)·W follows each batch's m");
    }
    return new Case.Optimizer(name, lr, batch == null ? null : batch.intValue(), shuffle, rule);
  }

  private static Tolerances tolerances(JsonNode t) {
    Tolerances d = Tolerances.DEFAULT;
    if (t == null) {
      return d;
    }
    Json.onlyKnown(t, "tolerances", Set.of("loss", "gradient", "trajectory", "parameters", "roundingFloor"));
    return new Tolerances(tol(t, "loss", d.loss()), tol(t, "gradient", d.gradient()),
        tol(t, "trajectory", d.trajectory()), tol(t, "parameters", d.parameters()),
        tol(t, "roundingFloor", d.roundingFloor()));
  }

  private static double tol(JsonNode t, String field, double fallback) {
    double v = Json.number(t, "tolerances", field, fallback, false);
    if (v < 0 || v >= 1) {
      throw new IllegalArgumentException("\"tolerances." + field + "\" must be in [0, 1), got " + v);
    }
    return v;
  }
}
