package twinnet.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import twinnet.data.Dataset;
import twinnet.dl4j.Dl4jNetwork;
import twinnet.model.NetworkSpec;
import twinnet.scratch.ScratchNetwork;

/** The DL4J twin in float32 agrees with the double scratch network within Tolerances.FLOAT32, and no closer. */
class Float32Test {

  @Test
  void aFloatTwinAgreesWithinFloatTolerancesAcrossTheGridAtTheStart() {
    List<AgreementGridTest.Config> grid = AgreementGridTest.grid().toList();
    int looserThanDouble = 0;
    for (int i = 0; i < grid.size(); i += 4) { // every fourth configuration of the grid
      AgreementGridTest.Config c = grid.get(i);
      Dataset d = AgreementGridTest.data(c);
      NetworkSpec spec = AgreementGridTest.spec(c, d.X().rows());
      ScratchNetwork s = ScratchNetwork.initialized(spec, c.init(), c.seed());
      Dl4jNetwork f = Dl4jNetwork.withParameters(spec, s.parameters(), DataType.FLOAT);
      assertThat(f.name()).isEqualTo("dl4j-float");
      Comparison cmp = Harness.compare(s, f, d.X(), d.Y(), Tolerances.FLOAT32);
      assertThat(cmp.agrees()).as(c + ": " + cmp.verdict()).isTrue();
      if (!Harness.compare(s, f, d.X(), d.Y(), Tolerances.DEFAULT).agrees()) {
        looserThanDouble++;
      }
    }
    // float is measurably coarser: the double bounds would reject most of these
    assertThat(looserThanDouble).isGreaterThan(10);
  }

  @Test
  void onlyDoubleAndFloatAreOffered() {
    NetworkSpec spec = AgreementGridTest.spec(AgreementGridTest.grid().toList().get(0), 1);
    var p = ScratchNetwork.initialized(spec, twinnet.model.Initializer.HE, 1).parameters();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Dl4jNetwork.withParameters(spec, p, DataType.HALF))
        .hasMessageContaining("double or float");
  }
}
