package twinnet.scratch;

import twinnet.model.Matrix;
import twinnet.model.Tensor4;
import twinnet.scratch.Convolution.ConvForward;
import twinnet.scratch.Convolution.ConvGrads;
import twinnet.scratch.Convolution.ConvParams;

/**
 * {@link Convolution}'s conv_forward and conv_backward as matrix products (im2col): every window of A_prev_pad laid
 * out as a row of cols ((m·n_H·n_W) × (f·f·n_C_prev)), W as its (f·f·n_C_prev) × n_C matrix (its own C order), so
 * that Z = cols·W + b is Z in (m, n_H, n_W, n_C) order, dW = colsᵀ·dZ, db = Σ dZ, and dA_prev is d(cols) = dZ·Wᵀ
 * added back window by window (col2im), a slice of positions at a time (the whole d(cols) is never made). The
 * same sums as the loops in another order: held to them to 1e-12 relative by ConvolutionTest. Examples are shared
 * between threads; dW's sum over positions ({@link Kernels#matmulTNTall}) gives the same numbers on any number.
 */
public final class ConvolutionFast {
  private ConvolutionFast() {}

  /** Output positions whose d(cols) rows are made and added back at a time in the backward pass. */
  static final int SLICE = 64;

  // cols[(i, h, w), (p, q, k)] = A_prev_pad[i, h·s + p, w·s + q, k]: each output position's window, one row
  static Matrix im2col(Tensor4 Aprev, int f, ConvParams hp, int nH, int nW, double[] reuse) {
    int m = Aprev.dim(0);
    int hPrev = Aprev.dim(1);
    int wPrev = Aprev.dim(2);
    int c = Aprev.dim(3);
    int pad = hp.pad();
    int width = f * f * c;
    double[] a = Aprev.backingArray();
    // a buffer of an earlier pass, where given and of the size: 75 MB of fresh pages cost as much as the copying
    double[] cols = reuse != null && reuse.length == m * nH * nW * width ? reuse : new double[m * nH * nW * width];
    Kernels.forRows(m, (long) m * nH * nW * width, (from, to) -> { // examples shared between threads
      for (int i = from; i < to; i++) {
        int row = i * nH * nW;
        for (int h = 0; h < nH; h++) {
          for (int w = 0; w < nW; w++, row++) {
            int at = row * width;
            for (int p = 0; p < f; p++) {
              int y = h * hp.stride() + p - pad; // the row of A_prev under the padded window's row p
              for (int q = 0; q < f; q++, at += c) {
                int x = w * hp.stride() + q - pad;
                if (y >= 0 && y < hPrev && x >= 0 && x < wPrev) {
                  System.arraycopy(a, ((i * hPrev + y) * wPrev + x) * c, cols, at, c);
                } else { // the pad's zeros
                  java.util.Arrays.fill(cols, at, at + c, 0);
                }
              }
            }
          }
        }
      }
    });
    return Matrix.adopt(m * nH * nW, width, cols);
  }

  /** conv_forward's cache and the im2col matrix it multiplied: the backward pass's dW = colsᵀ·dZ reuses it. */
  public record Pass(ConvForward cache, Matrix cols) {}

  public static ConvForward convForward(Tensor4 Aprev, Tensor4 W, Tensor4 b, ConvParams hp) {
    return convForwardKeepingCols(Aprev, W, b, hp, null).cache();
  }

  // conv_forward: Z = cols·W + b, (m·n_H·n_W) × n_C, which is Z (m, n_H, n_W, n_C) in C order
  // (reuse: an earlier pass's cols to write over, or null)
  public static Pass convForwardKeepingCols(Tensor4 Aprev, Tensor4 W, Tensor4 b, ConvParams hp, Matrix reuse) {
    Convolution.requireFilters(Aprev, W, b);
    int f = W.dim(0);
    int nH = Convolution.outputSize(Aprev.dim(1), f, hp.pad(), hp.stride());
    int nW = Convolution.outputSize(Aprev.dim(2), f, hp.pad(), hp.stride());
    int nC = W.dim(3);
    Matrix cols = im2col(Aprev, f, hp, nH, nW, reuse == null ? null : reuse.backingArray());
    Matrix z = Kernels.matmul(cols, W.asRows());
    double[] zs = z.backingArray();
    double[] bias = b.backingArray();
    for (int r = 0; r < z.rows(); r++) {
      for (int c = 0; c < nC; c++) {
        zs[r * nC + c] += bias[c];
      }
    }
    return new Pass(new ConvForward(Tensor4.adopt(Aprev.dim(0), nH, nW, nC, zs), Aprev, W, b, hp), cols);
  }

