package twinnet.spark;

import java.util.function.IntConsumer;
import org.apache.spark.api.java.JavaSparkContext;
import twinnet.cases.Case;
import twinnet.cases.DistributedResult;
import twinnet.train.Checkpoints;
import twinnet.train.SparkService;
import twinnet.train.SparkSettings;
import twinnet.train.Trainer;

/** The spark backend, registered in META-INF/services: one Spark context per call, stopped at the end. */
public final class SparkServiceImpl implements SparkService {

  @Override
  public Trainer.Trained train(Checkpoints.Run run, SparkSettings spark, Trainer.Progress progress,
      Trainer.Control control) {
    SparkTrainer.check(run, spark); // bad input fails before Spark starts
    try (JavaSparkContext sc = Spark.open(spark)) {
      return SparkTrainer.train(sc, run, spark, progress, control);
    }
  }

  @Override
  public java.util.List<String> header(String uri) {
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(uri);
    try (java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(
        path.getFileSystem(new org.apache.hadoop.conf.Configuration()).open(path),
        java.nio.charset.StandardCharsets.UTF_8))) {
      String first = r.readLine();
      if (first == null) {
        throw new IllegalArgumentException(uri + ": the file is empty; it needs a header line and rows of numbers");
      }
      return twinnet.data.CsvData.headerNames(first);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(uri + ": cannot read it (" + e.getMessage() + ")");
    }
  }

  @Override
  public java.util.List<DistributedResult> compare(Case c, java.util.List<SparkSettings> runs,
      IntConsumer progress) {
    try (JavaSparkContext sc = Spark.open(runs.get(0))) {
      return runs.stream().map(spark -> DistributedCheck.run(sc, c, spark, progress)).toList();
    }
  }
}
