package twinnet.report;

/** Versions recorded in every report. */
public final class Versions {
  private Versions() {}

  public static final String DL4J = "1.0.0-M2.1";

  /** From the jar's manifest; "dev" when run from classes. */
  public static String twinnet() {
    String v = Versions.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
