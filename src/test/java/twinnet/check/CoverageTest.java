package twinnet.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/check.md's coverage table is the catalogue's and the causes' own ({@link Catalogue#coverage}), and every cause
 * it lists is one that some check can say. After adding a notebook or a cause, write the table with
 * {@code mvn test -Dtest=CoverageTest -Dtwinnet.writeCoverage=true}.
 */
class CoverageTest {
  static final Path DOC = Path.of("docs/check.md");
  static final String BEGIN = "<!-- coverage: written by CoverageTest from Catalogue and Cause -->\n";
  static final String END = "<!-- coverage end -->";

  @Test
  void docsCoverageTableIsTheCatalogues() throws IOException {
    String doc = Files.readString(DOC);
    int b = doc.indexOf(BEGIN);
    int e = doc.indexOf(END);
    assertThat(b).as("docs/check.md has the coverage markers").isGreaterThanOrEqualTo(0);
    assertThat(e).isGreaterThan(b);
    String want = Catalogue.coverage();
    if (Boolean.getBoolean("twinnet.writeCoverage")) {
      Files.writeString(DOC, doc.substring(0, b + BEGIN.length()) + want + doc.substring(e));
      return;
    }
    assertThat(doc.substring(b + BEGIN.length(), e)).as("docs/check.md's coverage table; write it with "
        + "-Dtwinnet.writeCoverage=true").isEqualTo(want);
  }

  @Test
  void everyCauseIsSaidSomewhereAndListedUnderAFunctionItsNotebookHas() throws IOException {
    StringBuilder sources = new StringBuilder();
    try (Stream<Path> s = Files.list(Path.of("src/main/java/twinnet/check"))) {
      for (Path p : s.filter(p -> !p.getFileName().toString().equals("Cause.java")).toList()) {
        sources.append(Files.readString(p));
      }
    }
    List<String> unsaid = new ArrayList<>();
    List<String> unlisted = new ArrayList<>();
    for (Cause c : Cause.values()) {
      if (!sources.toString().matches("(?s).*\\b" + c.name() + "\\b.*")) {
        unsaid.add(c.name());
      }
      boolean listed = c.function.equals("*");
      for (Notebook n : Catalogue.NOTEBOOKS) {
        for (String f : n.all()) {
          listed |= Catalogue.belongs(c, n, f);
        }
      }
      if (!listed) {
        unlisted.add(c.name() + " (" + c.notebook + ", " + c.function + ")");
      }
      if (!c.notebook.equals("*")) {
        assertThat(Catalogue.byId(c.notebook)).as(c.name() + "'s notebook").isNotNull();
      }
    }
    assertThat(unsaid).as("causes no check says").isEmpty();
    assertThat(unlisted).as("causes under no notebook's function").isEmpty();
  }

  @Test
  void theTableNamesEveryFunctionOfEveryNotebook() {
    String table = Catalogue.coverage();
    for (Notebook n : Catalogue.NOTEBOOKS) {
      assertThat(table).contains("`--notebook " + n.id() + "`");
      n.all().forEach(f -> assertThat(table).contains("| `" + f + "` |"));
    }
  }
}
