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
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import twinnet.dl4j.Dl4jNetwork;
import twinnet.model.Activation;
import twinnet.model.Initializer;
import twinnet.model.Loss;
import twinnet.model.Matrix;
import twinnet.model.Network;
import twinnet.model.NetworkSpec;
import twinnet.model.Optimizer;
import twinnet.model.Parameters;
import twinnet.report.ReportWriter;
import twinnet.scratch.ScratchNetwork;

/**
 * A run's checkpoint, {@code OUT.checkpoint/}: where it stands ({@code checkpoint.json}: settings, data
 * file and columns, epoch and step, history, best epoch), the best parameters, and the network with its
 * optimizer's state (scratch: JSON, exact; dl4j: ModelSerializer with the updater). Written into a
 * temporary folder and moved into place, so a crash mid-write leaves the previous checkpoint whole.
 */
public final class Checkpoints {
  private Checkpoints() {}

  private static final ObjectMapper M = new ObjectMapper();
  static final String FORMAT = "twinnet.checkpoint/1";

  public static Path folder(Path out) {
    return out.toAbsolutePath().resolveSibling(out.getFileName() + ".checkpoint");
  }

  /** What a resumed run needs besides the state. */
  /**
   * @param data a local path, or for the spark backend any URI Spark's text reader takes (hdfs://…)
   * @param spark the spark backend's settings (null for the other backends)
   * @param stream whether the dl4j backend streams the file (train --stream)
   */
  public record Run(TrainSettings settings, String data, List<String> features, List<String> targets,
      SparkSettings spark, boolean stream) {
    public Run(TrainSettings settings, Path data, List<String> features, List<String> targets) {
      this(settings, data.toAbsolutePath().toString(), features, targets, null, false);
    }

    public Run(TrainSettings settings, String data, List<String> features, List<String> targets,
        SparkSettings spark) {
      this(settings, data, features, targets, spark, false);
    }

    /** The data as a local path (the scratch and dl4j backends read local files). */
    public Path dataPath() {
      return Path.of(data);
    }

    /** The network it trains: [features, hidden…, targets]. */
    public NetworkSpec spec() {
      return settings.spec(features.size(), targets.size());
    }
  }

