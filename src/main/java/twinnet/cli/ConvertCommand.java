package twinnet.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import twinnet.io.Outputs;
import twinnet.train.ModelStore;

/** {@code twinnet convert}: a model in the other backend's format. */
@Command(name = "convert", mixinStandardHelpOptions = true,
    description = "Writes a model in the other backend's format (scratch JSON ⇄ DL4J ModelSerializer zip).")
final class ConvertCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", required = true, description = "Model directory to read.")
  Path model;

  @Option(names = "--out", required = true, description = "Model directory to write.")
  Path out;

  @Option(names = "--overwrite", description = "Replace a model already there.")
  boolean overwrite;

  @Override
  public Integer call() {
    ModelStore.convert(model, Outputs.check(out, Outputs.Kind.MODEL, overwrite, List.of(model)));
    spec.commandLine().getOut().println("converted: " + out);
    return 0;
  }
}
