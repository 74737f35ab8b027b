package twinnet.train;

import java.util.List;
import java.util.Random;
import twinnet.data.Batches;
import twinnet.data.Dataset;
import twinnet.dl4j.Dl4jNetwork;
import twinnet.model.Matrix;
import twinnet.model.Network;
import twinnet.model.NetworkSpec;
import twinnet.model.Parameters;
import twinnet.scratch.Initialization;
import twinnet.scratch.ScratchNetwork;

/** Trains a model on either backend through the {@link Network} interface: same settings, same meaning. */
public final class Trainer {
  private Trainer() {}

  /** Told after every step (epoch, step in the epoch, steps per epoch, the batch's cost). */
  public interface Progress {
    void step(int epoch, int step, int stepsPerEpoch, double cost);
  }

  /**
   * A trained model: the network (on its backend), the standardisation, and how it got there; for a classifier
   * trained in memory, its classes on the validation rows (the training rows without any), else null.
   */
  public record Trained(TrainSettings settings, NetworkSpec spec, Network network, Standardizer standardizer,
      List<String> features, List<String> targets, List<Epoch> history, int bestEpoch, Classes classes) {

    public Trained(TrainSettings settings, NetworkSpec spec, Network network, Standardizer standardizer,
        List<String> features, List<String> targets, List<Epoch> history, int bestEpoch) {
      this(settings, spec, network, standardizer, features, targets, history, bestEpoch, null);
    }

    /** Predictions in the targets' units for raw features X (features × rows). */
    public Matrix predict(Matrix X) {
      return standardizer.predict(network, X);
    }
  }

  /** A classifier's classes on a split: "validation" or "training", its rows, the confusion matrix. */
  public record Classes(String split, int rows, Classification classification) {}

  /** Where a run stands: the epoch to continue, the steps already taken in it, and all that was learned. */
  public record State(int epoch, int step, double lossSum, List<Epoch> history, double best, int bestEpoch,
      Parameters bestParams, Network network) {}

  /** Checkpoints: every {@code every} epochs (0: never), and when {@code stop} says so (Ctrl-C). */
  public record Control(int every, java.util.function.Consumer<State> save,
      java.util.function.BooleanSupplier stop, State resume) {
    public static final Control NONE = new Control(0, st -> { }, () -> false, null);
  }

  /** Thrown when a run was stopped on request after its checkpoint was written. */
  public static final class Stopped extends twinnet.io.Stop.Stopped {
    public Stopped(String message) {
      super(message);
    }
  }

  public static Trained train(TrainSettings s, Dataset raw, List<String> features, List<String> targets,
      Progress progress) {
    return train(s, raw, features, targets, progress, Control.NONE);
  }

  /** The network a run starts from (the resumed one when resuming). */
  static Network network(TrainSettings s, NetworkSpec spec, Parameters start, int batch) {
    return s.backend() == Backend.SCRATCH ? new ScratchNetwork(spec, start, s.optimizer())
        : Dl4jNetwork.withParameters(spec, start, s.optimizer(), batch);
  }