  public static void save(Path out, Run run, Trainer.State st) {
    Path target = folder(out);
    Path tmp = null;
    try {
      tmp = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + "-");
      ObjectNode c = M.createObjectNode();
      c.put("format", FORMAT);
      TrainSettings s = run.settings();
      ObjectNode so = c.putObject("settings");
      so.put("backend", s.backend());
      so.set("hiddenSizes", M.valueToTree(s.hiddenSizes()));
      so.put("hidden", s.hidden().id());
      so.put("output", s.output().id());
      so.put("loss", s.loss().id());
      ObjectNode opt = so.putObject("optimizer");
      opt.put("kind", s.optimizer().kind().id());
      opt.put("momentum", s.optimizer().momentum());
      opt.put("beta1", s.optimizer().beta1());
      opt.put("beta2", s.optimizer().beta2());
      opt.put("epsilon", s.optimizer().epsilon());
      opt.put("l2", s.optimizer().l2());
      so.put("learningRate", s.learningRate());
      so.put("batchSize", s.batchSize());
      so.put("epochs", s.epochs());
      so.put("validation", s.validation());
      so.put("seed", s.seed());
      so.put("patience", s.patience());
      so.put("init", s.init().id());
      so.put("maxScratchNumbers", s.maxScratchNumbers());
      c.put("data", run.data());
      c.put("stream", run.stream());
      if (run.spark() != null) {
        ObjectNode sp = c.putObject("spark");
        sp.put("master", run.spark().master());
        sp.put("trainingMaster", run.spark().trainingMaster());
        sp.put("workers", run.spark().workers());
        sp.put("averagingFrequency", run.spark().averagingFrequency());
      }
      c.set("features", M.valueToTree(run.features()));
      c.set("targets", M.valueToTree(run.targets()));
      c.put("epoch", st.epoch());
      c.put("step", st.step());
      c.put("lossSum", st.lossSum());
      c.put("best", st.best());
      c.put("bestEpoch", st.bestEpoch());
      ArrayNode h = c.putArray("history");
      for (Trainer.Epoch e : st.history()) {
        h.add(M.valueToTree(new double[] {e.epoch(), e.trainLoss(), e.train().mse(), e.train().mae(), e.train().r2(),
            e.validation().mse(), e.validation().mae(), e.validation().r2()}));
      }
      c.set("bestParams", params(st.bestParams()));
      if (st.network() instanceof Dl4jNetwork d) {
        ModelSerializer.writeModel(d.dl4j(), tmp.resolve("network.zip").toFile(), true);
      } else {
        ScratchNetwork sn = (ScratchNetwork) st.network();
        c.set("params", params(sn.parameters()));
        ScratchNetwork.OptimizerState os = sn.optimizerState();
        c.set("v", matrices(os.v()));
        c.set("s", matrices(os.s()));
        c.put("t", os.t());
      }
      Files.writeString(tmp.resolve("checkpoint.json"), M.writeValueAsString(c), StandardCharsets.UTF_8);
      ReportWriter.moveIntoPlace(tmp, target, true);
      tmp = null;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot write the checkpoint " + target + " (" + e.getMessage() + ")");
    } finally {
      if (tmp != null) {
        tmp.toFile().delete();
      }
    }
  }

  private static JsonNode params(Parameters p) {
    ObjectNode o = M.createObjectNode();
    o.set("W", matrices(p.weights()));
    o.set("b", matrices(p.biases()));
    return o;
  }

  private static ArrayNode matrices(List<Matrix> list) {
    ArrayNode a = M.createArrayNode();
    for (Matrix m : list) {
      a.add(m == null ? M.nullNode() : M.valueToTree(m.toArray()));
    }
    return a;
  }

  private static List<Matrix> matrices(JsonNode a) throws IOException {
    List<Matrix> out = new ArrayList<>();
    for (JsonNode n : a) {
      out.add(n.isNull() ? null : Matrix.of(M.treeToValue(n, double[][].class)));
    }
    return out;
  }

  private static Parameters params(JsonNode n) throws IOException {
    return new Parameters(matrices(n.get("W")), matrices(n.get("b")));
  }

  /** Reads {@code OUT.checkpoint}: the run's settings and the state to continue from. */
  public static Run load(Path out, java.util.function.Consumer<Trainer.State> into) {
    Path dir = folder(out);
    try {
      JsonNode c = M.readTree(Files.readString(dir.resolve("checkpoint.json")));
      if (!FORMAT.equals(c.path("format").asText())) {
        throw new IllegalArgumentException(dir + " is a checkpoint of another format; start the run again");
      }
      JsonNode so = c.get("settings");
      JsonNode o = so.get("optimizer");
      Optimizer opt = new Optimizer(Optimizer.Kind.parse(o.get("kind").asText()), o.get("momentum").asDouble(),
          o.get("beta1").asDouble(), o.get("beta2").asDouble(), o.get("epsilon").asDouble(), o.get("l2").asDouble());
      TrainSettings s = new TrainSettings(so.get("backend").asText(), M.treeToValue(so.get("hiddenSizes"), int[].class),
          Activation.parse(so.get("hidden").asText()), Activation.parse(so.get("output").asText()),
          Loss.parse(so.get("loss").asText()), opt, so.get("learningRate").asDouble(), so.get("batchSize").asInt(),
          so.get("epochs").asInt(), so.get("validation").asDouble(), so.get("seed").asLong(),
          so.get("patience").asInt(), Initializer.parse(so.get("init").asText()), so.get("maxScratchNumbers").asLong());
      JsonNode sp = c.get("spark");
      SparkSettings spark = sp == null ? null : new SparkSettings(sp.get("master").asText(),
          sp.get("trainingMaster").asText(), sp.get("workers").asInt(), sp.get("averagingFrequency").asInt());
      Run run = new Run(s, c.get("data").asText(), List.of(M.treeToValue(c.get("features"), String[].class)),
          List.of(M.treeToValue(c.get("targets"), String[].class)), spark, c.path("stream").asBoolean(false));
      NetworkSpec spec = run.spec();
      Network net;
      if (!s.backend().equals("scratch")) { // dl4j and spark: DL4J's own zip, with the updater's state
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(dir.resolve("network.zip").toFile(), true);
        net = Dl4jNetwork.wrap(spec, restored, opt, s.batchSize());
      } else {
        ScratchNetwork sn = new ScratchNetwork(spec, params(c.get("params")), opt);
        sn.restoreOptimizerState(new ScratchNetwork.OptimizerState(matrices(c.get("v")), matrices(c.get("s")),
            c.get("t").asInt()));
        net = sn;
      }
      List<Trainer.Epoch> history = new ArrayList<>();
      for (JsonNode e : c.get("history")) {
        double[] v = M.treeToValue(e, double[].class);
        history.add(new Trainer.Epoch((int) v[0], v[1], new Metrics(v[2], v[3], v[4]), new Metrics(v[5], v[6], v[7])));
      }
      into.accept(new Trainer.State(c.get("epoch").asInt(), c.get("step").asInt(), c.get("lossSum").asDouble(),
          history, c.get("best").asDouble(), c.get("bestEpoch").asInt(), params(c.get("bestParams")), net));
      return run;
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IllegalArgumentException("no checkpoint at " + dir + "; train with --checkpoint-every N (or stop a "
          + "run with Ctrl-C) to get one");
    } catch (IOException | RuntimeException e) {
      if (e instanceof IllegalArgumentException iae) {
        throw iae;
      }
      throw new IllegalArgumentException("the checkpoint " + dir + " cannot be read (" + e.getMessage() + ")");
    }
  }
}
