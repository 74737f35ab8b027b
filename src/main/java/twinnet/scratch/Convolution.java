package twinnet.scratch;

import twinnet.model.Tensor4;

/**
 * Course 4, week 1, "Convolutional Model: Step by Step", in the notebook's names, layout and loops: A (m, n_H, n_W,
 * n_C), W (f, f, n_C_prev, n_C), b (1, 1, 1, n_C). Each forward beside its backward; the loops are the reference,
 * {@link ConvolutionFast} the same arithmetic as matrix products (held to these by ConvolutionTest).
 */
public final class Convolution {
  private Convolution() {}

  /** hparameters of a convolution: {"stride", "pad"}. */
  public record ConvParams(int stride, int pad) {
    public ConvParams {
      if (stride < 1 || pad < 0) {
        throw new IllegalArgumentException("a convolution's stride is at least 1 and its pad at least 0, got stride "
            + stride + ", pad " + pad);
      }
    }
  }

  /** hparameters of a pooling layer: {"f", "stride"}. */
  public record PoolParams(int f, int stride) {
    public PoolParams {
      if (f < 1 || stride < 1) {
        throw new IllegalArgumentException("a pool's f and stride are at least 1, got f " + f + ", stride " + stride);
      }
    }
  }

  /** The pooling modes: "max" and "average". */
  public enum Mode {
    MAX("max"), AVERAGE("average");

    public final String id;

    Mode(String id) {
      this.id = id;
    }
  }

  // n_H = ⌊(n_H_prev − f + 2·pad)/stride⌋ + 1 (a window that would run past the edge is left out)
  public static int outputSize(int nPrev, int f, int pad, int stride) {
    int span = nPrev - f + 2 * pad;
    if (span < 0) {
      throw new IllegalArgumentException("a window of " + f + " does not fit " + nPrev + " + 2·" + pad + " = " + (nPrev
          + 2 * pad) + " positions");
    }
    return span / stride + 1;
  }

