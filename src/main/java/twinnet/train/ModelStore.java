package twinnet.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.util.ModelSerializer;
import twinnet.dl4j.Dl4jNetwork;
import twinnet.model.Activation;
import twinnet.model.Loss;
import twinnet.model.Matrix;
import twinnet.model.Network;
import twinnet.model.NetworkSpec;
import twinnet.model.Parameters;
import twinnet.io.JsonFile;
import twinnet.io.Outputs;
import twinnet.io.Resources;
import twinnet.scratch.ScratchNetwork;

/**
 * A model directory: {@code model.json} (format {@value #FORMAT}: backend, network, feature and target
 * columns, standardisation, settings, final metrics), the weights in the backend's own format
 * ({@code weights.json} in the course's layout for scratch, DL4J's {@code model.zip} from
 * {@code ModelSerializer} for dl4j), {@code metrics.csv} and {@code learning-curves.png}. Written into a
 * temporary folder and moved into place.
 */
public final class ModelStore {
  private ModelStore() {}

  public static final String FORMAT = "twinnet.model/1";
  private static final ObjectMapper M = new ObjectMapper();

  /** A model read back: its backend's network and what it needs to predict in the targets' units. */
  public record Loaded(Backend backend, NetworkSpec spec, Network network, Standardizer standardizer,
      List<String> features, List<String> targets, JsonNode manifest) {
    public Matrix predict(Matrix X) {
      return standardizer.predict(network, X);
    }
  }

  /** Writes a trained model to the directory {@code dir} (an earlier model there replaced only when asked). */
  public static Path save(Trainer.Trained t, Path dir, boolean overwrite) {
    return save(t, Outputs.check(dir, Outputs.Kind.MODEL, overwrite, List.of()), null);
  }

  /**
   * Writes a trained model to {@code target} (checked beforehand with {@link Outputs#check}: a model
   * directory, replaced only when it is one and --overwrite was given).
   *
   * @param learningCurves the chart of the learning curves, drawn by the caller (null: none)
   */
  public static Path save(Trainer.Trained t, Outputs.Target target, byte[] learningCurves) {
    TrainSettings s = t.settings();
    // a model trained on Spark is an ordinary DL4J model
    ObjectNode manifest = manifest(s.backend() == Backend.SPARK ? Backend.DL4J : s.backend(), t.spec(),
        t.standardizer(), t.features(), t.targets());
    manifest.put("trainedOn", s.backend().id());
    manifest.set("settings", SettingsJson.write(s)); // as in the checkpoint (what a model was trained with)
    manifest.put("bestEpoch", t.bestEpoch());
    StringBuilder csv = new StringBuilder("epoch,train_loss,train_mse,train_mae,train_r2,val_mse,val_mae,val_r2\n");
    for (Epoch e : t.history()) {
      csv.append(e.epoch()).append(',').append(e.trainLoss()).append(',').append(e.train().mse()).append(',')
          .append(e.train().mae()).append(',').append(e.train().r2()).append(',').append(e.validation().mse())
          .append(',').append(e.validation().mae()).append(',').append(e.validation().r2()).append('\n');
    }
    return write(target, manifest, s.backend() == Backend.SPARK ? Backend.DL4J : s.backend(), t.network(),
        csv.toString(), learningCurves);
  }

  private static ObjectNode manifest(Backend backend, NetworkSpec spec, Standardizer std, List<String> features,
      List<String> targets) {
    ObjectNode m = M.createObjectNode();
    m.put("format", FORMAT);
    m.put("backend", backend.id());
    ObjectNode sp = m.putObject("spec");
    ArrayNode layers = sp.putArray("layers");
    for (int n : spec.layers()) {
      layers.add(n);
    }
    sp.put("hidden", spec.hidden().id());
    sp.put("hiddenAlpha", spec.hiddenAlpha());
    sp.put("output", spec.output().id());
    sp.put("outputAlpha", spec.outputAlpha());
    sp.put("loss", spec.loss().id());
    if (spec.batchNorm() != null) {
      ObjectNode bn = sp.putObject("batchNorm");
      bn.put("epsilon", spec.batchNorm().epsilon());
      bn.put("momentum", spec.batchNorm().momentum());
    }
    if (spec.dropout() != null) { // training only: nothing is dropped at prediction time
      ObjectNode d = sp.putObject("dropout");
      put(d.putArray("keepProb"), spec.dropout().keepProb());
      d.put("seed", spec.dropout().seed());
    }
    features.forEach(m.putArray("features")::add);
    targets.forEach(m.putArray("targets")::add);
    ObjectNode st = m.putObject("standardization");
    put(st.putArray("meanX"), std.meanX());
    put(st.putArray("sdX"), std.sdX());
    put(st.putArray("meanY"), std.meanY());
    put(st.putArray("sdY"), std.sdY());
    return m;
  }

