package twinnet.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import twinnet.data.CsvData;
import twinnet.io.Outputs;
import twinnet.model.Matrix;
import twinnet.train.ModelStore;

/** {@code twinnet predict}: a model's predictions on a CSV, written to a CSV. */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = "Predicts with a model directory (either backend) on a CSV with its feature columns; writes "
        + "the features and the predictions, in the targets' units, to a CSV.")
final class PredictCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", required = true, description = "Model directory.")
  Path model;

  @Option(names = "--data", required = true, description = "CSV with the model's feature columns.")
  Path data;

  @Option(names = "--out", required = true, description = "CSV to write (never the input, never inside the model).")
  Path out;

  @Option(names = "--overwrite", description = "Replace predictions written earlier.")
  boolean overwrite;

  @Override
  public Integer call() {
    Outputs.Target target = Outputs.check(out, Outputs.Kind.PREDICTIONS, overwrite, List.of(model, data));
    ModelStore.Loaded m = ModelStore.load(model);
    Matrix X = CsvData.readColumns(data, m.features());
    Matrix P = m.predict(X);
    List<String> names = new ArrayList<>(m.features());
    m.targets().forEach(t -> names.add("predicted_" + t));
    Outputs.writeText(target, w -> CsvData.write(w, names, X, P));
    spec.commandLine().getOut().println(X.cols() + " prediction(s): " + out);
    return 0;
  }
}
