package twinnet.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** spark-jvm.options (the README's {@code java @spark-jvm.options}) holds the flags the tests run with. */
class SparkJvmOptionsTest {
  @Test
  void theArgFileIsThePomsList() throws IOException {
    Matcher m = Pattern.compile("<spark.jvm.flags>([^<]*)</spark.jvm.flags>").matcher(Files.readString(Path.of(
        "pom.xml")));
    assertThat(m.find()).isTrue();
    List<String> pom = Arrays.asList(m.group(1).trim().split("\\s+"));
    List<String> file = Files.readAllLines(Path.of("spark-jvm.options")).stream().map(String::trim)
        .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    assertThat(file).containsExactlyElementsOf(pom);
    // and this JVM runs with them (surefire's argLine under -Pspark)
    assertThat(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments())
        .contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED");
  }
}
