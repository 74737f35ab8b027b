package twinnet.compare;

/**
 * Relative-error bounds for a comparison, in double precision.
 *
 * <p>Defaults and why: one forward and backward pass of these small networks rounds at ~1e-16 per
 * operation, and the two implementations sum in different orders, so agreement is ~1e-15 on the loss
 * and ~1e-14 on gradients (a gradient that is a small difference of large terms loses a few more
 * digits). 1e-12 (loss) and 1e-10 (gradients) leave that room a hundredfold and still catch every
 * convention slip, which are factors of order 1. Over 300 steps the differences compound; 1e-9 bounds
 * the loss at every step and the final parameters.
 *
 * @param loss relative error of the cost at one point
 * @param gradient relative error of every dW and db
 * @param trajectory relative error of the cost at every training step
 * @param parameters relative error of every parameter tensor during and after training
 */
public record Tolerances(double loss, double gradient, double trajectory, double parameters) {
  public static final Tolerances DEFAULT = new Tolerances(1e-12, 1e-10, 1e-9, 1e-9);
}
