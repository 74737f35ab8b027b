/**
 * The hand-written network, one file per notion of the course (Deep Learning Specialization, course
 * 1, week 4, "Building your Deep Neural Network: Step by Step"), in plain Java with no ND4J:
 *
 * <ol>
 *   <li>{@link twinnet.scratch.Initialization#initializeParametersDeep} — W[l] random, b[l] zero;
 *   <li>{@link twinnet.scratch.Activations} — each g(Z) beside its backward dZ = dA ⊙ g′(Z);
 *   <li>{@link twinnet.scratch.Linear} — {@code linearForward}/{@code linearBackward} and
 *       {@code linearActivationForward}/{@code linearActivationBackward};
 *   <li>{@link twinnet.scratch.Costs} — {@code computeCost} and the loss's seed gradient dAL;
 *   <li>{@link twinnet.scratch.ScratchNetwork} — {@code lModelForward}, {@code lModelBackward};
 *   <li>{@link twinnet.scratch.Optimization#updateParameters} — W[l] ← W[l] − α·dW[l], the one place it is
 *       written (the network's course path, its fast step and {@code check} all call it).
 * </ol>
 *
 * This package never imports DL4J or ND4J; it depends only on {@code twinnet.model}.
 */
package twinnet.scratch;
