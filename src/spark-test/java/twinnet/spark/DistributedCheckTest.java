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
    r.rounds().forEach(System.out::println);
    assertThat(r.rounds()).hasSize(40);
    assertThat(r.batchPerWorker()).isEqualTo(16);
    assertThat(r.agrees()).isTrue();
  }

  @Test
  void averagingLessOftenPartsMeasurably() {
    DistributedResult r = DistributedCheck.run(sc, kase(), new SparkSettings("local[2]", "averaging", 2, 4), s -> { });
    System.out.println(r.verdictLine());
    r.rounds().forEach(System.out::println);
    assertThat(r.agrees()).isFalse();
    assertThat(r.asExpected()).isTrue();
  }
}
