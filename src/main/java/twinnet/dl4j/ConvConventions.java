package twinnet.dl4j;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import twinnet.model.Tensor4;

/**
 * Every mapping between the course's convolution layout and DL4J's, in one place (as {@link Conventions} for dense
 * layers), each pinned by ConvConventionsTest against DL4J 1.0.0-M2.1 itself:
 *
 * <ul>
 *   <li>filters: the course's W (f, f, n_C_prev, n_C) is ConvolutionLayer's "W" [nOut, nIn, kH, kW] ('c' order)
 *       after a permutation, W_dl4j[o, i, p, q] = W[p, q, i, o];</li>
 *   <li>biases: the course's b (1, 1, 1, n_C) is a rank-1 "b" [nOut] (first in the layer's flat parameters);</li>
 *   <li>images: the course's A (m, n_H, n_W, n_C) is DL4J's NHWC as it is, and its default NCHW after
 *       A.permute(0, 3, 1, 2);</li>
 *   <li>gradients: "i_W" and "i_b" are sums over the batch (no 1/m), as the course's conv_backward.</li>
 * </ul>
 */
public final class ConvConventions {
  private ConvConventions() {}

  /** Course W (f, f, n_C_prev, n_C) → DL4J W [nOut, nIn, kH, kW]. */
  public static INDArray toDl4jFilters(Tensor4 W) {
    return nd(W).permute(3, 2, 0, 1).dup('c');
  }

  /** DL4J W [nOut, nIn, kH, kW] (or its gradient) → course W (f, f, n_C_prev, n_C). */
  public static Tensor4 toCourseFilters(INDArray w) {
    return course(w.permute(2, 3, 1, 0));
  }

  /** Course b (1, 1, 1, n_C) → DL4J's rank-1 b [nOut]. */
  public static INDArray toDl4jBias(Tensor4 b) {
    return Nd4j.create(b.toArray(), new long[] {b.dim(3)}, DataType.DOUBLE);
  }

  /** DL4J b [nOut] (or [1, nOut]) → course b (1, 1, 1, n_C). */
  public static Tensor4 toCourseBias(INDArray b) {
    double[] v = new double[(int) b.length()];
    for (int j = 0; j < v.length; j++) {
      v[j] = b.getDouble(j);
    }
    return Tensor4.adopt(1, 1, 1, v.length, v);
  }

  /** Course A (m, n_H, n_W, n_C) → DL4J images in {@code format}: NHWC as they are, NCHW permuted. */
  public static INDArray toDl4jImages(Tensor4 A, CNN2DFormat format) {
    INDArray a = nd(A);
    return format == CNN2DFormat.NHWC ? a : a.permute(0, 3, 1, 2).dup('c');
  }

  /** DL4J images in {@code format} → course A (m, n_H, n_W, n_C). */
  public static Tensor4 toCourseImages(INDArray a, CNN2DFormat format) {
    return course(format == CNN2DFormat.NHWC ? a : a.permute(0, 2, 3, 1));
  }

  private static INDArray nd(Tensor4 t) {
    return Nd4j.create(t.toArray(), new long[] {t.dim(0), t.dim(1), t.dim(2), t.dim(3)}, 'c').castTo(DataType.DOUBLE);
  }

  private static Tensor4 course(INDArray a) {
    long[] s = a.shape();
    if (s.length != 4) {
      throw new IllegalArgumentException("a 4-D array was expected, got shape " + java.util.Arrays.toString(s));
    }
    INDArray c = a.dup('c');
    return Tensor4.adopt((int) s[0], (int) s[1], (int) s[2], (int) s[3], c.castTo(DataType.DOUBLE).data()
        .asDouble());
  }
}
