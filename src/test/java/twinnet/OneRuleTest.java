package twinnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rules that must be written once are (issue 22, docs in README's "One rule, one place"): read off the sources,
 * so that a second copy fails here, and each rule shown to catch the copy it was written against.
 */
class OneRuleTest {
  /** Files of main whose code (comments and strings removed) matches {@code p}, as paths under twinnet/. */
  static List<String> filesMatching(Pattern p) throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(ArchitectureTest.MAIN)) {
      for (Path f : walk.filter(x -> x.toString().endsWith(".java")).sorted().toList()) {
        if (p.matcher(ArchitectureTest.code(f)).find()) {
          out.add(ArchitectureTest.MAIN.relativize(f).toString());
        }
      }
    }
    return out;
  }

  /** θ − α·(…): a parameter update by a learning rate. */
  static final Pattern UPDATE = Pattern.compile("\\.minus\\([^;]*\\.scale\\([^;]*\\b(learningRate|lr|alpha)\\b");

  @Test
  void parametersAreUpdatedByTheCoursesFunctionsOnly() throws IOException {
    // Optimization: update_parameters (gd); Updates: the other optimizers' rules, which call it for gd
    assertThat(filesMatching(UPDATE)).containsExactly("scratch/Optimization.java", "scratch/Updates.java");
  }

  /** A class from a probability: one output above ½, or the largest of several. */
  static final Pattern CLASS_OF = Pattern.compile(">\\s*0\\.5\\s*\\?\\s*1\\s*:\\s*0");

  @Test
  void aClassIsDecidedInOnePlace() throws IOException {
    assertThat(filesMatching(CLASS_OF)).containsExactly("train/Classification.java");
  }

  @Test
  void backendMeansOneThingAndIsComparedAsAnEnum() throws IOException {
    assertThat(filesMatching(Pattern.compile("(interface|class|enum|record)\\s+\\w*Backend\\b")))
        .containsExactly("train/Backend.java");
    List<String> stringCompares = filesMatching(Pattern.compile("equals\\(\"(scratch|dl4j|spark)\"\\)"));
    assertThat(stringCompares).as("backend names compared as strings").noneMatch(f -> f.startsWith("train/"));
  }

  @Test
  void theRulesCatchTheCopiesTheyWereWrittenAgainst() {
    // the four copies of the update, the copy of classOf, the second and third Backend, as they were written
    assertThat(UPDATE.matcher("W.add(0, p.W(l).minus(dW.scale(learningRate)));").find()).isTrue();
    assertThat(UPDATE.matcher("W.add(p.W(l).minus(g.dW(l).scale(lr * sW)));").find()).isTrue();
    assertThat(UPDATE.matcher("return theta.minus(d.scale(alpha)); // W ← W − α·dW").find()).isTrue();
    assertThat(UPDATE.matcher("double resid = a.minus(b.scale(r)).norm();").find()).isFalse();
    assertThat(CLASS_OF.matcher("return p.get(0, j) > 0.5 ? 1 : 0;").find()).isTrue();
    assertThat(Pattern.compile("(interface|class|enum|record)\\s+\\w*Backend\\b").matcher(
        "public interface SparkBackend {").find()).isTrue();
  }
}
