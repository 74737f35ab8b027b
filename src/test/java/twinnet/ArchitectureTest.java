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

  /** A class of main (package, name) and its file. */
  record Source(String pkg, String name, Path file) {}

  static Map<String, Source> sources() throws IOException {
    Map<String, Source> out = new java.util.TreeMap<>();
    try (Stream<Path> walk = Files.walk(MAIN)) {
      for (Path f : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
        String name = f.getFileName().toString().replace(".java", "");
        String pkg = MAIN.relativize(f.getParent()).toString().replace('/', '.');
        out.put(pkg + "." + name, new Source(pkg, name, f));
      }
    }
    return out;
  }

  /** The classes of main that {@code s}'s code uses: qualified (twinnet.x.Y) or of its own package by name. */
  static Set<String> uses(Source s, Map<String, Source> all) throws IOException {
    String code = code(s.file());
    Set<String> out = new java.util.TreeSet<>();
    Matcher m = Pattern.compile("\\btwinnet\\.([a-z0-9]+)\\.([A-Z]\\w*)").matcher(code);
    while (m.find()) {
      out.add(m.group(1) + "." + m.group(2));
    }
    for (Source o : all.values()) {
      if (o.pkg().equals(s.pkg()) && o != s && Pattern.compile("\\b" + o.name() + "\\b").matcher(code).find()) {
        out.add(o.pkg() + "." + o.name());
      }
    }
    out.retainAll(all.keySet());
    return out;
  }

  /**
   * A report renders what a run recorded: nothing it uses, however indirectly, builds a network or runs a check
   * (no class of scratch or dl4j in what it reaches). The result records it reads live apart from the runners.
   */
  @Test
  void theReportReachesNoNetworkAndNoChecker() throws IOException {
    Map<String, Source> all = sources();
    List<String> broken = new ArrayList<>();
    for (Source r : all.values().stream().filter(s -> s.pkg().equals("report")).toList()) {
      String path = networkReached(r.pkg() + "." + r.name(), all);
      if (path != null) {
        broken.add(path);
      }
    }
    assertThat(broken).as("report classes that reach a network").isEmpty();
  }

  /** The first chain of uses from {@code start} to a class of scratch or dl4j ("a → b → dl4j.C"), or null. */
  static String networkReached(String start, Map<String, Source> all) throws IOException {
    Map<String, String> via = new java.util.LinkedHashMap<>(); // class → the class that reached it
    java.util.Deque<String> todo = new java.util.ArrayDeque<>(List.of(start));
    while (!todo.isEmpty()) {
      String c = todo.pop();
      for (String u : uses(all.get(c), all)) {
        if (!via.containsKey(u)) {
          via.put(u, c);
          todo.push(u);
        }
      }
    }
    for (String c : via.keySet()) {
      if (c.startsWith("scratch.") || c.startsWith("dl4j.")) {
        List<String> path = new ArrayList<>(List.of(c));
        for (String p = via.get(c); p != null && !path.contains(p); p = via.get(p)) {
          path.add(0, p);
        }
        return String.join(" → ", path);
      }
    }
    return null;
  }

  @Test
  void theReachRuleFollowsImportsAndSamePackageNames(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
    // report.Page imports cases.Result; cases.Result names cases.Runner (same package, no import); the runner
    // builds a dl4j.Net: the page reaches a network two steps away
    Map<String, Source> all = new java.util.TreeMap<>();
    String[][] files = {{"report", "Page", "import twinnet.cases.Result; class Page { Result r; }"},
        {"cases", "Result", "class Result { Object o = Runner.run(); }"},
        {"cases", "Runner", "class Runner { static Object run() { return new twinnet.dl4j.Net(); } }"},
        {"dl4j", "Net", "class Net {}"}, {"cases", "Other", "class Other {}"}};
    for (String[] f : files) {
      Path p = Files.writeString(tmp.resolve(f[1] + ".java"), f[2]);
      all.put(f[0] + "." + f[1], new Source(f[0], f[1], p));
    }
    assertThat(networkReached("report.Page", all)).isEqualTo("report.Page → cases.Result → cases.Runner → dl4j.Net");
    assertThat(networkReached("cases.Other", all)).isNull();
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
