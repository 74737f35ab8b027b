package twinnet.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import twinnet.cases.ComparisonRun;
import twinnet.compare.Tolerances;
import twinnet.data.Dataset;
import twinnet.data.Datasets;
import twinnet.io.Resources;
import twinnet.model.Initializer;
import twinnet.model.NetworkSpec;
import twinnet.report.TextReport;

/** {@code twinnet compare}: one comparison of the scratch network and its DL4J twin. */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = {"Compares the scratch network with its DL4J twin from the same initial weights: loss and "
        + "every gradient at the start, then full-batch gradient descent side by side.",
        "Exit status: 0 agree, 1 disagree, 2 bad input."},
    sortOptions = false)
final class CompareCommand implements Callable<Integer> {

  @Spec
  picocli.CommandLine.Model.CommandSpec commandSpec;

  @Option(names = "--data", defaultValue = "seed", paramLabel = "seed|random",
      description = "seed: x = 0..19, y = 3x² + 3x (the default); random: N(0,1) features and targets.")
  String data;

  @Option(names = "--standardize", defaultValue = "xy", paramLabel = "none|x|xy",
      description = "Standardise inputs (x), inputs and targets (xy, the default) or nothing.")
  String standardize;

  @Option(names = "--examples", defaultValue = "20", description = "Examples of random data (default 20).")
  int examples;

  @Option(names = "--layers", defaultValue = "1,8,1", split = ",",
      description = "Layer sizes, input first (default 1,8,1).")
  int[] layers;

  @picocli.CommandLine.Mixin
  ModelOptions model = new ModelOptions();

  @Option(names = "--alpha", description = "α of leaky_relu / elu (default 0.01 / 1.0).")
  Double alpha;

  @Option(names = "--init", defaultValue = "he", description = "small, he or xavier (default he).",
      converter = Converters.InitConverter.class)
  Initializer init;

  @Option(names = "--init-side", defaultValue = "scratch",
      description = "Which side draws the initial weights: scratch or dl4j (default scratch).")
  String initSide;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the initial weights (default 1).")
  long seed;

  @Option(names = "--steps", defaultValue = "300", description = "Gradient-descent steps (default 300).")
  int steps;

  @Option(names = "--dtype", defaultValue = "double", paramLabel = "double|float",
      description = "Precision of the DL4J twin (default double). float is faster on large data; it is "
          + "compared with float tolerances (cost 1e-5, gradients 1e-4; see Tolerances.FLOAT32).")
  String dtype;

  @Override
  public Integer call() {
    Resources.requireRange("--steps", steps, 1, Resources.MAX_STEPS);
    Resources.requireLayers("--layers", layers);
    if (layers.length < 2) {
      throw new IllegalArgumentException("--layers needs at least an input and an output size, e.g. 1,8,1");
    }
    if (alpha != null && !Double.isFinite(alpha)) {
      throw new IllegalArgumentException("--alpha must be a finite number, got " + alpha);
    }
    if (data.equals("random")) {
      Resources.requireRange("--examples", examples, 1, Integer.MAX_VALUE);
    }
    long m = data.equals("random") ? examples : 20;
    Resources.requireMemory("a comparison of " + java.util.Arrays.toString(layers) + " on " + m + " examples",
        2 * Resources.networkNumbers(layers, m), "use smaller --layers or fewer --examples");
    Dataset d = dataset();
    double a = alpha == null ? Double.NaN : alpha;
    NetworkSpec spec = new NetworkSpec(layers, model.hidden, a, model.output, a, model.loss);
    if (!dtype.equals("double") && !dtype.equals("float")) {
      throw new IllegalArgumentException("unknown --dtype '" + dtype + "'; use double or float");
    }
    boolean f32 = dtype.equals("float");
    ComparisonRun run = new ComparisonRun(spec, d, init, seed, initSide, model.learningRate(0.05), steps,
        f32 ? Tolerances.FLOAT32 : Tolerances.DEFAULT, f32);
    ComparisonRun.Result result;
    try (me.tongfei.progressbar.ProgressBar bar = Progress.bar("compare", steps, " steps")) {
      result = twinnet.cases.ComparisonRunner.run(run, bar::stepTo);
    }
    commandSpec.commandLine().getOut().print(TextReport.format(result));
    commandSpec.commandLine().getOut().flush();
    return result.agrees() ? 0 : 1;
  }

  private Dataset dataset() {
    return Datasets.forComparison(data, standardize, model.loss, layers[0], layers[layers.length - 1],
        examples, seed + 1);
  }
}
