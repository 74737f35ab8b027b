package twinnet.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The cost chart's axis: logarithmic only where the costs span a decade, else a log axis has one label. */
class ChartsTest {
  static Charts.Series series(double... y) {
    double[] x = new double[y.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = i;
    }
    return new Charts.Series("cost", x, y, Charts.Style.LINE);
  }

  @Test
  void theRangeOfTheCostsInDecadesDecidesTheAxis() {
    // cross-entropy from 1.5 to 0.32: under one decade, a linear axis
    assertThat(Charts.decades(List.of(series(1.5, 0.9, 0.32)))).isLessThan(1);
    // the seed's raw regression, 1e5 down to 1e3: a log axis
    assertThat(Charts.decades(List.of(series(1e5, 2e4, 3e3), series(9e4, 1e3)))).isCloseTo(2,
        org.assertj.core.data.Offset.offset(1e-12));
    assertThat(Charts.decades(List.of())).isZero();
  }

  @Test
  void bothKindsOfAxisDrawAPng() {
    for (Charts.Series s : List.of(series(1.5, 0.9, 0.32), series(1e5, 2e4, 3e3))) {
      byte[] png = Charts.lossCurves("t", List.of(s));
      assertThat(png).startsWith(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    }
  }
}
