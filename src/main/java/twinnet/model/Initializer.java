package twinnet.model;

/**
 * Weight initialisation schemes, W[l] ~ N(0, σ²) with biases zero.
 *
 * <ul>
 *   <li>{@link #SMALL}: σ = 0.01, the course's {@code np.random.randn(n_l, n_{l-1}) * 0.01};
 *   <li>{@link #HE}: σ = √(2 / n_{l−1});
 *   <li>{@link #XAVIER}: σ = √(1 / n_{l−1}) (the course's variant).
 * </ul>
 */
public enum Initializer {
  SMALL("small"),
  HE("he"),
  XAVIER("xavier");

  private final String id;

  Initializer(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** σ of W[l] for a layer with {@code fanIn} = n_{l−1} inputs. */
  public double sigma(int fanIn) {
    return switch (this) {
      case SMALL -> 0.01;
      case HE -> Math.sqrt(2.0 / fanIn);
      case XAVIER -> Math.sqrt(1.0 / fanIn);
    };
  }

  public static Initializer parse(String name) {
    for (Initializer i : values()) {
      if (i.id.equalsIgnoreCase(name) || i.name().equalsIgnoreCase(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("unknown initialiser '" + name + "'; use one of small, he, xavier");
  }
}