  /** The in-memory backends' validation split, drawn with the seed: {training rows, validation rows}. */
  public static int[][] split(int m, long seed, double share) {
    int[] order = new int[m];
    for (int i = 0; i < m; i++) {
      order[i] = i;
    }
    Random r = new Random(seed);
    for (int i = m - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int nVal = (int) Math.round(share * m);
    if (m - nVal < 1) {
      throw new IllegalArgumentException("no rows left to train on after the validation split (" + m + " rows)");
    }
    return new int[][] {java.util.Arrays.copyOfRange(order, nVal, m), java.util.Arrays.copyOfRange(order, 0, nVal)};
  }

  /** In memory, on the scratch or dl4j backend: reads the run's CSV and trains on it. */
  public static Trained train(Checkpoints.Run run, Progress progress, Control control) {
    Dataset d = twinnet.data.CsvData.read(run.dataPath(), run.features(), run.targets());
    TrainSettings s = run.settings();
    Trained t = train(s, d, run.features(), run.targets(), progress, control);
    if (!s.loss().classifier()) {
      return t;
    }
    int[][] split = split(d.examples(), s.seed(), s.validation());
    boolean val = split[1].length > 0;
    int[] idx = val ? split[1] : split[0];
    return new Trained(t.settings(), t.spec(), t.network(), t.standardizer(), t.features(), t.targets(), t.history(),
        t.bestEpoch(), new Classes(val ? "validation" : "training", idx.length, Classification.of(t.predict(d.X()
        .selectColumns(idx)), d.Y().selectColumns(idx))));
  }

  public static Trained train(TrainSettings s, Dataset raw, List<String> features, List<String> targets,
      Progress progress, Control control) {
    int m = raw.examples();
    long numbers = (long) m * (raw.X().rows() + raw.Y().rows());
    if (s.backend() == Backend.SCRATCH && numbers > s.maxScratchNumbers()) {
      throw new IllegalArgumentException("the data hold " + numbers + " numbers, more than the scratch backend "
          + "keeps in memory (" + s.maxScratchNumbers() + "); use --backend dl4j, or raise --max-scratch-numbers");
    }
    int[][] split = split(m, s.seed(), s.validation());
    int[] trainIdx = split[0];
    int[] valIdx = split[1];
    int nVal = valIdx.length;
    Matrix Xtr = raw.X().selectColumns(trainIdx);
    Matrix Ytr = raw.Y().selectColumns(trainIdx);
    Standardizer std = s.loss().classifier() ? Standardizer.fitInputs(Xtr, Ytr.rows())
        : Standardizer.fit(Xtr, Ytr, targets);
    Dataset train = new Dataset("train", std.x(Xtr), std.y(Ytr));

    NetworkSpec spec = s.spec(raw.X().rows(), raw.Y().rows());
    Parameters start = Initialization.forSpec(spec, s.init(), s.seed());
    int batch = Math.min(s.batchSize(), train.examples());
    if (s.optimizer().l2() > 0 && s.backend() == Backend.DL4J && batch != train.examples()
        && train.examples() % batch != 0) {
      throw new IllegalArgumentException("L2 on the dl4j backend needs batches of one size (DL4J's l2 coefficient "
          + "is fixed): choose a batch size that divides the " + train.examples() + " training rows");
    }
    Batches batches = new Batches(train, batch, s.seed());
    int perEpoch = (train.examples() + batch - 1) / batch;
    State rs = control.resume();
    Network net = rs != null ? rs.network() : network(s, spec, start, batch);
    RunHistory history = new RunHistory(rs, start);
    // the batches a whole run would have seen before the checkpoint
    batches.skip(rs != null ? (long) (rs.epoch() - 1) * perEpoch + rs.step() : 0);
    Matrix Xval = raw.X().selectColumns(valIdx);
    Matrix Yval = raw.Y().selectColumns(valIdx);
    int best = new EpochLoop(s, progress, control, history).run(new EpochLoop.Fitter() {
      @Override
      public Network network() {
        return net;
      }

      @Override
      public EpochLoop.Fit fitEpoch(int e, int firstStep, double lossSum, EpochLoop.Step after) {
        double sum = lossSum;
        for (int k = firstStep; k < perEpoch; k++) {
          Batches.Batch b = batches.next();
          double cost = net.step(b.X(), b.Y(), s.learningRate());
          if (!net.parameters().isFinite()) {
            throw EpochLoop.diverged(s, e, k + 1, cost);
          }
          sum += cost;
          after.after(k + 1, perEpoch, sum, cost);
        }
        return new EpochLoop.Fit(perEpoch, sum);
      }

      @Override
      public Metrics[] evaluate(int e) {
        Trained now = new Trained(s, spec, net, std, features, targets, history.epochs(), e);
        return new Metrics[] {Metrics.of(now.predict(Xtr), Ytr),
            nVal == 0 ? Metrics.NONE : Metrics.of(now.predict(Xval), Yval)};
      }

      @Override
      public boolean validated() {
        return nVal > 0;
      }
    });
    return new Trained(s, spec, net, std, features, targets, history.epochs(), best);
  }
}
