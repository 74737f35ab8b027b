package twinnet.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG charts for reports (headless): loss curves and fits. */
public final class Charts {
  private Charts() {}

  static {
    System.setProperty("java.awt.headless", "true");
  }

  /** A line to draw: name, x, y, and whether it is dashed, markers only, or a line. */
  public record Series(String name, double[] x, double[] y, Style style, int color) {
    /** A series with the next colour of the palette. */
    public Series(String name, double[] x, double[] y, Style style) {
      this(name, x, y, style, -1);
    }
  }

  public enum Style { LINE, DASHED, MARKERS }

  private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
      new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
      new Color(0x17becf), new Color(0xbcbd22)};

  /**
   * Loss against step, log scale when the costs span a decade or more (a narrower range on a log axis would
   * get a single labelled tick), linear otherwise; non-positive and non-finite values are left out of the
   * drawing.
   */
  public static byte[] lossCurves(String title, List<Series> series) {
    XYChart chart = new XYChartBuilder().width(760).height(420).title(title).xAxisTitle("step").yAxisTitle("cost")
        .build();
    // A diverging curve would stretch the axis to 1e300: it is drawn until it leaves 1e4 × the largest
    // starting cost, which reads as what it is.
    double start = 0;
    for (Series s : series) {
      if (s.y().length > 0 && Double.isFinite(s.y()[0])) {
        start = Math.max(start, s.y()[0]);
      }
    }
    double cap = start > 0 ? start * 1e4 : Double.MAX_VALUE;
    List<Series> capped = new ArrayList<>();
    for (Series s : series) {
      double[] y = s.y().clone();
      for (int i = 0; i < y.length; i++) {
        if (y[i] > cap) {
          y[i] = Double.NaN;
        }
      }
      capped.add(new Series(s.name(), s.x(), y, s.style(), s.color()));
    }
    List<Series> drawn = positiveFinite(capped);
    if (decades(drawn) >= 1) {
      chart.getStyler().setYAxisLogarithmic(true);
      chart.getStyler().setYAxisDecimalPattern("0.#E0");
    }
    return draw(chart, drawn);
  }

  /** log10(max / min) of the values drawn (0 when there are none). */
  static double decades(List<Series> series) {
    double min = Double.POSITIVE_INFINITY;
    double max = 0;
    for (Series s : series) {
      for (double v : s.y()) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    return max > 0 ? Math.log10(max / min) : 0;
  }

  /** A training run's learning curves: train and validation MSE per epoch, in the targets' units. */
  public static byte[] learningCurves(List<twinnet.train.Epoch> history) {
    double[] epoch = history.stream().mapToDouble(twinnet.train.Epoch::epoch).toArray();
    return lossCurves("learning curves (MSE in the targets' units)", List.of(
        new Series("train", epoch, history.stream().mapToDouble(e -> e.train().mse()).toArray(), Style.LINE, 0),
        new Series("validation", epoch, history.stream().mapToDouble(e -> e.validation().mse()).toArray(),
            Style.DASHED, 1)));
  }

  /** Relative differences against step, log scale (non-positive values left out). */
  public static byte[] differences(String title, List<Series> series) {
    XYChart chart = new XYChartBuilder().width(760).height(420).title(title).xAxisTitle("step")
        .yAxisTitle("relative difference").build();
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setYAxisDecimalPattern("0.#E0");
    return draw(chart, positiveFinite(series));
  }

  /** A fit: data as markers, predictions as lines, against x. */
  public static byte[] fit(String title, String xTitle, String yTitle, List<Series> series) {
    XYChart chart = new XYChartBuilder().width(760).height(460).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle)
        .build();
    return draw(chart, finite(series));
  }

  private static byte[] draw(XYChart chart, List<Series> series) {
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotBackgroundColor(Color.WHITE);
    chart.getStyler().setLegendVisible(true);
    chart.getStyler().setXAxisTickMarkSpacingHint(90);
    int i = 0;
    for (Series s : series) {
      if (s.x().length == 0) {
        continue;
      }
      XYSeries xy = chart.addSeries(s.name(), s.x(), s.y());
      Color color = PALETTE[(s.color() >= 0 ? s.color() : i) % PALETTE.length];
      i++;
      xy.setLineColor(color);
      xy.setMarkerColor(color);
      switch (s.style()) {
        case LINE -> {
          xy.setMarker(SeriesMarkers.NONE);
          xy.setLineStyle(new BasicStroke(2f));
        }
        case DASHED -> {
          xy.setMarker(SeriesMarkers.NONE);
          xy.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
              new float[] {6f, 5f}, 0f));
        }
        case MARKERS -> {
          xy.setMarker(SeriesMarkers.CIRCLE);
          xy.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        }
      }
    }
    try {
      return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Series> positiveFinite(List<Series> in) {
    return filter(in, true);
  }

  private static List<Series> finite(List<Series> in) {
    return filter(in, false);
  }

  private static List<Series> filter(List<Series> in, boolean positive) {
    List<Series> out = new ArrayList<>();
    for (Series s : in) {
      List<double[]> keep = new ArrayList<>();
      for (int i = 0; i < s.x().length; i++) {
        double y = s.y()[i];
        if (Double.isFinite(y) && Double.isFinite(s.x()[i]) && (!positive || y > 0)) {
          keep.add(new double[] {s.x()[i], y});
        }
      }
      out.add(new Series(s.name(), keep.stream().mapToDouble(p -> p[0]).toArray(),
          keep.stream().mapToDouble(p -> p[1]).toArray(), s.style(), s.color()));
    }
    return out;
  }

  /** 0, 1, …, n − 1. */
  public static double[] steps(int n) {
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      s[i] = i;
    }
    return s;
  }
}
