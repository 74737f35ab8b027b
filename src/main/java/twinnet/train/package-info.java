/**
 * One training API over both backends: the same model description and settings train the scratch
 * network or its DL4J twin; models are saved in each backend's own format (a readable JSON in the
 * course's layout, or DL4J's {@code ModelSerializer} zip), and {@link twinnet.train.ModelStore#convert}
 * turns either into the other. Every way of training (in memory on either backend, streaming, Spark) runs
 * its epochs through one {@link twinnet.train.EpochLoop} — divergence, metrics, early stopping,
 * checkpoints and Ctrl-C in one place — and supplies only how an epoch is fitted and measured
 * ({@link twinnet.train.EpochLoop.Fitter}).
 */
package twinnet.train;
