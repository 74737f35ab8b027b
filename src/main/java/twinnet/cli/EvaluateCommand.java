package twinnet.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import twinnet.data.CsvData;
import twinnet.data.Dataset;
import twinnet.train.Metrics;
import twinnet.train.ModelStore;

/** {@code twinnet evaluate}: a model's MSE, MAE and R² on a CSV. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "MSE, MAE and R² of a model on a CSV with its feature and target columns.")
final class EvaluateCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", required = true, description = "Model directory.")
  Path model;

  @Option(names = "--data", required = true, description = "CSV with the model's feature and target columns.")
  Path data;

  @Override
  public Integer call() {
    ModelStore.Loaded m = ModelStore.load(model);
    Dataset d = CsvData.read(data, m.features(), m.targets());
    Metrics r = Metrics.of(m.predict(d.X()), d.Y());
    spec.commandLine().getOut().printf("rows %d  MSE %.6g  MAE %.6g  R² %.6f%n", d.examples(), r.mse(), r.mae(),
        r.r2());
    return 0;
  }
}
