package twinnet.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataTest {
  @TempDir
  Path dir;

  private Path csv(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, text.getBytes(StandardCharsets.UTF_8));
    return p;
  }

  @Test
  void csvColumnsBecomeCourseLayoutRows() throws IOException {
    Dataset d = CsvData.read(csv("a.csv", "a,b,y\n1,2,3\n4,5,6\n"), null, null);
    assertThat(d.X().toArray()).isEqualTo(new double[][] {{1, 4}, {2, 5}});
    assertThat(d.Y().toArray()).isEqualTo(new double[][] {{3, 6}});
    Dataset chosen = CsvData.read(dir.resolve("a.csv"), List.of("b"), List.of("a"));
    assertThat(chosen.X().toArray()).isEqualTo(new double[][] {{2, 5}});
    assertThat(chosen.Y().toArray()).isEqualTo(new double[][] {{1, 4}});
  }

  @Test
  void byteOrderMarkAndWindowsLineEndingsAreFine() throws IOException {
    Dataset d = CsvData.read(csv("bom.csv", "\uFEFFx,y\r\n1,2\r\n3,4\r\n"), List.of("x"), List.of("y"));
    assertThat(d.X().toArray()).isEqualTo(new double[][] {{1, 3}});
  }

  @Test
  void badCsvFilesNameTheProblem() throws IOException {
    assertThatThrownBy(() -> CsvData.read(csv("c.csv", "x,y\n1,2\n"), List.of("z"), null))
        .hasMessageContaining("no column \"z\"").hasMessageContaining("[x, y]");
    assertThatThrownBy(() -> CsvData.read(csv("d.csv", "x,y\n1,2\n3\n"), null, null))
        .hasMessageContaining("line 3 has 1 cells but the header has 2");
    assertThatThrownBy(() -> CsvData.read(csv("e.csv", "x,y\n1,abc\n"), null, null))
        .hasMessageContaining("line 2, column \"y\": \"abc\" is not a number");
    assertThatThrownBy(() -> CsvData.read(csv("f.csv", "x,y\n1,NaN\n"), null, null))
        .hasMessageContaining("not a finite number");
    assertThatThrownBy(() -> CsvData.read(csv("g.csv", ""), null, null)).hasMessageContaining("empty");
    assertThatThrownBy(() -> CsvData.read(csv("h.csv", "x,y\n"), null, null)).hasMessageContaining("no data rows");
    assertThatThrownBy(() -> CsvData.read(dir.resolve("missing.csv"), null, null))
        .hasMessageContaining("no such file");
  }

  @Test
  void shuffledBatchesVisitEveryExampleOncePerEpochAndRepeatForTheSameSeed() {
    Dataset d = new Dataset("ids", twinnet.model.Matrix.row(0, 1, 2, 3, 4, 5, 6), twinnet.model.Matrix.row(
        0, 1, 2, 3, 4, 5, 6));
    Batches a = new Batches(d, 3, 42L);
    Batches b = new Batches(d, 3, 42L);
    Set<Double> seen = new HashSet<>();
    int[] sizes = new int[3];
    for (int i = 0; i < 3; i++) {
      Batches.Batch x = a.next();
      assertThat(x.X()).isEqualTo(b.next().X());
      assertThat(x.X()).isEqualTo(x.Y());
      sizes[i] = x.X().cols();
      for (double v : x.X().toRowMajor()) {
        seen.add(v);
      }
    }
    assertThat(sizes).containsExactly(3, 3, 1);
    assertThat(seen).hasSize(7);
    Batches inOrder = new Batches(d, 3, null);
    assertThat(inOrder.next().X().toRowMajor()).containsExactly(0, 1, 2);
    assertThat(Batches.fullBatch(d).next().X()).isEqualTo(d.X());
    assertThatThrownBy(() -> new Batches(d, 0, null)).hasMessageContaining("at least 1");
  }

  @Test
  void standardizeGivesMeanZeroAndUnitPopulationDeviation() {
    var s = Datasets.standardize(Datasets.seedQuadratic().Y());
    assertThat(s.sum()).isCloseTo(0, within(1e-12));
    assertThat(s.times(s).sum() / 20).isCloseTo(1, within(1e-12));
  }

  @Test
  void aDegreeTwoPolynomialFitsTheSeedsQuadraticExactly() {
    Dataset d = Datasets.seedQuadratic();
    double[] x = d.X().toRowMajor();
    double[] y = d.Y().toRowMajor();
    Polynomial p2 = Polynomial.fit(x, y, 2);
    assertThat(p2.mse(x, y)).isLessThan(1e-18);
    assertThat(p2.at(25)).isCloseTo(3 * 625 + 75, within(1e-8));
    Polynomial p1 = Polynomial.fit(x, y, 1);
    assertThat(p1.mse(x, y)).isGreaterThan(1000);
    assertThatThrownBy(() -> Polynomial.fit(new double[] {1, 2}, new double[] {1, 2}, 2))
        .hasMessageContaining("more than 2 points");
  }
}
