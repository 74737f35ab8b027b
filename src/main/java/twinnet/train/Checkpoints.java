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
import twinnet.model.Matrix;
import twinnet.model.Network;
import twinnet.model.NetworkSpec;
import twinnet.model.Parameters;
import twinnet.io.JsonFile;
import twinnet.io.Outputs;
import twinnet.io.Resources;
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

  /**
   * What a resumed run needs besides the state.
   *
   * @param data a local path, or for the spark backend any URI Spark's text reader takes (hdfs://…)
   * @param spark the spark backend's settings (null for the other backends)
   * @param stream whether the dl4j backend streams the file (train --stream)
   * @param dataChecksum the local data file's {@link #checksum} when the run started (null for a URI): a
   *     run resumes only on the same data
   */
  public record Run(TrainSettings settings, String data, List<String> features, List<String> targets,
      SparkSettings spark, boolean stream, String dataChecksum) {
    public Run(TrainSettings settings, Path data, List<String> features, List<String> targets) {
      this(settings, data.toAbsolutePath().toString(), features, targets, null, false, null);
    }

    public Run(TrainSettings settings, String data, List<String> features, List<String> targets,
        SparkSettings spark) {
      this(settings, data, features, targets, spark, false, null);
    }

    public Run(TrainSettings settings, String data, List<String> features, List<String> targets,
        SparkSettings spark, boolean stream) {
      this(settings, data, features, targets, spark, stream, null);
    }

    /** The data as a local path (the scratch and dl4j backends read local files). */
    public Path dataPath() {
      return Path.of(data);
    }

    /** Whether the data is a URI for Spark rather than a local file. */
    public boolean dataIsUri() {
      return data.contains("://") || data.startsWith("file:");
    }

    /** The network it trains: [features, hidden…, targets]. */
    public NetworkSpec spec() {
      return settings.spec(features.size(), targets.size());
    }
  }

  /** A checksum of a local file (its size and CRC-32C), read in blocks; Ctrl-C stops it. */
  public static String checksum(Path file) {
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    long size = 0;
    byte[] buf = new byte[1 << 20];
    try (var in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        crc.update(buf, 0, n);
        size += n;
        twinnet.io.Stop.check("checksumming " + file);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read it (" + Outputs.reason(e) + ")");
    }
    return size + ":" + Long.toHexString(crc.getValue());
  }

  /** A resumed run trains on the file it started with, byte for byte. */
  public static void requireSameData(Run run) {
    if (run.dataChecksum() == null || run.dataIsUri()) {
      return;
    }
    Path file = run.dataPath();
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("the checkpoint's data file " + file + " is gone; put it back to resume, "
          + "or start again without --resume");
    }
    if (!checksum(file).equals(run.dataChecksum())) {
      throw new IllegalArgumentException(file + " changed since the checkpoint was written (its size or checksum "
          + "differ): resuming would continue on other data; restore the file, or start again with --overwrite");
    }
  }

  /** OUT.checkpoint left by an interrupted run is continued with --resume, or replaced with --overwrite. */
  public static void requireNoStale(Path out, boolean overwrite, List<Path> inputs) {
    Path folder = folder(out);
    if (Outputs.Kind.CHECKPOINT.recognises(folder) && !overwrite) {
      throw new IllegalArgumentException(folder + " holds the checkpoint of an interrupted run: continue it with "
          + "--resume " + out + ", or pass --overwrite to start again");
    }
    Outputs.check(folder, Outputs.Kind.CHECKPOINT, overwrite, inputs, "the checkpoint folder");
  }

  /** Writes (or replaces) {@code OUT.checkpoint}: a whole checkpoint, or the previous one left as it was. */
  public static void save(Path out, Run run, Trainer.State st) {
    Path target = folder(out);
    Outputs.Target t = Outputs.check(target, Outputs.Kind.CHECKPOINT, true,
        run.dataIsUri() ? List.of() : List.of(run.dataPath()), "the checkpoint");
    Outputs.writeFolder(t, tmp -> {
      ObjectNode c = M.createObjectNode();
      c.put("format", FORMAT);
      c.set("settings", SettingsJson.write(run.settings()));
      c.put("data", run.data());
      if (run.dataChecksum() != null) {
        c.put("dataChecksum", run.dataChecksum());
      }
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
      for (Epoch e : st.history()) {
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
        c.put("stepsTaken", sn.stepsTaken()); // the step whose dropout masks come next
      }
      Files.writeString(tmp.resolve("checkpoint.json"), M.writeValueAsString(c), StandardCharsets.UTF_8);
    });
  }

  private static JsonNode params(Parameters p) {
    ObjectNode o = M.createObjectNode();
    o.set("W", matrices(p.weights()));
    o.set("b", matrices(p.biases()));
    if (p.hasNorms()) { // per layer [γ, β, running mean, running variance], null where not batch-normalised
      ArrayNode n = o.putArray("norms");
      for (Parameters.Norm x : p.norms()) {
        n.add(x == null ? M.nullNode() : matrices(List.of(x.gamma(), x.beta(), x.mean(), x.var())));
      }
    }
    return o;
  }

  private static ArrayNode matrices(List<Matrix> list) {
    ArrayNode a = M.createArrayNode();
    for (Matrix m : list) {
      a.add(m == null ? M.nullNode() : M.valueToTree(m.toArray()));
    }
    return a;
  }

  /** What to do about a checkpoint that cannot be read. */
  private static final String RESTART = "delete the checkpoint folder and start the run again";

  /**
   * An optimizer's moments as {@link #matrices(List)} wrote them: none (plain gradient descent), or one per
   * tensor W1, b1, W2, b2, … of the network's shapes, null where unused.
   */
  private static List<Matrix> moments(JsonFile f, String path, Parameters like) {
    JsonNode a = f.root().path(path);
    List<Parameters.Tensor> t = like.trainable(); // one moment per trainable tensor, of its shape
    if (!a.isArray() || (a.size() != 0 && a.size() != t.size())) {
      throw f.bad(path, "a list of 0 or " + t.size() + " matrices");
    }
    List<Matrix> out = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      JsonNode n = a.get(i);
      Matrix shape = t.get(i).value();
      out.add(n.isNull() ? null : Matrix.of(f.matrix(path + "[" + i + "]", n, shape.rows(), shape.cols())));
    }
    return out;
  }

  /** Parameters stored as {"W": [...], "b": [...]} for a network of {@code layers}. */
  private static Parameters params(JsonFile f, String path, int[] layers) {
    JsonNode o = f.root().path(path);
    if (!o.isObject()) {
      throw f.bad(path, "an object with W and b");
    }
    List<Matrix> W = new ArrayList<>();
    List<Matrix> b = new ArrayList<>();
    int L = layers.length - 1;
    if (!o.path("W").isArray() || o.path("W").size() != L || !o.path("b").isArray() || o.path("b").size() != L) {
      throw f.bad(path, "an object with " + L + " W and " + L + " b");
    }
    List<Parameters.Norm> norms = new ArrayList<>();
    for (int l = 1; l <= L; l++) {
      W.add(Matrix.of(f.matrix(path + ".W[" + (l - 1) + "]", o.path("W").get(l - 1), layers[l], layers[l - 1])));
      b.add(Matrix.of(f.matrix(path + ".b[" + (l - 1) + "]", o.path("b").get(l - 1), layers[l], 1)));
      JsonNode n = o.path("norms").path(l - 1);
      if (n.isArray() && n.size() == 4) {
        String at = path + ".norms[" + (l - 1) + "]";
        norms.add(new Parameters.Norm(Matrix.of(f.matrix(at + "[0]", n.get(0), layers[l], 1)),
            Matrix.of(f.matrix(at + "[1]", n.get(1), layers[l], 1)), Matrix.of(f.matrix(at + "[2]", n.get(2), layers[l], 1)),
            Matrix.of(f.matrix(at + "[3]", n.get(3), layers[l], 1))));
      } else if (n.isMissingNode() || n.isNull()) {
        norms.add(null);
      } else {
        throw f.bad(path + ".norms[" + (l - 1) + "]", "null or [γ, β, mean, var]");
      }
    }
    try {
      return new Parameters(W, b, norms);
    } catch (IllegalArgumentException e) {
      throw f.bad(path, "parameters that fit together (" + e.getMessage() + ")");
    }
  }

  /** Reads {@code OUT.checkpoint}: the run's settings and the state to continue from. */
  public static Run load(Path out, java.util.function.Consumer<Trainer.State> into) {
    Path dir = folder(out);
    if (!Files.isRegularFile(dir.resolve("checkpoint.json"))) {
      throw new IllegalArgumentException("no checkpoint at " + dir + "; train with --checkpoint-every N (or stop a "
          + "run with Ctrl-C) to get one");
    }
    JsonFile c = JsonFile.read(dir.resolve("checkpoint.json"), RESTART);
    if (!FORMAT.equals(c.root().path("format").asText())) {
      throw new IllegalArgumentException(dir + " is a checkpoint of another format; start the run again");
    }
    Run run;
    TrainSettings s;
    try {
      s = SettingsJson.read(c, "settings");
      SparkSettings spark = !c.has("spark") ? null : new SparkSettings(c.text("spark.master"),
          c.text("spark.trainingMaster"), (int) c.integer("spark.workers", 0, Integer.MAX_VALUE),
          (int) c.integer("spark.averagingFrequency", 1, Integer.MAX_VALUE));
      run = new Run(s, c.text("data"), c.strings("features"), c.strings("targets"), spark, c.bool("stream", false),
          c.has("dataChecksum") ? c.text("dataChecksum") : null);
    } catch (IllegalArgumentException e) {
      if (e.getMessage().startsWith(c.file().toString())) {
        throw e;
      }
      throw new IllegalArgumentException(c.file() + ": " + e.getMessage() + "; " + RESTART);
    }
    NetworkSpec spec = run.spec();
    int[] layers = spec.layers();
    Network net;
    if (s.backend() != Backend.SCRATCH) { // dl4j and spark: DL4J's own zip, with the updater's state
      net = Dl4jNetwork.restore(spec, dir.resolve("network.zip"), true, s.optimizer(), s.batchSize(), RESTART);
    } else {
      Parameters params = params(c, "params", layers);
      ScratchNetwork sn = new ScratchNetwork(spec, params, s.optimizer());
      sn.restoreOptimizerState(new ScratchNetwork.OptimizerState(moments(c, "v", params), moments(c, "s", params),
          (int) c.integer("t", 0, Integer.MAX_VALUE)));
      if (c.has("stepsTaken")) {
        sn.setStepsTaken(c.integer("stepsTaken", 0, Long.MAX_VALUE));
      }
      net = sn;
    }
    List<Epoch> history = new ArrayList<>();
    JsonNode h = c.root().path("history");
    if (!h.isArray()) {
      throw c.bad("history", "a list of epochs");
    }
    for (JsonNode e : h) {
      if (!e.isArray() || e.size() != 8) {
        throw c.bad("history", "a list of epochs, each 8 numbers");
      }
      double[] v = new double[8];
      for (int i = 0; i < 8; i++) {
        v[i] = e.get(i).asDouble();
      }
      history.add(new Epoch((int) v[0], v[1], new Metrics(v[2], v[3], v[4]), new Metrics(v[5], v[6], v[7])));
    }
    into.accept(new Trainer.State((int) c.integer("epoch", 1, Resources.MAX_STEPS + 1L),
        (int) c.integer("step", 0, Integer.MAX_VALUE), c.number("lossSum"), history, c.numberOrNaN("best"),
        (int) c.integer("bestEpoch", 0, Resources.MAX_STEPS), params(c, "bestParams", layers), net));
    return run;
  }
}
