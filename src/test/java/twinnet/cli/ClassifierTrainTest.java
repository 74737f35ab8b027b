package twinnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import twinnet.data.Datasets;
import twinnet.model.Matrix;

/**
 * train on a classifier: softmax and categorical cross-entropy on Iris (one-hot target columns), on both
 * backends alike, with the validation accuracy and confusion matrix; the labels are never standardised.
 */
class ClassifierTrainTest {
  @TempDir
  Path dir;

  @Test
  void irisTrainsAlikeOnBothBackendsWithAccuracyAndConfusion() throws IOException {
    var iris = Datasets.iris();
    StringBuilder sb = new StringBuilder("sl,sw,pl,pw,setosa,versicolor,virginica\n");
    for (int j = 0; j < iris.examples(); j++) {
      for (int i = 0; i < 4; i++) {
        sb.append(iris.X().get(i, j)).append(',');
      }
      sb.append((int) iris.Y().get(0, j)).append(',').append((int) iris.Y().get(1, j)).append(',')
          .append((int) iris.Y().get(2, j)).append('\n');
    }
    Path csv = Files.writeString(dir.resolve("iris.csv"), sb.toString());
    String[] outs = new String[2];
    String[] backends = {"scratch", "dl4j"};
    for (int b = 0; b < 2; b++) {
      Snapshot.Ran r = Snapshot.run("train", "--data", csv.toString(), "--targets", "setosa,versicolor,virginica",
          "--output", "softmax", "--loss", "cce", "--hidden-layers", "8", "--epochs", "60", "--lr", "0.01",
          "--backend", backends[b], "--out", dir.resolve(backends[b]).toString());
      assertThat(r.rc()).as(r.err()).isZero();
      outs[b] = r.out();
      assertThat(r.out()).contains("validation accuracy", "confusion matrix", "setosa", "versicolor", "virginica");
      double acc = Double.parseDouble(r.out().replaceAll("(?s).*validation accuracy ([0-9.]+).*", "$1"));
      assertThat(acc).isGreaterThan(0.8);
      JsonNode m = new ObjectMapper().readTree(dir.resolve(backends[b]).resolve("model.json").toFile());
      assertThat(m.get("standardization").get("meanY").toString()).isEqualTo("[0.0,0.0,0.0]"); // labels as they are
      assertThat(m.get("standardization").get("sdY").toString()).isEqualTo("[1.0,1.0,1.0]");
    }
    // the same run on both backends: the same summary, the same confusion matrix
    assertThat(outs[1].replace("dl4j", "X").replaceAll("model: .*", ""))
        .isEqualTo(outs[0].replace("scratch", "X").replaceAll("model: .*", ""));
    // predictions of the model are probabilities over the classes
    Snapshot.Ran p = Snapshot.run("predict", "--model", dir.resolve("dl4j").toString(), "--data", csv.toString(),
        "--out", dir.resolve("p.csv").toString());
    assertThat(p.rc()).as(p.err()).isZero();
    String row = Files.readAllLines(dir.resolve("p.csv")).get(1);
    String[] cells = row.split(",");
    double sum = 0;
    for (int i = cells.length - 3; i < cells.length; i++) {
      sum += Double.parseDouble(cells[i]);
    }
    assertThat(sum).isBetween(1 - 1e-9, 1 + 1e-9);
    assertThat(Matrix.row(sum).isFinite()).isTrue();
  }

  @Test
  void theSparkServiceRefusesAClassifierClearly() throws IOException {
    Path csv = Files.writeString(dir.resolve("b.csv"), "x,y\n1,0\n2,1\n3,1\n");
    Snapshot.run("train", "--data", csv.toString(), "--backend", "spark", "--output", "sigmoid", "--loss", "bce",
        "--out", dir.resolve("m").toString()).assertOneLineError("--loss bce is not on the spark backend yet");
  }
}
