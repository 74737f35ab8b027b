package twinnet.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import twinnet.dl4j.Dl4jNetwork;
import twinnet.model.Activation;
import twinnet.model.Loss;
import twinnet.model.Matrix;
import twinnet.model.Network;
import twinnet.model.NetworkSpec;
import twinnet.model.Parameters;
import twinnet.report.Charts;
import twinnet.report.ReportWriter;
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
  public record Loaded(String backend, NetworkSpec spec, Network network, Standardizer standardizer,
      List<String> features, List<String> targets, JsonNode manifest) {
    public Matrix predict(Matrix X) {
      return standardizer.yBack(network.predict(standardizer.x(X)));
    }
  }

  public static Path save(Trainer.Trained t, Path dir, boolean overwrite) {
    TrainSettings s = t.settings();
    // a model trained on Spark is an ordinary DL4J model
    ObjectNode manifest = manifest(s.backend().equals("spark") ? "dl4j" : s.backend(), t.spec(), t.standardizer(),
        t.features(), t.targets());
    manifest.put("trainedOn", s.backend());
    ObjectNode settings = manifest.putObject("settings");
    settings.put("optimizer", s.optimizer().kind().id());
    settings.put("learningRate", s.learningRate());
    settings.put("batchSize", s.batchSize());
    settings.put("epochs", s.epochs());
    settings.put("validation", s.validation());
    settings.put("seed", s.seed());
    settings.put("patience", s.patience());
    settings.put("l2", s.optimizer().l2());
    manifest.put("bestEpoch", t.bestEpoch());
    StringBuilder csv = new StringBuilder("epoch,train_loss,train_mse,train_mae,train_r2,val_mse,val_mae,val_r2\n");
    List<double[]> curves = new ArrayList<>();
    for (Trainer.Epoch e : t.history()) {
      csv.append(e.epoch()).append(',').append(e.trainLoss()).append(',').append(e.train().mse()).append(',')
          .append(e.train().mae()).append(',').append(e.train().r2()).append(',').append(e.validation().mse())
          .append(',').append(e.validation().mae()).append(',').append(e.validation().r2()).append('\n');
      curves.add(new double[] {e.epoch(), e.train().mse(), e.validation().mse()});
    }
    byte[] png = Charts.lossCurves("learning curves (MSE in the targets' units)", List.of(
        new Charts.Series("train", col(curves, 0), col(curves, 1), Charts.Style.LINE, 0),
        new Charts.Series("validation", col(curves, 0), col(curves, 2), Charts.Style.DASHED, 1)));
    return write(dir, overwrite, manifest, t.network(), csv.toString(), png);
  }

  private static double[] col(List<double[]> rows, int c) {
    return rows.stream().mapToDouble(r -> r[c]).toArray();
  }

  private static ObjectNode manifest(String backend, NetworkSpec spec, Standardizer std, List<String> features,
      List<String> targets) {
    ObjectNode m = M.createObjectNode();
    m.put("format", FORMAT);
    m.put("backend", backend);
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

  private static Path write(Path dir, boolean overwrite, ObjectNode manifest, Network net, String csv, byte[] png) {
    Path parent = dir.toAbsolutePath().getParent();
    ReportWriter.checkTarget(parent, dir.getFileName().toString(), overwrite);
    Path tmp = null;
    try {
      tmp = Files.createTempDirectory(parent, "." + dir.getFileName() + "-");
      Files.writeString(tmp.resolve("model.json"), M.writerWithDefaultPrettyPrinter().writeValueAsString(manifest),
          StandardCharsets.UTF_8);
      if (manifest.get("backend").asText().equals("dl4j")) {
        ModelSerializer.writeModel(((Dl4jNetwork) net).dl4j(), tmp.resolve("model.zip").toFile(), true);
      } else {
        ObjectNode w = M.createObjectNode();
        Parameters p = net.parameters();
        for (int l = 1; l <= p.depth(); l++) {
          w.set("W" + l, M.valueToTree(p.W(l).toArray()));
          w.set("b" + l, M.valueToTree(p.b(l).toArray()));
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
      ReportWriter.moveIntoPlace(tmp, dir.toAbsolutePath(), overwrite);
      tmp = null;
      return dir;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot write the model to " + dir + " (" + e.getMessage() + ")");
    } finally {
      if (tmp != null) {
        try (var walk = Files.walk(tmp)) {
          walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
          // a leftover hidden folder is harmless
        }
      }
    }
  }

  public static Loaded load(Path dir) {
    JsonNode m;
    try {
      m = M.readTree(Files.readString(dir.resolve("model.json")));
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(dir + " is not a twinnet model directory (no model.json); train one with "
          + "'twinnet train'");
    } catch (IOException e) {
      throw new IllegalArgumentException(dir + "/model.json cannot be read (" + e.getMessage() + ")");
    }
    if (!FORMAT.equals(m.path("format").asText())) {
      throw new IllegalArgumentException(dir + " holds a model of format \"" + m.path("format").asText("none")
          + "\", not " + FORMAT + ": retrain it with this version of twinnet");
    }
    try {
      JsonNode sp = m.get("spec");
      int[] layers = M.treeToValue(sp.get("layers"), int[].class);
      NetworkSpec spec = new NetworkSpec(layers, Activation.parse(sp.get("hidden").asText()),
          sp.get("hiddenAlpha").asDouble(Double.NaN), Activation.parse(sp.get("output").asText()),
          sp.get("outputAlpha").asDouble(Double.NaN), Loss.parse(sp.get("loss").asText()));
      JsonNode st = m.get("standardization");
      Standardizer std = new Standardizer(M.treeToValue(st.get("meanX"), double[].class),
          M.treeToValue(st.get("sdX"), double[].class), M.treeToValue(st.get("meanY"), double[].class),
          M.treeToValue(st.get("sdY"), double[].class));
      List<String> features = List.of(M.treeToValue(m.get("features"), String[].class));
      List<String> targets = List.of(M.treeToValue(m.get("targets"), String[].class));
      String backend = m.get("backend").asText();
      Network net;
      if (backend.equals("dl4j")) {
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(dir.resolve("model.zip").toFile());
        net = Dl4jNetwork.wrap(spec, restored, twinnet.model.Optimizer.GD, 0);
      } else {
        JsonNode w = M.readTree(Files.readString(dir.resolve("weights.json")));
        List<Matrix> W = new ArrayList<>();
        List<Matrix> b = new ArrayList<>();
        for (int l = 1; l <= spec.depth(); l++) {
          W.add(Matrix.of(M.treeToValue(w.get("W" + l), double[][].class)));
          b.add(Matrix.of(M.treeToValue(w.get("b" + l), double[][].class)));
        }
        net = new ScratchNetwork(spec, new Parameters(W, b));
      }
      return new Loaded(backend, spec, net, std, features, targets, m);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(dir + " holds a damaged model (" + e.getMessage() + "); retrain it");
    }
  }

  /** The same model in the other backend's format, written to {@code out}. */
  public static Path convert(Path in, Path out, boolean overwrite) {
    Loaded l = load(in);
    String other = l.backend().equals("dl4j") ? "scratch" : "dl4j";
    ObjectNode manifest = (ObjectNode) l.manifest().deepCopy();
    manifest.put("backend", other);
    manifest.put("convertedFrom", l.backend());
    Parameters p = l.network().parameters();
    Network net = other.equals("dl4j") ? Dl4jNetwork.withParameters(l.spec(), p) : new ScratchNetwork(l.spec(), p);
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
      throw new IllegalArgumentException("cannot read " + in + " (" + e.getMessage() + ")");
    }
    return write(out, overwrite, manifest, net, csv, png);
  }
}
