package twinnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The floor plan the README states, read off the sources: the harness speaks only the Network interface
 * (compare uses neither implementation), a report renders what it is given (no network built there),
 * training does not depend on rendering, and the two implementations never see each other.
 */
class ArchitectureTest {
  static final Path MAIN = Path.of("src/main/java/twinnet");

  /** Package → the twinnet packages it must not use. */
  static final Map<String, Set<String>> FORBIDDEN = Map.of(
      "compare", Set.of("scratch", "dl4j", "cases", "train", "report", "cli", "check"),
      "report", Set.of("scratch", "dl4j"),
      "train", Set.of("report", "cli", "compare", "check"), // SparkService also serves run --spark-workers (cases)
      "scratch", Set.of("dl4j", "compare", "cases", "train", "report", "cli", "check", "data"),
      "dl4j", Set.of("scratch", "compare", "cases", "train", "report", "cli", "check"),
      "model", Set.of("scratch", "dl4j", "compare", "cases", "train", "report", "cli", "check", "data", "io"),
      "io", Set.of("scratch", "dl4j", "compare", "cases", "train", "report", "cli", "check", "data", "model"));

  static final Pattern USE = Pattern.compile("\\btwinnet\\.([a-z0-9]+)\\.[A-Z]");

  /** The code of a file, without its comments and strings (a Javadoc may name any package). */
  static String code(Path f) throws IOException {
    return Files.readString(f).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "")
        .replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"");
  }

  @Test
  void everyPackageKeepsToItsNeighbours() throws IOException {
    List<String> broken = new ArrayList<>();
    for (var rule : FORBIDDEN.entrySet()) {
      try (Stream<Path> files = Files.list(MAIN.resolve(rule.getKey()))) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          Matcher m = USE.matcher(code(f));
          while (m.find()) {
            if (rule.getValue().contains(m.group(1))) {
              broken.add(f + " uses twinnet." + m.group(1));
            }
          }
        }
      }
    }
    assertThat(broken).isEmpty();
  }

  @Test
  void theImplementationsDoNotSeeEachOtherAndScratchHasNoNd4j() throws IOException {
    try (Stream<Path> files = Files.list(MAIN.resolve("scratch"))) {
      for (Path f : files.toList()) {
        assertThat(code(f)).as(f.toString()).doesNotContain("org.nd4j", "org.deeplearning4j");
      }
    }
  }

  @Test
  void theRuleCatchesAViolation() throws IOException {
    // the scanner itself: an import and a fully qualified use are found, a Javadoc mention is not
    Path tmp = Files.createTempFile("Arch", ".java");
    try {
      Files.writeString(tmp, "/** uses {@link twinnet.scratch.ScratchNetwork} */\nimport twinnet.dl4j.Dl4jNetwork;\n"
          + "class X { Object o = new twinnet.scratch.Linear(); String s = \"twinnet.train.Trainer\"; }\n");
      Matcher m = USE.matcher(code(tmp));
      List<String> found = new ArrayList<>();
      while (m.find()) {
        found.add(m.group(1));
      }
      assertThat(found).containsExactly("dl4j", "scratch");
    } finally {
      Files.delete(tmp);
    }
  }
}