  private static void put(ArrayNode a, double[] v) {
    for (double x : v) {
      a.add(x);
    }
  }

  /** Writes a model directory: the manifest, and the weights in {@code backend}'s format. */
  private static Path write(Outputs.Target target, ObjectNode manifest, Backend backend, Network net, String csv,
      byte[] png) {
    return Outputs.writeFolder(target, tmp -> {
      Files.writeString(tmp.resolve("model.json"), M.writerWithDefaultPrettyPrinter().writeValueAsString(manifest),
          StandardCharsets.UTF_8);
      if (backend == Backend.DL4J) {
        ModelSerializer.writeModel(((Dl4jNetwork) net).dl4j(), tmp.resolve("model.zip").toFile(), true);
      } else {
        ObjectNode w = M.createObjectNode();
        // W1, b1, W2, …; a batch-normalised layer: W, gamma, beta and the running mean and var instead of b
        for (Parameters.Tensor t : net.parameters().tensors()) {
          w.set(t.name(), M.valueToTree(t.value().toArray()));
        }
        Files.writeString(tmp.resolve("weights.json"), M.writerWithDefaultPrettyPrinter().writeValueAsString(w),
            StandardCharsets.UTF_8);
      }
      if (csv != null) {
        Files.writeString(tmp.resolve("metrics.csv"), csv, StandardCharsets.UTF_8);
      }
      if (png != null) {
        Files.write(tmp.resolve("learning-curves.png"), png);
      }
    });
  }

  /** What to do about a model directory that cannot be read. */
  private static final String RETRAIN = "retrain the model with 'twinnet train'";

