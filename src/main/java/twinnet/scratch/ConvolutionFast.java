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
 * added back window by window (col2im). The same sums as the loops in another order: held to them to 1e-12
 * relative by ConvolutionTest.
 */
public final class ConvolutionFast {
  private ConvolutionFast() {}

  // cols[(i, h, w), (p, q, k)] = A_prev_pad[i, h·s + p, w·s + q, k]: each output position's window, one row
  static Matrix im2col(Tensor4 Aprev, int f, ConvParams hp, int nH, int nW) {
    int m = Aprev.dim(0);
    int hPrev = Aprev.dim(1);
    int wPrev = Aprev.dim(2);
    int c = Aprev.dim(3);
    int pad = hp.pad();
    int width = f * f * c;
    double[] a = Aprev.backingArray();
    double[] cols = new double[m * nH * nW * width];
    int row = 0;
    for (int i = 0; i < m; i++) {
      for (int h = 0; h < nH; h++) {
        for (int w = 0; w < nW; w++, row++) {
          int at = row * width;
          for (int p = 0; p < f; p++) {
            int y = h * hp.stride() + p - pad; // the row of A_prev under the padded window's row p
            for (int q = 0; q < f; q++, at += c) {
              int x = w * hp.stride() + q - pad;
              if (y >= 0 && y < hPrev && x >= 0 && x < wPrev) { // outside: the pad's zeros, already there
                System.arraycopy(a, ((i * hPrev + y) * wPrev + x) * c, cols, at, c);
              }
            }
          }
        }
      }
    }
    return Matrix.adopt(m * nH * nW, width, cols);
  }

  // conv_forward: Z = cols·W + b, (m·n_H·n_W) × n_C, which is Z (m, n_H, n_W, n_C) in C order
  public static ConvForward convForward(Tensor4 Aprev, Tensor4 W, Tensor4 b, ConvParams hp) {
    Convolution.requireFilters(Aprev, W, b);
    int f = W.dim(0);
    int nH = Convolution.outputSize(Aprev.dim(1), f, hp.pad(), hp.stride());
    int nW = Convolution.outputSize(Aprev.dim(2), f, hp.pad(), hp.stride());
    int nC = W.dim(3);
    Matrix z = Kernels.matmul(im2col(Aprev, f, hp, nH, nW), W.asRows());
    double[] zs = z.backingArray();
    double[] bias = b.backingArray();
    for (int r = 0; r < z.rows(); r++) {
      for (int c = 0; c < nC; c++) {
        zs[r * nC + c] += bias[c];
      }
    }
    return new ConvForward(Tensor4.adopt(Aprev.dim(0), nH, nW, nC, zs), Aprev, W, b, hp);
  }

  // conv_backward: dW = colsᵀ·dZ, db = Σ dZ over (i, h, w), d(cols) = dZ·Wᵀ added back into each window (col2im)
  public static ConvGrads convBackward(Tensor4 dZ, ConvForward cache) {
    Tensor4 Aprev = cache.Aprev();
    Tensor4 W = cache.W();
    ConvParams hp = cache.hparameters();
    int f = W.dim(0);
    int nH = dZ.dim(1);
    int nW = dZ.dim(2);
    int nC = dZ.dim(3);
    int c = Aprev.dim(3);
    Matrix d = Matrix.adopt(dZ.dim(0) * nH * nW, nC, dZ.backingArray());
    Matrix cols = im2col(Aprev, f, hp, nH, nW);
    Tensor4 dW = Tensor4.fromRows(Kernels.matmulTN(cols, d), f, f, c);
    double[] db = new double[nC];
    double[] ds = d.backingArray();
    for (int r = 0; r < d.rows(); r++) {
      for (int k = 0; k < nC; k++) {
        db[k] += ds[r * nC + k];
      }
    }
    double[] dcols = Kernels.matmulNT(d, W.asRows()).backingArray();
    int hPrev = Aprev.dim(1);
    int wPrev = Aprev.dim(2);
    double[] da = new double[Aprev.size()];
    int width = f * f * c;
    int row = 0;
    for (int i = 0; i < Aprev.dim(0); i++) {
      for (int h = 0; h < nH; h++) {
        for (int w = 0; w < nW; w++, row++) {
          int at = row * width;
          for (int p = 0; p < f; p++) {
            int y = h * hp.stride() + p - hp.pad();
            for (int q = 0; q < f; q++, at += c) {
              int x = w * hp.stride() + q - hp.pad();
              if (y >= 0 && y < hPrev && x >= 0 && x < wPrev) { // the pad's gradient is dropped (unpadding)
                int to = ((i * hPrev + y) * wPrev + x) * c;
                for (int k = 0; k < c; k++) {
                  da[to + k] += dcols[at + k];
                }
              }
            }
          }
        }
      }
    }
    return new ConvGrads(Tensor4.adopt(Aprev.dim(0), hPrev, wPrev, c, da), dW, Tensor4.adopt(1, 1, 1, nC, db));
  }
}
