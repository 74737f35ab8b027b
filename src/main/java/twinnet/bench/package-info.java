/**
 * Measuring the scratch network against its DL4J twin: one full training step (forward, backward,
 * update, full batch) of each, interleaved in one process, at the sizes of the performance issue.
 */
package twinnet.bench;
