package twinnet.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import twinnet.compare.TensorDiff;
import twinnet.model.Tensor4;
import twinnet.report.CaseReport;

/**
 * Study mode of a network with conv stages: the shipped image classifier's feature maps and filters, both sides',
 * and the report's pictures of them.
 */
class ConvStudyTest {
  @Test
  void theClassifiersFeatureMapsAndFiltersAgreeAndAreDrawnPairByPair() {
    Case c = CaseParser.read(Path.of("compare/conv-image-classifier.json"));
    CaseResult r = CaseRunner.run(c, s -> { });
    CaseResult.ConvStudy s = r.convStudy();
    assertThat(s).isNotNull();
    assertThat(s.stages()).hasSize(c.convs().stages().size()).first().asString().startsWith("conv 3×3");
    assertThat(s.input().dim(0)).isEqualTo(CaseResult.CONV_STUDY_EXAMPLES);
    for (int i = 0; i < s.stages().size(); i++) {
      Tensor4 a = s.mapsScratch().get(i);
      Tensor4 b = s.mapsDl4j().get(i);
      assertThat(a.shape()).as("stage " + i).isEqualTo(b.shape());
      // the same sums in another order: double rounding, as the harness's gradient tolerance
      assertThat(TensorDiff.of("A", i, a.asRows(), b.asRows()).relativeError()).as("stage " + i).isLessThan(1e-12);
    }
    for (int k = 0; k < s.filtersScratch().size(); k++) { // read back from DL4J's weights: the very numbers
      assertThat(s.filtersDl4j().get(k)).isEqualTo(s.filtersScratch().get(k));
      assertThat(s.filtersScratch().get(k)).isEqualTo(r.initial().convs().get(k).W());
    }
    String html = CaseReport.html(r, new byte[0], null);
    int from = html.indexOf("<h2 id=study>");
    assertThat(from).as("the study section").isPositive();
    String study = html.substring(from);
    // the input once per image and channel; then a pair per image and channel of each stage, per slice of each filter
    int pictures = s.input().dim(0) * s.input().dim(3);
    for (Tensor4 a : s.mapsScratch()) {
      pictures += 2 * a.dim(0) * a.dim(3);
    }
    for (Tensor4 w : s.filtersScratch()) {
      pictures += 2 * w.dim(2) * w.dim(3);
    }
    assertThat(count(study, "<img ")).isEqualTo(pictures);
    Matcher m = Pattern.compile("max \\|Δ\\| ([0-9.e+-]+)").matcher(study);
    int pairs = 0;
    while (m.find()) {
      assertThat(Double.parseDouble(m.group(1))).isLessThan(1e-12);
      pairs++;
    }
    assertThat(pairs).isEqualTo((pictures - s.input().dim(0) * s.input().dim(3)) / 2);
  }

  private static int count(String s, String what) {
    int n = 0;
    for (int at = s.indexOf(what); at >= 0; at = s.indexOf(what, at + 1)) {
      n++;
    }
    return n;
  }
}
