package twinnet.cases;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import twinnet.compare.Tolerances;
import twinnet.model.Initializer;
import twinnet.model.Matrix;
import twinnet.model.NetworkSpec;
import twinnet.model.Parameters;

/**
 * A comparison case, as read from its JSON file (see {@code compare/README.md}).
 *
 * @param convs the conv stages before the dense layers of {@code spec}, or null for a dense network
 * @param expect {@code agree}, {@code disagree} (a known, explained difference) or {@code both_diverged}
 * @param expectDivergence where the expected disagreement shows (required for disagree), or null
 * @param source the case file's content, kept for the report's provenance
 * @param directory where relative paths (a CSV file) are resolved
 */
public record Case(String name, String description, DataSource data, boolean standardizeInputs,
    boolean standardizeTargets, NetworkSpec spec, twinnet.model.ConvStack convs, Init init, Optimizer optimizer,
    int steps, Tolerances tol, String expect, String expectReason, ExpectedDivergence expectDivergence, JsonNode source,
    Path directory) {

  /** The layers with parameters: the conv stages' K, then the dense layers' L (numbered so in reports). */
  public int layerCount() {
    return (convs == null ? 0 : convs.convCount()) + spec.depth();
  }

  /**
   * Where an expected disagreement (or divergence) must show, or the case fails: the first step where the
   * two sides part (null: any), the tensor that parts first (null for both_diverged), and the range of its
   * relative error (for both_diverged, unused).
   */
  public record ExpectedDivergence(Integer step, String tensor, double minRelativeError, double maxRelativeError) {}

  /** Where the data come from. */
  public sealed interface DataSource permits Generated, Csv, Inline {}

  /**
   * {@code seed_quadratic} (x = 0..n−1, y = 3x² + 3x), {@code random} / {@code random_binary} /
   * {@code random_classes}, {@code iris}, or {@code images} / {@code images_flat} (bars of {@code outputs}
   * classes, the images' size from the network's input; see {@link twinnet.data.Datasets#images}).
   */
  public record Generated(String generator, int examples, int inputs, int outputs, long seed) implements DataSource {}

  /** Columns of a CSV file with a header; the path is relative to the case file. */
  public record Csv(String path, List<String> features, List<String> targets) implements DataSource {}

  /** Numbers in the case file, in the course's layout: x is n_x × m, y is n_y × m. */
  public record Inline(Matrix x, Matrix y) implements DataSource {}

  /** Initial weights: a scheme and a seed drawn by one side, or explicit matrices. */
  public sealed interface Init permits Scheme, Explicit {}

  public record Scheme(Initializer scheme, long seed, String side) implements Init {}

  public record Explicit(Parameters parameters) implements Init {}

  /**
   * The update rule ({@link twinnet.model.Optimizer}: gd, momentum, nesterov, rmsprop, adam, adam_dl4j, and L2), the
   * learning rate in the case's loss convention; batchSize null for the full batch; shuffleSeed null for
   * batches in order.
   */
  public record Optimizer(String name, double learningRate, Integer batchSize, Long shuffleSeed,
      twinnet.model.Optimizer rule) {}

  public boolean expectsDisagreement() {
    return !expect.equals("agree");
  }
}
