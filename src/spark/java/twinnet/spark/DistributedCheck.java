package twinnet.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.nd4j.linalg.dataset.DataSet;
import twinnet.cases.Case;
import twinnet.cases.CaseRunner;
import twinnet.cases.DistributedResult;
import twinnet.data.Batches;
import twinnet.data.Dataset;
import twinnet.dl4j.Conventions;
import twinnet.dl4j.Dl4jNetwork;
import twinnet.model.Matrix;
import twinnet.model.NetworkSpec;
import twinnet.model.Optimizer;
import twinnet.model.Parameters;
import twinnet.scratch.ScratchNetwork;
import twinnet.train.SparkSettings;

/**
 * Distributed equals single machine: a case's network trained by DL4J on Spark with k workers, each on b
 * examples a step, next to the DL4J twin and the scratch network on the same k·b examples a step, in the
 * same order, from the same weights, with plain SGD. See {@link DistributedResult} for the arithmetic.
 */
final class DistributedCheck {
  private DistributedCheck() {}

  static DistributedResult run(JavaSparkContext sc, Case c, SparkSettings s, IntConsumer progress) {
    return run(sc, c, s, progress, 1.0);
  }

  /** {@code lrError} multiplies Spark's learning rate: 1, or a broken mapping in the tests that prove the check. */
  static DistributedResult run(JavaSparkContext sc, Case c, SparkSettings s, IntConsumer progress, double lrError) {
    long t0 = System.nanoTime();
    Optimizer rule = c.optimizer().rule();
    if (s.trainingMaster().equals("sharing")) {
      throw new IllegalArgumentException("the distributed check is about parameter averaging; gradient sharing "
          + "(threshold-encoded, asynchronous) does not reproduce one SGD step");
    }
    Dataset d = CaseRunner.data(c);
    NetworkSpec spec = c.spec();
    int k = s.workers() > 0 ? s.workers() : sc.defaultParallelism();
    int f = s.averagingFrequency();
    int batch = DistributedResult.requireComparable(c, d.examples(), k, f);
    int b = batch / k;
    double alpha = c.optimizer().learningRate();
    Parameters initial = CaseRunner.initialParameters(c);
    ScratchNetwork scratch = new ScratchNetwork(spec, initial, rule);
    Dl4jNetwork twin = Dl4jNetwork.withParameters(spec, initial, rule, batch);
    Dl4jNetwork template = Dl4jNetwork.withParameters(spec, initial, rule, b);
    template.dl4j().setLearningRate(lrError * Conventions.dl4jLearningRate(spec, rule, alpha));
    SparkDl4jMultiLayer spark = new SparkDl4jMultiLayer(sc, template.dl4j(), Spark.trainingMaster(s, k, b, b, 1L,
        org.deeplearning4j.spark.api.RDDTrainingApproach.Direct, org.deeplearning4j.spark.api.Repartition.Always));

    Batches batches = new Batches(d, batch, c.optimizer().shuffleSeed());
    List<DistributedResult.Round> rounds = new ArrayList<>();
    for (int r = 0; r < c.steps() / f; r++) {
      List<List<DataSet>> perWorker = new ArrayList<>();
      for (int j = 0; j < k; j++) {
        perWorker.add(new ArrayList<>());
      }
      double costDl4j = Double.NaN;
      double costScratch = Double.NaN;
      for (int t = 0; t < f; t++) {
        Batches.Batch bt = batches.next();
        costScratch = scratch.step(bt.X(), bt.Y(), alpha);
        costDl4j = twin.step(bt.X(), bt.Y(), alpha);
        for (int j = 0; j < k; j++) { // worker j takes the j-th b examples of every batch
          int[] cols = new int[b];
          for (int i = 0; i < b; i++) {
            cols[i] = j * b + i;
          }
          perWorker.get(j).add(dataSet(bt.X().selectColumns(cols), bt.Y().selectColumns(cols)));
        }
      }
      List<DataSet> parts = new ArrayList<>();
      perWorker.forEach(parts::addAll); // parallelize gives partition j the j-th run of f elements
      spark.fit(sc.parallelize(parts, k));
      // Spark's cost is the workers' mean batch cost: the k·b examples' cost when f = 1, local costs otherwise
      double costSpark = f == 1 ? Conventions.costFromScore(spec, spark.getScore()) : Double.NaN;
      Parameters ps = Dl4jNetwork.wrap(spec, spark.getNetwork(), rule, b).parameters();
      rounds.add(new DistributedResult.Round((r + 1) * f, costSpark, costDl4j, costScratch,
          DistributedResult.worst(ps, twin.parameters(), c.tol()),
          DistributedResult.worst(ps, scratch.parameters(), c.tol()),
          DistributedResult.worst(twin.parameters(), scratch.parameters(), c.tol())));
      progress.accept((r + 1) * f);
    }
    return new DistributedResult(c.name(), k, b, f, List.copyOf(rounds), c.tol(), (System.nanoTime() - t0) / 1e9);
  }

  /** A DL4J DataSet of examples in the course's layout (one column each). */
  static DataSet dataSet(Matrix X, Matrix Y) {
    return new DataSet(Conventions.toDl4jData(X), Conventions.toDl4jData(Y));
  }
}