  /**
   * Reads a model directory back, checking every field: a damaged, truncated or hand-edited
   * {@code model.json}, {@code weights.json} or {@code model.zip} is one sentence naming the file.
   */
  public static Loaded load(Path dir) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new IllegalArgumentException(dir + " is a file; --model takes a model directory written by 'twinnet "
          + "train'");
    }
    if (!Files.isRegularFile(dir.resolve("model.json"))) {
      throw new IllegalArgumentException(dir + " is not a twinnet model directory (no model.json); train one with "
          + "'twinnet train'");
    }
    twinnet.io.Stop.check("reading the model " + dir);
    JsonFile m = JsonFile.read(dir.resolve("model.json"), RETRAIN);
    if (!m.has("format") || !FORMAT.equals(m.root().path("format").asText())) {
      throw new IllegalArgumentException(dir + " holds a model of format \"" + m.root().path("format").asText("none")
          + "\", not " + FORMAT + ": retrain it with this version of twinnet");
    }
    int[] layers = m.integers("spec.layers", 1, Resources.MAX_WIDTH);
    if (layers.length < 2 || layers.length - 1 > Resources.MAX_DEPTH) {
      throw m.bad("spec.layers", "2 to " + (Resources.MAX_DEPTH + 1) + " layer sizes");
    }
    NetworkSpec spec;
    try {
      spec = new NetworkSpec(layers, Activation.parse(m.text("spec.hidden")), m.numberOrNaN("spec.hiddenAlpha"),
          Activation.parse(m.text("spec.output")), m.numberOrNaN("spec.outputAlpha"), Loss.parse(m.text("spec.loss")),
          !m.has("spec.dropout") ? null : new twinnet.model.Dropout(m.numbers("spec.dropout.keepProb"),
              m.integer("spec.dropout.seed", Long.MIN_VALUE, Long.MAX_VALUE)),
          !m.has("spec.batchNorm") ? null : new twinnet.model.BatchNorm(m.number("spec.batchNorm.epsilon"),
              m.number("spec.batchNorm.momentum")));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(m.file() + ": " + e.getMessage() + "; " + RETRAIN);
    }
    List<String> features = m.strings("features");
    List<String> targets = m.strings("targets");
    if (features.size() != spec.size(0) || targets.size() != spec.size(spec.depth())) {
      throw new IllegalArgumentException(m.file() + ": " + features.size() + " feature(s) and " + targets.size()
          + " target(s) for a network of " + java.util.Arrays.toString(layers) + "; " + RETRAIN);
    }
    Standardizer std = new Standardizer(vector(m, "standardization.meanX", features.size()),
        vector(m, "standardization.sdX", features.size()), vector(m, "standardization.meanY", targets.size()),
        vector(m, "standardization.sdY", targets.size()));
    Backend backend = switch (m.text("backend")) {
      case "dl4j" -> Backend.DL4J;
      case "scratch" -> Backend.SCRATCH;
      default -> throw m.bad("backend", "\"scratch\" or \"dl4j\"");
    };
    Network net;
    if (backend == Backend.DL4J) {
      net = Dl4jNetwork.restore(spec, dir.resolve("model.zip"), false, twinnet.model.Optimizer.GD, 0, RETRAIN);
    } else {
      JsonFile w = JsonFile.read(dir.resolve("weights.json"), RETRAIN);
      List<Matrix> W = new ArrayList<>();
      List<Matrix> b = new ArrayList<>();
      List<Parameters.Norm> norms = new ArrayList<>();
      for (int l = 1; l <= spec.depth(); l++) {
        int n = spec.size(l);
        W.add(Matrix.of(w.matrix("W" + l, n, spec.size(l - 1))));
        if (spec.normalises(l)) {
          b.add(Matrix.zeros(n, 1));
          norms.add(new Parameters.Norm(Matrix.of(w.matrix("gamma" + l, n, 1)), Matrix.of(w.matrix("beta" + l, n, 1)),
              Matrix.of(w.matrix("mean" + l, n, 1)), Matrix.of(w.matrix("var" + l, n, 1))));
        } else {
          b.add(Matrix.of(w.matrix("b" + l, n, 1)));
          norms.add(null);
        }
      }
      net = new ScratchNetwork(spec, new Parameters(W, b, norms));
    }
    return new Loaded(backend, spec, net, std, features, targets, m.root());
  }

  private static double[] vector(JsonFile m, String path, int n) {
    double[] v = m.numbers(path);
    if (v.length != n) {
      throw m.bad(path, n + " numbers");
    }
    return v;
  }

  /** The same model in the other backend's format, written to the directory {@code out}. */
  public static Path convert(Path in, Path out, boolean overwrite) {
    return convert(in, Outputs.check(out, Outputs.Kind.MODEL, overwrite, List.of(in)));
  }

  /** The same model in the other backend's format, written to {@code target}. */
  public static Path convert(Path in, Outputs.Target target) {
    Loaded l = load(in);
    Backend other = l.backend() == Backend.DL4J ? Backend.SCRATCH : Backend.DL4J;
    ObjectNode manifest = (ObjectNode) l.manifest().deepCopy();
    manifest.put("backend", other.id());
    manifest.put("convertedFrom", l.backend().id());
    Parameters p = l.network().parameters();
    twinnet.io.Stop.check("converting " + in + " to a " + other.id() + " model");
    Network net = other == Backend.DL4J ? Dl4jNetwork.withParameters(l.spec(), p) : new ScratchNetwork(l.spec(), p);
    String csv = null;
    byte[] png = null;
    try {
      if (Files.exists(in.resolve("metrics.csv"))) {
        csv = Files.readString(in.resolve("metrics.csv"));
      }
      if (Files.exists(in.resolve("learning-curves.png"))) {
        png = Files.readAllBytes(in.resolve("learning-curves.png"));
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + in + " (" + Outputs.reason(e) + ")");
    }
    return write(target, manifest, other, net, csv, png);
  }
}
