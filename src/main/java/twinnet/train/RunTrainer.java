package twinnet.train;

/**
 * One way of training a run (as Tribuo's {@code Trainer}): in memory on either backend, streaming its CSV through
 * DL4J, or on Spark. {@link Backend#trainer} chooses it; every one runs its epochs through {@link EpochLoop}.
 */
@FunctionalInterface
public interface RunTrainer {
  Trainer.Trained train(Checkpoints.Run run, Trainer.Progress progress, Trainer.Control control);
}
