package twinnet.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import twinnet.data.Generator;
import twinnet.io.Outputs;
import twinnet.io.Resources;

/** {@code twinnet generate}: a synthetic regression CSV. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Writes a synthetic regression CSV: features x1..xF ~ U(−1, 1) and a target y (quadratic: "
        + "Σ 3x² + 3x, as the seed's; linear: Σ x), plus Gaussian noise.")
final class GenerateCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--rows", required = true, description = "Rows (1 to 100000000000, within the free disk).")
  long rows;

  @Option(names = "--features", defaultValue = "1", description = "Features (1).")
  int features;

  @Option(names = "--function", defaultValue = "quadratic", description = "quadratic or linear.")
  String function;

  @Option(names = "--noise", defaultValue = "0.1", description = "Standard deviation of the noise (0.1).")
  double noise;

  @Option(names = "--seed", defaultValue = "1", description = "Seed (1).")
  long seed;

  @Option(names = "--out", required = true, description = "CSV to write.")
  Path out;

  @Option(names = "--overwrite", description = "Replace a CSV written by generate earlier.")
  boolean overwrite;

  @Override
  public Integer call() {
    Generator g = new Generator(rows, features, function, noise, seed);
    Outputs.Target target = Outputs.check(out, Outputs.Kind.GENERATED, overwrite, List.of());
    Resources.requireDisk(target.path().getParent(), rows + " rows of " + (features + 1) + " numbers",
        g.estimatedBytes(), "generate fewer --rows or write elsewhere");
    Outputs.writeText(target, g::write);
    spec.commandLine().getOut().println(rows + " rows: " + out);
    return 0;
  }
}
