package twinnet.model;

/**
 * A dense network that twinnet can compare: the scratch network, the DL4J twin, or your own.
 *
 * <p>Every number crosses this interface in the network's own loss convention ({@link
 * NetworkSpec#loss()}) and the course's layout: X is n_x × m, Y is n_y × m, parameters and gradients
 * as in {@link Parameters}.
 */
public interface Network {

  /** A short name for reports, e.g. {@code scratch} or {@code dl4j}. */
  String name();

  NetworkSpec spec();

  /** Forward and backward pass on (X, Y) at the current parameters; changes nothing. */
  Backprop backprop(Matrix X, Matrix Y);

  /**
   * One training step on (X, Y) with the network's optimizer (see {@link Optimizer}): for plain gradient
   * descent θ ← θ − learningRate · dJ/dθ; for the others their rule, with their state carried from step to
   * step.
   *
   * @return the cost J before the step
   */
  double step(Matrix X, Matrix Y, double learningRate);

  /**
   * {@link #step}, returning also the backprop at the parameters before the update, on the same (X, Y): by
   * default {@link #backprop}, then {@link #step}. A network whose step computes that backprop anyway may hand
   * over its own instead of running the pass twice (the DL4J twin does).
   */
  default Stepped stepWithBackprop(Matrix X, Matrix Y, double learningRate) {
    Backprop before = backprop(X, Y);
    return new Stepped(step(X, Y, learningRate), before);
  }

  /** A^[L] for X. */
  Matrix predict(Matrix X);

  /** A copy of the current parameters. */
  Parameters parameters();

  /** Replaces the parameters with a copy of {@code p}, which must fit {@link #spec()}. */
  void setParameters(Parameters p);

  /**
   * Every layer's course quantities (Z, A, dA, dZ, dW, db) on (X, Y) at the current parameters, for
   * reading the two implementations side by side.
   */
  default java.util.List<LayerQuantities> study(Matrix X, Matrix Y) {
    throw new UnsupportedOperationException(name() + " does not expose its per-layer quantities");
  }

  /** The cost J, the predictions A^[L] and the gradients of J, all at one set of parameters. */
  record Backprop(double cost, Matrix AL, Gradients grads) {}

  /** A step's cost J before the update, and the backprop at the parameters before it. */
  record Stepped(double cost, Backprop before) {}
}
