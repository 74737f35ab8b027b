package twinnet.train;

/** One epoch of a training run: its loss and metrics, in the targets' units; validation ones NaN without a split. */
public record Epoch(int epoch, double trainLoss, Metrics train, Metrics validation) {}
