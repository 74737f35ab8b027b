package twinnet.scratch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import twinnet.model.Matrix;
import twinnet.model.Tensor4;

/**
 * numpy's legacy draws that the course's public tests start from (fixtures/numpy-seed-draws.json, with the line that
 * made them): np.random.seed(1) then np.random.randn(…) calls in order, as one stream.
 */
final class NumpyDraws {
  private NumpyDraws() {}

  private static final double[] SEED1;
  static final int[] SEED0_PERMUTATION3;

  static {
    try (InputStream in = NumpyDraws.class.getResourceAsStream("/fixtures/numpy-seed-draws.json")) {
      JsonNode n = new ObjectMapper().readTree(in);
      SEED1 = new double[n.get("seed1_randn").size()];
      for (int i = 0; i < SEED1.length; i++) {
        SEED1[i] = n.get("seed1_randn").get(i).asDouble();
      }
      SEED0_PERMUTATION3 = new int[n.get("seed0_permutation3").size()];
      for (int i = 0; i < SEED0_PERMUTATION3.length; i++) {
        SEED0_PERMUTATION3[i] = n.get("seed0_permutation3").get(i).asInt();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** After np.random.seed(1), the draws {@code from} … {@code from + count − 1}. */
  static double[] seed1(int from, int count) {
    if (from + count > SEED1.length) {
      throw new IllegalArgumentException("the fixture holds " + SEED1.length + " draws; regenerate it with more");
    }
    return Arrays.copyOfRange(SEED1, from, from + count);
  }

  /** np.random.randn(rows, cols) after np.random.seed(1) and {@code from} draws. */
  static Matrix randn(int from, int rows, int cols) {
    return Matrix.of(rows, cols, seed1(from, rows * cols));
  }

  /** np.random.randn(a, b, c, d) after np.random.seed(1) and {@code from} draws. */
  static Tensor4 randn(int from, int a, int b, int c, int d) {
    return Tensor4.of(a, b, c, d, seed1(from, a * b * c * d));
  }
}