  // conv_backward: dW = colsᵀ·dZ, db = Σ dZ over (i, h, w), d(cols) = dZ·Wᵀ added back into each window (col2im)
  public static ConvGrads convBackward(Tensor4 dZ, ConvForward cache) {
    return convBackward(dZ, cache, null);
  }

  /** ... with the forward pass's im2col matrix ({@code cols}; null: made again from the cache's A_prev). */
  public static ConvGrads convBackward(Tensor4 dZ, ConvForward cache, Matrix cols) {
    Tensor4 Aprev = cache.Aprev();
    Tensor4 W = cache.W();
    ConvParams hp = cache.hparameters();
    int f = W.dim(0);
    int nH = dZ.dim(1);
    int nW = dZ.dim(2);
    int nC = dZ.dim(3);
    int c = Aprev.dim(3);
    Matrix d = Matrix.adopt(dZ.dim(0) * nH * nW, nC, dZ.backingArray());
    Matrix windows = cols != null ? cols : im2col(Aprev, f, hp, nH, nW, null);
    Tensor4 dW = Tensor4.fromRows(Kernels.matmulTNTall(windows, d), f, f, c);
    double[] db = new double[nC];
    double[] ds = d.backingArray();
    for (int r = 0; r < d.rows(); r++) {
      for (int k = 0; k < nC; k++) {
        db[k] += ds[r * nC + k];
      }
    }
    // d(cols) = dZ·Wᵀ a slice of rows (output positions) at a time, each added back into its windows at once
    double[] ds0 = dZ.backingArray();
    double[] w = W.asRows().backingArray(); // (f·f·n_C_prev) × n_C: d(cols) = dZ·Wᵀ is dZ against W's rows
    int hPrev = Aprev.dim(1);
    int wPrev = Aprev.dim(2);
    double[] da = new double[Aprev.size()];
    int width = f * f * c;
    int positions = nH * nW;
    Kernels.forRows(Aprev.dim(0), (long) dZ.size() * width, (from, to) -> { // each example's dA_prev is its own
      double[] dz = new double[SLICE * nC];
      double[] dcols = new double[SLICE * width];
      for (int i = from; i < to; i++) {
        for (int s0 = 0; s0 < positions; s0 += SLICE) {
          int len = Math.min(SLICE, positions - s0);
          System.arraycopy(ds0, (i * positions + s0) * nC, dz, 0, len * nC);
          java.util.Arrays.fill(dcols, 0);
          Kernels.matmulNTRows(dz, w, dcols, nC, width, 0, len);
          for (int r = 0; r < len; r++) {
            int h = (s0 + r) / nW;
            int wo = (s0 + r) % nW;
            int at = r * width;
            for (int p = 0; p < f; p++) {
              int y = h * hp.stride() + p - hp.pad();
              for (int q = 0; q < f; q++, at += c) {
                int x = wo * hp.stride() + q - hp.pad();
                if (y >= 0 && y < hPrev && x >= 0 && x < wPrev) { // the pad's gradient is dropped (unpadding)
                  int cell = ((i * hPrev + y) * wPrev + x) * c;
                  for (int k = 0; k < c; k++) {
                    da[cell + k] += dcols[at + k];
                  }
                }
              }
            }
          }
        }
      }
    });
    return new ConvGrads(Tensor4.adopt(Aprev.dim(0), hPrev, wPrev, c, da), dW, Tensor4.adopt(1, 1, 1, nC, db));
  }
}
