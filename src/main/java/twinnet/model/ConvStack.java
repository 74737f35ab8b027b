package twinnet.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The convolutional front of a network: images of {@code height × width × channels} (the course's (m, n_H, n_W,
 * n_C), one example a column of (h, w, c) values when they cross the {@link Network} interface, as numpy's
 * A.reshape(m, −1).T), then convolution and pooling stages in order, then a flatten into the dense layers of the
 * {@link NetworkSpec}, whose first size is {@link #outputs()}.
 *
 * <p>Conv stages are numbered 1…K among the network's layers with parameters (pools have none); the dense layers
 * follow as K + 1…K + L in reports.
 */
public record ConvStack(int height, int width, int channels, List<Stage> stages) {

  /** One stage: a convolution (with its activation) or a pool. */
  public sealed interface Stage permits Conv, Pool {}

  /**
   * A convolution: {@code filters} filters of f × f, with stride and zero padding, then {@code activation}
   * (identity, relu, leaky_relu, tanh or sigmoid).
   */
  public record Conv(int f, int stride, int pad, int filters, Activation activation) implements Stage {
    public Conv {
      if (f < 1 || f > 15 || stride < 1 || stride > 8 || pad < 0 || pad > 8 || filters < 1 || filters > 256) {
        throw new IllegalArgumentException("a conv stage takes f 1–15, stride 1–8, pad 0–8 and 1–256 filters, got f "
            + f + ", stride " + stride + ", pad " + pad + ", filters " + filters);
      }
      if (activation == null || activation == Activation.SOFTMAX || activation == Activation.ELU) {
        throw new IllegalArgumentException("a conv stage's activation is identity, relu, leaky_relu, tanh or "
            + "sigmoid, got " + (activation == null ? "none" : activation.id()));
      }
    }
  }

  /** Max or average pooling over f × f windows (no padding), as the course's pool_forward. */
  public record Pool(Pooling mode, int f, int stride) implements Stage {
    public Pool {
      if (mode == null || f < 1 || f > 15 || stride < 1 || stride > 8) {
        throw new IllegalArgumentException("a pool stage takes a mode (max or average), f 1–15 and stride 1–8, got "
            + mode + ", f " + f + ", stride " + stride);
      }
    }
  }

  /** The course's pooling modes, pool_forward's {@code mode}. */
  public enum Pooling {
    MAX("max"), AVERAGE("average");

    public final String id;

    Pooling(String id) {
      this.id = id;
    }

    public static Pooling of(String id) {
      for (Pooling p : values()) {
        if (p.id.equals(id)) {
          return p;
        }
      }
      throw new IllegalArgumentException("unknown pool mode '" + id + "': use max or average");
    }
  }

  public ConvStack {
    if (height < 1 || width < 1 || channels < 1 || height > 512 || width > 512 || channels > 64) {
      throw new IllegalArgumentException("images are 1–512 × 1–512 × 1–64, got " + height + " × " + width + " × "
          + channels);
    }
    if (stages == null || stages.isEmpty()) {
      throw new IllegalArgumentException("a conv stack needs at least one stage");
    }
    stages = List.copyOf(stages);
    shapes(height, width, channels, stages); // every window fits
  }

  /** Each stage's output (n_H, n_W, n_C), in order; the input first. */
  public List<int[]> shapes() {
    return shapes(height, width, channels, stages);
  }

  private static List<int[]> shapes(int h, int w, int c, List<Stage> stages) {
    List<int[]> out = new ArrayList<>(List.of(new int[] {h, w, c}));
    int k = 1;
    for (Stage s : stages) {
      int f = s instanceof Conv cv ? cv.f() : ((Pool) s).f();
      int stride = s instanceof Conv cv ? cv.stride() : ((Pool) s).stride();
      int pad = s instanceof Conv cv ? cv.pad() : 0;
      if (h + 2 * pad < f || w + 2 * pad < f) {
        throw new IllegalArgumentException("stage " + k + "'s window of " + f + " × " + f + " does not fit its input of "
            + h + " × " + w + (pad > 0 ? " padded by " + pad : "") + ": use a smaller f or larger images");
      }
      h = (h - f + 2 * pad) / stride + 1; // ⌊(n − f + 2·pad)/stride⌋ + 1
      w = (w - f + 2 * pad) / stride + 1;
      c = s instanceof Conv cv ? cv.filters() : c;
      out.add(new int[] {h, w, c});
      k++;
    }
    return out;
  }

  /** n_x of the images: height · width · channels. */
  public int inputs() {
    return height * width * channels;
  }

  /** The flattened size the dense layers start from. */
  public int outputs() {
    int[] last = shapes().get(stages.size());
    return last[0] * last[1] * last[2];
  }

  /** K, the conv stages (the layers with parameters). */
  public int convCount() {
    return (int) stages.stream().filter(s -> s instanceof Conv).count();
  }

  /** The conv stages, in order. */
  public List<Conv> convs() {
    return stages.stream().filter(s -> s instanceof Conv).map(s -> (Conv) s).toList();
  }

  /** The input channels of conv stage k (1-based). */
  public int channelsInto(int k) {
    int seen = 0;
    List<int[]> shapes = shapes();
    for (int i = 0; i < stages.size(); i++) {
      if (stages.get(i) instanceof Conv && ++seen == k) {
        return shapes.get(i)[2];
      }
    }
    throw new IllegalArgumentException("no conv stage " + k);
  }

  /** Whether a max pool follows a stage: the place where DL4J gives a tied maximum's gradient to the first only. */
  public boolean hasMaxPool() {
    return stages.stream().anyMatch(s -> s instanceof Pool p && p.mode() == Pooling.MAX);
  }

  /** "conv 3×3/1 pad 1 × 4 relu → max pool 2/2 → …", for reports. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    parts.add(height + "×" + width + "×" + channels);
    for (Stage s : stages) {
      parts.add(describe(s));
    }
    return String.join(" → ", parts);
  }

  /** One stage in words: "conv 3×3 stride 1 pad 1 × 4 relu", "max pool 2×2 stride 2". */
  public static String describe(Stage s) {
    return s instanceof Conv c ? "conv " + c.f() + "×" + c.f() + " stride " + c.stride() + " pad " + c.pad() + " × "
        + c.filters() + " " + c.activation().id() : ((Pool) s).mode().id + " pool " + ((Pool) s).f() + "×"
        + ((Pool) s).f() + " stride " + ((Pool) s).stride();
  }

  /** What a network with conv stages takes in this version: dense layers that start where the stages end, and no
   * dropout, batch norm or L2 (yet). */
  public void requireSupports(NetworkSpec spec, Optimizer optimizer) {
    if (spec.inputs() != outputs()) {
      int[] last = shapes().get(stages.size());
      throw new IllegalArgumentException("the conv stages end in " + last[0] + " × " + last[1] + " × " + last[2] + " = "
          + outputs() + " values, so the dense layers start with " + outputs() + ", not " + spec.inputs());
    }
    if (spec.hasDropout() || spec.batchNorm() != null || optimizer.l2() > 0) {
      throw new IllegalArgumentException("a network with conv layers takes no dropout, batch norm or L2 in this "
          + "version: leave them out");
    }
  }

  /** X: one image a column, its (h, w, c) values; Y (or null): n_y × m. */
  public void requireImages(NetworkSpec spec, Matrix X, Matrix Y) {
    if (X.rows() != inputs()) {
      throw new IllegalArgumentException("X has " + X.rows() + " rows, but the images are " + height + " × " + width
          + " × " + channels + " = " + inputs() + " values each (one image a column)");
    }
    if (Y != null && (Y.rows() != spec.outputs() || Y.cols() != X.cols())) {
      throw new IllegalArgumentException("Y is " + Y.shape() + " for " + X.cols() + " images: it must be "
          + spec.outputs() + "×" + X.cols());
    }
  }
}
