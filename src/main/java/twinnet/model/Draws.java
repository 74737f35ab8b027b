package twinnet.model;

/** How a class is drawn from a distribution, the one rule both sides of a sampled sequence use. */
public final class Draws {
  private Draws() {}

  /**
   * The first index whose cumulative probability passes u: np.random.choice's rule for one uniform draw u in [0, 1)
   * (the last index when a sum rounded below 1 leaves u past it).
   */
  public static int pick(double[] probabilities, double u) {
    double sum = 0;
    for (int i = 0; i < probabilities.length; i++) {
      sum += probabilities[i];
      if (u < sum) {
        return i;
      }
    }
    return probabilities.length - 1;
  }
}
