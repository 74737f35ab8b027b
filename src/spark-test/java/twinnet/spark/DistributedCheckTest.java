package twinnet.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import twinnet.cases.Case;
import twinnet.cases.CaseParser;
import twinnet.cases.DistributedResult;
import twinnet.train.SparkSettings;

class DistributedCheckTest {
  static JavaSparkContext sc;

  @BeforeAll
  static void start() {
    sc = Spark.open(SparkSettings.DEFAULT);
  }

  @AfterAll
  static void stop() {
    sc.close();
  }

  static Case kase() {
    return CaseParser.read(Path.of("compare/spark-sgd-two-workers.json"));
  }

  @Test
  void twoWorkersAveragingEveryStepEqualOneMachineOnTheirUnion() {
    DistributedResult r = DistributedCheck.run(sc, kase(), new SparkSettings("local[2]", "averaging", 2, 1), s -> { });
    System.out.println(r.verdictLine());
    assertThat(r.rounds()).hasSize(40);
    assertThat(r.batchPerWorker()).isEqualTo(16);
    assertThat(r.agrees()).isTrue();
  }

  @Test
  void averagingLessOftenPartsMeasurably() {
    DistributedResult r = DistributedCheck.run(sc, kase(), new SparkSettings("local[2]", "averaging", 2, 4), s -> { });
    System.out.println(r.verdictLine());
    assertThat(r.agrees()).isFalse();
    assertThat(r.asExpected()).isTrue();
  }

  @Test
  void aSparkRunWithoutTheHalfMseMappingIsCaughtAtTheFirstStep() {
    // forgetting η = c·α (c = n_y/2 = ½ here) doubles Spark's step: the first round's parameters differ
    DistributedResult r = DistributedCheck.run(sc, kase(), new SparkSettings("local[2]", "averaging", 2, 1), s -> { },
        2.0);
    assertThat(r.agrees()).isFalse();
    assertThat(r.rounds().get(0).paramsVsDl4j()).isGreaterThan(1e-4);
    assertThat(r.rounds().get(0).costSpark()).isEqualTo(r.rounds().get(0).costDl4j(),
        org.assertj.core.data.Offset.offset(1e-12)); // the cost before the first update is still the same
  }

  @Test
  void casesOutsideTheEquivalenceAreRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> DistributedCheck.run(sc,
        CaseParser.read(Path.of("compare/minibatch-sgd-shuffled.json")),
        new SparkSettings("local[2]", "averaging", 2, 1), s -> { }))
        .hasMessageContaining("split evenly over the 2 workers");
  }
}
