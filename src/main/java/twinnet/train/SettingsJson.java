package twinnet.train;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import twinnet.io.JsonFile;
import twinnet.io.Resources;
import twinnet.model.Activation;
import twinnet.model.BatchNorm;
import twinnet.model.Initializer;
import twinnet.model.Loss;
import twinnet.model.Optimizer;

/**
 * {@link TrainSettings} as JSON, written and read in one place: the "settings" of a checkpoint and of a model's
 * {@code model.json} are the same object, so a new setting reaches both files or neither.
 */
public final class SettingsJson {
  private SettingsJson() {}

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  public static ObjectNode write(TrainSettings s) {
    ObjectNode so = F.objectNode();
    so.put("backend", s.backend().id());
    for (int n : s.hiddenSizes()) {
      so.withArray("hiddenSizes").add(n);
    }
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
    if (s.keepProb() != null) {
      for (double p : s.keepProb()) {
        so.withArray("keepProb").add(p);
      }
    }
    if (s.batchNorm() != null) {
      so.put("batchNormEpsilon", s.batchNorm().epsilon());
      so.put("batchNormMomentum", s.batchNorm().momentum());
    }
    return so;
  }

  /** The settings written by {@link #write} at {@code path} ("settings") of {@code f}; each field checked. */
  public static TrainSettings read(JsonFile f, String path) {
    String p = path + ".";
    Optimizer opt = new Optimizer(Optimizer.Kind.parse(f.text(p + "optimizer.kind")), f.number(p + "optimizer.momentum"),
        f.number(p + "optimizer.beta1"), f.number(p + "optimizer.beta2"), f.number(p + "optimizer.epsilon"),
        f.number(p + "optimizer.l2"));
    return new TrainSettings(Backend.parse(f.text(p + "backend")), f.integers(p + "hiddenSizes", 1, Resources.MAX_WIDTH),
        Activation.parse(f.text(p + "hidden")), Activation.parse(f.text(p + "output")), Loss.parse(f.text(p + "loss")),
        opt, f.number(p + "learningRate"), (int) f.integer(p + "batchSize", 1, Integer.MAX_VALUE),
        (int) f.integer(p + "epochs", 1, Resources.MAX_STEPS), f.number(p + "validation"),
        f.integer(p + "seed", Long.MIN_VALUE, Long.MAX_VALUE), (int) f.integer(p + "patience", 0, Resources.MAX_STEPS),
        Initializer.parse(f.text(p + "init")), f.integer(p + "maxScratchNumbers", 1, Long.MAX_VALUE),
        f.has(p + "keepProb") ? f.numbers(p + "keepProb") : null,
        f.has(p + "batchNormEpsilon") ? new BatchNorm(f.number(p + "batchNormEpsilon"),
            f.number(p + "batchNormMomentum")) : null);
  }
}
