package twinnet.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import twinnet.cases.CaseResult;
import twinnet.model.Tensor4;

/**
 * Study mode of a network with conv stages: its feature maps and filters as images, scratch's beside DL4J's, at the
 * initial weights. Each image is one channel of one example (or one filter's slice W[:, :, k, c]), grey from its
 * smallest value (black) to its largest (white) over both sides together, so that two sides that agree give the same
 * picture; the largest difference is printed under each pair.
 */
final class FeatureMaps {
  private FeatureMaps() {}

  /** Pixels of screen per pixel of a map, and the smallest side of an image on the page. */
  static final int SCALE = 8;
  static final int MIN_SIDE = 48;

  static String html(CaseResult.ConvStudy s) {
    int m = s.input().dim(0);
    StringBuilder h = new StringBuilder("<h2 id=study>Study mode: feature maps and filters at step 0</h2>");
    h.append("<p>Each stage's output for the first ").append(m).append(m == 1 ? " image" : " images")
        .append(", channel by channel, scratch on the left and DL4J on the right of each pair (DL4J's NHWC "
            + "activations are the course's (m, n_H, n_W, n_C) as they are), then each conv's filters W[:, :, k, c], "
            + "DL4J's read back from its [n_C, n_C_prev, f, f] weights. Grey runs from the smallest value of a pair "
            + "(black) to its largest (white), the same scale for both sides: where they agree the two pictures are "
            + "the same, and max |Δ| under them says by how much they differ.</p>");
    h.append("<h3>Input</h3>").append(maps(s.input(), s.input()));
    for (int i = 0; i < s.stages().size(); i++) {
      h.append("<h3>Stage ").append(i + 1).append(": ").append(Html.esc(s.stages().get(i))).append("</h3>");
      h.append(maps(s.mapsScratch().get(i), s.mapsDl4j().get(i)));
    }
    for (int k = 0; k < s.filtersScratch().size(); k++) {
      h.append("<h3>Filters of conv ").append(k + 1).append(" (W ").append(s.filtersScratch().get(k).shapeText())
          .append(")</h3>").append(filters(s.filtersScratch().get(k), s.filtersDl4j().get(k)));
    }
    return h.toString();
  }

  /** A table: a row per example, a cell per channel holding the scratch and DL4J images of that channel. */
  private static String maps(Tensor4 a, Tensor4 b) {
    boolean one = a == b; // the input: one picture, the same for both sides
    StringBuilder h = new StringBuilder("<table><tr><th class=l></th>");
    for (int c = 0; c < a.dim(3); c++) {
      h.append("<th>channel ").append(c).append(one ? "" : "<br><small>scratch · dl4j</small>").append("</th>");
    }
    h.append("</tr>");
    for (int i = 0; i < a.dim(0); i++) {
      h.append("<tr><td class=l>image ").append(i).append("</td>");
      for (int c = 0; c < a.dim(3); c++) {
        double[][] x = channel(a, i, c);
        double[][] y = channel(b, i, c);
        h.append("<td>").append(pair(x, one ? null : y, "image " + i + ", channel " + c)).append("</td>");
      }
      h.append("</tr>");
    }
    return h.append("</table>").toString();
  }

  /** A table: a row per input channel k, a cell per filter c holding W[:, :, k, c] of both sides. */
  private static String filters(Tensor4 a, Tensor4 b) {
    StringBuilder h = new StringBuilder("<table><tr><th class=l></th>");
    for (int c = 0; c < a.dim(3); c++) {
      h.append("<th>filter ").append(c).append("<br><small>scratch · dl4j</small></th>");
    }
    h.append("</tr>");
    for (int k = 0; k < a.dim(2); k++) {
      h.append("<tr><td class=l>input channel ").append(k).append("</td>");
      for (int c = 0; c < a.dim(3); c++) {
        h.append("<td>").append(pair(slice(a, k, c), slice(b, k, c), "W[:, :, " + k + ", " + c + "]"))
            .append("</td>");
      }
      h.append("</tr>");
    }
    return h.append("</table>").toString();
  }

  static double[][] channel(Tensor4 t, int i, int c) {
    double[][] x = new double[t.dim(1)][t.dim(2)];
    for (int h = 0; h < t.dim(1); h++) {
      for (int w = 0; w < t.dim(2); w++) {
        x[h][w] = t.get(i, h, w, c);
      }
    }
    return x;
  }

  static double[][] slice(Tensor4 W, int k, int c) {
    double[][] x = new double[W.dim(0)][W.dim(1)];
    for (int p = 0; p < W.dim(0); p++) {
      for (int q = 0; q < W.dim(1); q++) {
        x[p][q] = W.get(p, q, k, c);
      }
    }
    return x;
  }

  /** The two images on one grey scale, and their largest difference (one image where {@code y} is null). */
  private static String pair(double[][] x, double[][] y, String what) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    double diff = 0;
    for (int p = 0; p < x.length; p++) {
      for (int q = 0; q < x[p].length; q++) {
        lo = Math.min(lo, Math.min(x[p][q], y == null ? x[p][q] : y[p][q]));
        hi = Math.max(hi, Math.max(x[p][q], y == null ? x[p][q] : y[p][q]));
        diff = y == null ? 0 : Math.max(diff, Math.abs(x[p][q] - y[p][q]));
      }
    }
    String range = " (" + Html.num(lo) + " to " + Html.num(hi) + ")";
    if (y == null) {
      return picture(x, lo, hi, what + range);
    }
    return picture(x, lo, hi, "scratch, " + what + range) + " " + picture(y, lo, hi, "dl4j, " + what + range)
        + "<br><small style=\"white-space:nowrap\">max |Δ| " + Html.sci(diff) + "</small>";
  }

  /** One image, grey from lo (black) to hi (white), shown SCALE times larger with its pixels kept square. */
  static String picture(double[][] x, double lo, double hi, String alt) {
    int rows = x.length;
    int cols = x[0].length;
    BufferedImage img = new BufferedImage(cols, rows, BufferedImage.TYPE_BYTE_GRAY);
    for (int p = 0; p < rows; p++) {
      for (int q = 0; q < cols; q++) {
        double v = hi > lo ? (x[p][q] - lo) / (hi - lo) : 0.5;
        int g = (int) Math.round(255 * (Double.isFinite(v) ? v : 0));
        img.getRaster().setSample(q, p, 0, g);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int width = Math.max(MIN_SIDE, cols * SCALE);
    int height = width * rows / cols;
    return Html.img(out.toByteArray(), alt).replace("<img ", "<img title=\"" + Html.esc(alt) + "\" width=" + width
        + " height=" + height + " style=\"image-rendering:pixelated;border:1px solid #bbb\" ");
  }
}
