package twinnet.train;

import java.util.ArrayList;
import java.util.List;
import twinnet.model.Network;
import twinnet.model.Parameters;

/**
 * The epochs a run has finished, the best of them by the watched loss (the validation MSE, or the
 * training MSE without a validation split) and early stopping: kept the same way by every backend.
 */
public final class RunHistory {
  private final List<Epoch> epochs;
  private double best;
  private int bestEpoch;
  private Parameters bestParams;

  /** From a checkpoint's state, or (resume null) from the start with parameters {@code start}. */
  public RunHistory(Trainer.State resume, Parameters start) {
    epochs = new ArrayList<>(resume != null ? resume.history() : List.of());
    best = resume != null ? resume.best() : Double.POSITIVE_INFINITY;
    bestEpoch = resume != null ? resume.bestEpoch() : 0;
    bestParams = resume != null ? resume.bestParams() : start;
  }

  /** Records a finished epoch of {@code net}; true when early stopping ({@code patience} > 0) ends the run here. */
  public boolean add(Epoch e, boolean validated, Network net, int patience) {
    epochs.add(e);
    double watched = validated ? e.validation().mse() : e.train().mse();
    if (watched < best) {
      best = watched;
      bestEpoch = e.epoch();
      bestParams = net.parameters();
      return false;
    }
    return patience > 0 && e.epoch() - bestEpoch >= patience;
  }

  /** What a checkpoint holds: continue at {@code epoch} after {@code step} steps with this loss sum. */
  public Trainer.State state(int epoch, int step, double lossSum, Network net) {
    return new Trainer.State(epoch, step, lossSum, List.copyOf(epochs), best, bestEpoch, bestParams, net);
  }

  /** With early stopping ({@code patience} > 0) the network goes back to the best epoch's parameters. */
  public void restoreBest(Network net, int patience) {
    if (patience > 0) {
      net.setParameters(bestParams);
    }
  }

  public List<Epoch> epochs() {
    return List.copyOf(epochs);
  }

  public int bestEpoch() {
    return bestEpoch;
  }
}
