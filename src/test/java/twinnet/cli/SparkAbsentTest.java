package twinnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import twinnet.train.SparkService;

/** The default build has no Spark: asking for it says how to get it (under -Pspark this test is skipped). */
class SparkAbsentTest {
  @Test
  void theSparkServiceIsRefusedWithTheBuildCommand() {
    Assumptions.assumeTrue(SparkService.find().isEmpty(), "built with -Pspark");
    StringWriter err = new StringWriter();
    int rc = Main.execute(new String[] {"train", "--data", "compare/data/quadratic.csv", "--backend", "spark",
        "--out", "target/never"}, new PrintWriter(new StringWriter()), new PrintWriter(err, true));
    assertThat(rc).isEqualTo(2);
    assertThat(err.toString()).contains("the spark backend is not in this build", "mvn -B -Pspark");
    rc = Main.execute(new String[] {"run", "--spark-workers", "2", "compare/spark-sgd-two-workers.json"},
        new PrintWriter(new StringWriter()), new PrintWriter(err, true));
    assertThat(rc).isEqualTo(2);
  }
}
