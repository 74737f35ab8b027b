package twinnet.train;

import twinnet.model.Network;

/**
 * The epochs of a training run, the same for every backend (in memory, streaming, Spark): fit an epoch
 * (from where a checkpoint stopped), stop on divergence, measure both splits, keep the history (the best
 * epoch, early stopping), and write checkpoints every N epochs and on Ctrl-C. How an epoch is fitted and
 * how the splits are measured is the {@link Fitter}'s (one per way of training; the backend chooses it).
 */
public final class EpochLoop {

  /** What differs between the ways of training: fitting an epoch and measuring it. */
  public interface Fitter {
    /** The network being trained, live. */
    Network network();

    /** A copy of the network as it is now, for a checkpoint written later (default: the live one). */
    default Network snapshot() {
      return network();
    }

    /**
     * Fits epoch {@code epoch}. Resumed mid-epoch, it starts after {@code firstStep} steps whose costs summed
     * to {@code lossSum}; after each step it tells {@code after} (which stops the run on Ctrl-C). Returns
     * the steps of the epoch and the sum of their costs.
     */
    Fit fitEpoch(int epoch, int firstStep, double lossSum, Step after);

    /** The metrics on the training rows and on the validation rows ({@link Metrics#NONE} without any). */
    Metrics[] evaluate(int epoch);

    /** Whether there are validation rows (early stopping watches them, else the training rows). */
    boolean validated();

    /** Told when epoch {@code epoch} is recorded (a checkpoint would now hold it), with its training loss. */
    default void recorded(int epoch, double loss) {}
  }

  /** An epoch's steps and the sum of their costs: the epoch's training loss is the mean. */
  public record Fit(int steps, double lossSum) {
    double mean() {
      return lossSum / Math.max(1, steps);
    }
  }

  /** Told after each step: its number in the epoch, the epoch's steps (-1: unknown), the cost sum, its cost. */
  public interface Step {
    void after(int step, int stepsPerEpoch, double lossSum, double cost);
  }

  private final TrainSettings settings;
  private final Trainer.Progress progress;
  private final Trainer.Control control;
  private final RunHistory history;
  private Trainer.State lastFinished;

  public EpochLoop(TrainSettings settings, Trainer.Progress progress, Trainer.Control control, RunHistory history) {
    this.settings = settings;
    this.progress = progress;
    this.control = control;
    this.history = history;
  }

  /** The message of a run whose cost or parameters stopped being finite. */
  public static IllegalArgumentException diverged(TrainSettings s, int epoch, int step, double cost) {
    return new IllegalArgumentException("training diverged at epoch " + epoch + (step > 0 ? ", step " + step : "")
        + " (the cost became " + cost + "): lower the learning rate (" + s.learningRate() + ")");
  }

  /** Runs the epochs left; returns the best epoch (the network is put back to it with early stopping). */
  public int run(Fitter b) {
    Trainer.State rs = control.resume();
    int first = rs != null ? rs.epoch() : 1;
    lastFinished = rs != null ? rs : history.state(1, 0, 0, b.snapshot());
    for (int e = first; e <= settings.epochs(); e++) {
      int epoch = e;
      boolean resumed = e == first && rs != null;
      Fit fit = b.fitEpoch(e, resumed ? rs.step() : 0, resumed ? rs.lossSum() : 0, (step, per, sum, cost) -> {
        if (!Double.isFinite(cost)) {
          throw diverged(settings, epoch, step, cost);
        }
        progress.step(epoch, step, per, cost);
        if (control.stop().getAsBoolean()) {
          twinnet.io.Stop.keeping(() -> control.save().accept(history.state(epoch, step, sum, b.network())));
          throw new Trainer.Stopped(stopped() + " at epoch " + epoch + ", step " + step + (per > 0 ? " of " + per : "")
              + ", after writing a checkpoint; continue with --resume");
        }
      });
      if (!Double.isFinite(fit.mean()) || !b.network().parameters().isFinite()) {
        throw diverged(settings, e, -1, fit.mean());
      }
      Metrics[] m;
      try {
        m = b.evaluate(e);
      } catch (twinnet.io.Stop.Stopped stopped) { // Ctrl-C while measuring: the epoch's steps are done
        twinnet.io.Stop.keeping(() -> control.save().accept(history.state(epoch, fit.steps(), fit.lossSum(),
            b.network())));
        throw new Trainer.Stopped(stopped() + " while evaluating epoch " + e + ", after writing a checkpoint; continue "
            + "with --resume");
      }
      boolean stopEarly = history.add(new Epoch(e, fit.mean(), m[0], m[1]), b.validated(), b.network(),
          settings.patience());
      lastFinished = history.state(e + 1, 0, 0, b.snapshot());
      b.recorded(e, fit.mean());
      if (stopEarly) {
        break;
      }
      if (control.stop().getAsBoolean()) {
        twinnet.io.Stop.keeping(() -> control.save().accept(lastFinished));
        throw new Trainer.Stopped(stopped() + " after epoch " + e + ", after writing a checkpoint; continue with --resume");
      }
      if (control.every() > 0 && e % control.every() == 0 && e < settings.epochs()) {
        control.save().accept(lastFinished);
      }
    }
    history.restoreBest(b.network(), settings.patience()); // early stopping keeps the best epoch
    return history.bestEpoch();
  }

  /** "stopped (Ctrl-C)" or "stopped (SIGTERM)". */
  private static String stopped() {
    return "stopped (" + twinnet.io.Stop.by() + ")";
  }

  /** The state after the last finished epoch (the resumed one before any): what a run stopped mid-epoch keeps. */
  public Trainer.State lastFinished() {
    return lastFinished;
  }
}