  // zero_pad: X (m, n_H, n_W, n_C) with pad zeros before and after axes 1 and 2 (np.pad, constant 0)
  public static Tensor4 zeroPad(Tensor4 X, int pad) {
    int m = X.dim(0);
    int h = X.dim(1);
    int w = X.dim(2);
    int c = X.dim(3);
    Tensor4 out = Tensor4.zeros(m, h + 2 * pad, w + 2 * pad, c);
    for (int i = 0; i < m; i++) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          for (int k = 0; k < c; k++) {
            out.add(i, y + pad, x + pad, k, X.get(i, y, x, k));
          }
        }
      }
    }
    return out;
  }

  // conv_single_step: Z = Σ a_slice_prev ⊙ W + b, one filter on one window (f, f, n_C_prev)
  public static double convSingleStep(Tensor4 aPrevPad, int i, int vertStart, int horizStart, Tensor4 W, int c,
      double b) {
    int f = W.dim(0);
    double s = 0;
    for (int p = 0; p < f; p++) {
      for (int q = 0; q < f; q++) {
        for (int k = 0; k < W.dim(2); k++) {
          s += aPrevPad.get(i, vertStart + p, horizStart + q, k) * W.get(p, q, k, c);
        }
      }
    }
    return s + b;
  }

  /** conv_forward's result: Z and the cache (A_prev, W, b, hparameters). */
  public record ConvForward(Tensor4 Z, Tensor4 Aprev, Tensor4 W, Tensor4 b, ConvParams hparameters) {}

  // conv_forward: Z[i, h, w, c] = conv_single_step(A_prev_pad[i, h·s : h·s + f, w·s : w·s + f, :], W[..., c], b[..., c])
  public static ConvForward convForward(Tensor4 Aprev, Tensor4 W, Tensor4 b, ConvParams hp) {
    requireFilters(Aprev, W, b);
    int f = W.dim(0);
    int m = Aprev.dim(0);
    int nH = outputSize(Aprev.dim(1), f, hp.pad(), hp.stride());
    int nW = outputSize(Aprev.dim(2), f, hp.pad(), hp.stride());
    int nC = W.dim(3);
    Tensor4 Z = Tensor4.zeros(m, nH, nW, nC);
    Tensor4 aPrevPad = zeroPad(Aprev, hp.pad());
    for (int i = 0; i < m; i++) {
      for (int h = 0; h < nH; h++) {
        int vertStart = h * hp.stride();
        for (int w = 0; w < nW; w++) {
          int horizStart = w * hp.stride();
          for (int c = 0; c < nC; c++) {
            Z.add(i, h, w, c, convSingleStep(aPrevPad, i, vertStart, horizStart, W, c, b.get(0, 0, 0, c)));
          }
        }
      }
    }
    return new ConvForward(Z, Aprev, W, b, hp);
  }

  /** conv_backward's result. */
  public record ConvGrads(Tensor4 dAprev, Tensor4 dW, Tensor4 db) {}

  // conv_backward: for every window, da_prev_pad[window] += W[..., c]·dZ[i, h, w, c]; dW[..., c] += a_slice·dZ[i, h, w, c];
  //                db[..., c] += dZ[i, h, w, c]; then dA_prev = da_prev_pad without its pad (sums over the m examples)
  public static ConvGrads convBackward(Tensor4 dZ, ConvForward cache) {
    Tensor4 Aprev = cache.Aprev();
    Tensor4 W = cache.W();
    int f = W.dim(0);
    int pad = cache.hparameters().pad();
    int stride = cache.hparameters().stride();
    int m = Aprev.dim(0);
    int nCprev = Aprev.dim(3);
    Tensor4 aPrevPad = zeroPad(Aprev, pad);
    Tensor4 daPrevPad = Tensor4.zeros(m, Aprev.dim(1) + 2 * pad, Aprev.dim(2) + 2 * pad, nCprev);
    Tensor4 dW = Tensor4.zeros(f, f, nCprev, W.dim(3));
    Tensor4 db = Tensor4.zeros(1, 1, 1, W.dim(3));
    for (int i = 0; i < m; i++) {
      for (int h = 0; h < dZ.dim(1); h++) {
        for (int w = 0; w < dZ.dim(2); w++) {
          for (int c = 0; c < dZ.dim(3); c++) {
            int vertStart = h * stride;
            int horizStart = w * stride;
            double g = dZ.get(i, h, w, c);
            for (int p = 0; p < f; p++) {
              for (int q = 0; q < f; q++) {
                for (int k = 0; k < nCprev; k++) {
                  daPrevPad.add(i, vertStart + p, horizStart + q, k, W.get(p, q, k, c) * g);
                  dW.add(p, q, k, c, aPrevPad.get(i, vertStart + p, horizStart + q, k) * g);
                }
              }
            }
            db.add(0, 0, 0, c, g);
          }
        }
      }
    }
    return new ConvGrads(unpad(daPrevPad, pad), dW, db);
  }

  // da_prev_pad[:, pad : −pad, pad : −pad, :], written so that pad = 0 keeps everything (numpy's 0:−0 is empty)
  static Tensor4 unpad(Tensor4 padded, int pad) {
    int m = padded.dim(0);
    int h = padded.dim(1) - 2 * pad;
    int w = padded.dim(2) - 2 * pad;
    int c = padded.dim(3);
    Tensor4 out = Tensor4.zeros(m, h, w, c);
    for (int i = 0; i < m; i++) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          for (int k = 0; k < c; k++) {
            out.add(i, y, x, k, padded.get(i, y + pad, x + pad, k));
          }
        }
      }
    }
    return out;
  }

  static void requireFilters(Tensor4 Aprev, Tensor4 W, Tensor4 b) {
    if (W.dim(0) != W.dim(1)) {
      throw new IllegalArgumentException("W is " + W.shapeText() + ": the course's filters are square, (f, f, "
          + "n_C_prev, n_C)");
    }
    if (W.dim(2) != Aprev.dim(3)) {
      throw new IllegalArgumentException("W " + W.shapeText() + " filters " + W.dim(2) + " channels but A_prev "
          + Aprev.shapeText() + " has " + Aprev.dim(3));
    }
    if (b.dim(0) != 1 || b.dim(1) != 1 || b.dim(2) != 1 || b.dim(3) != W.dim(3)) {
      throw new IllegalArgumentException("b is " + b.shapeText() + "; for W " + W.shapeText() + " it is (1, 1, 1, "
          + W.dim(3) + ")");
    }
  }

  /** pool_forward's result: A and the cache (A_prev, hparameters), with the mode. */
  public record PoolForward(Tensor4 A, Tensor4 Aprev, PoolParams hparameters, Mode mode) {}

  // pool_forward: A[i, h, w, c] = max (or mean) of A_prev[i, h·s : h·s + f, w·s : w·s + f, c]; no padding
  public static PoolForward poolForward(Tensor4 Aprev, PoolParams hp, Mode mode) {
    int f = hp.f();
    int m = Aprev.dim(0);
    int nH = outputSize(Aprev.dim(1), f, 0, hp.stride());
    int nW = outputSize(Aprev.dim(2), f, 0, hp.stride());
    int nC = Aprev.dim(3);
    Tensor4 A = Tensor4.zeros(m, nH, nW, nC);
    for (int i = 0; i < m; i++) {
      for (int h = 0; h < nH; h++) {
        for (int w = 0; w < nW; w++) {
          for (int c = 0; c < nC; c++) {
            int vertStart = h * hp.stride();
            int horizStart = w * hp.stride();
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0;
            for (int p = 0; p < f; p++) {
              for (int q = 0; q < f; q++) {
                double a = Aprev.get(i, vertStart + p, horizStart + q, c);
                max = Math.max(max, a);
                sum += a;
              }
            }
            A.add(i, h, w, c, mode == Mode.MAX ? max : sum / (f * f));
          }
        }
      }
    }
    return new PoolForward(A, Aprev, hp, mode);
  }

  // create_mask_from_window: mask = (x == np.max(x)), 1 at every maximum of the window (every tied one too)
  public static boolean[][] createMaskFromWindow(double[][] x) {
    double max = Double.NEGATIVE_INFINITY;
    for (double[] row : x) {
      for (double v : row) {
        max = Math.max(max, v);
      }
    }
    boolean[][] mask = new boolean[x.length][];
    for (int p = 0; p < x.length; p++) {
      mask[p] = new boolean[x[p].length];
      for (int q = 0; q < x[p].length; q++) {
        mask[p][q] = x[p][q] == max;
      }
    }
    return mask;
  }

  // distribute_value: dz spread evenly over a window of shape (n_H, n_W), dz/(n_H·n_W) in each cell
  public static double[][] distributeValue(double dz, int nH, int nW) {
    double[][] a = new double[nH][nW];
    double average = dz / (nH * nW);
    for (double[] row : a) {
      java.util.Arrays.fill(row, average);
    }
    return a;
  }

  // pool_backward: max — dA_prev[window] += mask ⊙ dA[i, h, w, c]; average — dA_prev[window] += distribute_value(…)
  public static Tensor4 poolBackward(Tensor4 dA, PoolForward cache) {
    Tensor4 Aprev = cache.Aprev();
    int f = cache.hparameters().f();
    int stride = cache.hparameters().stride();
    Tensor4 dAprev = Tensor4.zeros(Aprev.dim(0), Aprev.dim(1), Aprev.dim(2), Aprev.dim(3));
    for (int i = 0; i < dA.dim(0); i++) {
      for (int h = 0; h < dA.dim(1); h++) {
        for (int w = 0; w < dA.dim(2); w++) {
          for (int c = 0; c < dA.dim(3); c++) {
            int vertStart = h * stride;
            int horizStart = w * stride;
            if (cache.mode() == Mode.MAX) {
              double[][] aPrevSlice = new double[f][f];
              for (int p = 0; p < f; p++) {
                for (int q = 0; q < f; q++) {
                  aPrevSlice[p][q] = Aprev.get(i, vertStart + p, horizStart + q, c);
                }
              }
              boolean[][] mask = createMaskFromWindow(aPrevSlice);
              for (int p = 0; p < f; p++) {
                for (int q = 0; q < f; q++) {
                  if (mask[p][q]) {
                    dAprev.add(i, vertStart + p, horizStart + q, c, dA.get(i, h, w, c));
                  }
                }
              }
            } else {
              double[][] share = distributeValue(dA.get(i, h, w, c), f, f);
              for (int p = 0; p < f; p++) {
                for (int q = 0; q < f; q++) {
                  dAprev.add(i, vertStart + p, horizStart + q, c, share[p][q]);
                }
              }
            }
          }
        }
      }
    }
    return dAprev;
  }
}
