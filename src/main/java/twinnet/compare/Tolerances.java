package twinnet.compare;

/**
 * Bounds for a comparison in double precision (ε = 2⁻⁵² ≈ 2.2e-16).
 *
 * <p><b>Relative bounds.</b> One forward and backward pass of a small network rounds at ~ε per
 * operation, and the two implementations sum in different orders, so agreement is ~1e-16 to 1e-14.
 * 1e-12 (cost, predictions) and 1e-10 (gradients) leave that room a hundredfold and still catch every
 * convention slip, which are factors of order 1 (2, m, n_y, a sign, a transpose). Over 300 steps the
 * differences compound; 1e-9 bounds the cost at every step and the parameters after every step.
 *
 * <p><b>Rounding floor.</b> A relative error only means something when the tensor is larger than the
 * rounding of the terms it is computed from. Two cases in ordinary training are not: a tensor whose
 * exact value is 0 (the output bias gradient of an odd network — tanh, zero biases — on symmetric,
 * centred data, where both sides compute ±1e-16 of noise), and a quantity converging to 0 (the cost of
 * a network that fits its data exactly: J is the square of a residual a − y that is itself a
 * cancellation, so its relative error grows as ε·|a| / |a − y| whatever the implementation). So a
 * tensor also agrees when ‖a − b‖ ≤ roundingFloor · S, S the largest norm of its set (every gradient at
 * that point; every parameter at that step; the largest cost so far). 1e-13 ≈ 450ε: the worst-case
 * rounding of sums of a few hundred terms of size S. It never excuses a difference that is large
 * against the set, so no convention slip hides under it ({@code BrokenVariantsTest}).
 *
 * @param loss relative error of the cost and the predictions at one point
 * @param gradient relative error of every dW and db
 * @param trajectory relative error of the cost at every training step
 * @param parameters relative error of every parameter tensor during and after training
 * @param roundingFloor a difference at most this times its set's scale is rounding, not disagreement
 */
public record Tolerances(double loss, double gradient, double trajectory, double parameters, double roundingFloor) {
  public static final Tolerances DEFAULT = new Tolerances(1e-12, 1e-10, 1e-9, 1e-9, 1e-13);

  /**
   * For the DL4J twin in float32 ({@code --dtype float}) against the double scratch network. Float's unit
   * roundoff is 6e-8, 2.7e8 times double's. Measured over the 85-configuration agreement grid at the
   * initial weights: cost ≤ 3.8e-6, every gradient ≤ 3.6e-5 (but for tensors that are exactly zero, which
   * the floor covers). Hence cost 1e-5 and gradients 1e-4, and a rounding floor of 1e-6 (≈ 8 float
   * ulps) of the set's scale. Over training, float rounding compounds, and faster where the dynamics
   * amplify it (a width-1 ReLU layer whose units switch at other steps reached 4e-3 in 100 steps), so
   * trajectories in float are held to 1e-4 and read as indicative, not as a proof of equality.
   */
  public static final Tolerances FLOAT32 = new Tolerances(1e-5, 1e-4, 1e-4, 1e-4, 1e-6);

  /** The same bounds with no rounding floor: strictly relative. */
  public Tolerances strictlyRelative() {
    return new Tolerances(loss, gradient, trajectory, parameters, 0);
  }
}
