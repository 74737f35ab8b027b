package twinnet.scratch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import twinnet.compare.TensorDiff;
import twinnet.model.Matrix;

/** The fast products equal the reference {@link Matrix#dot} on odd shapes, for any thread count, bit for bit. */
class KernelsTest {
  private static final int DEFAULT_THREADS = Kernels.threads();

  private static final boolean DEFAULT_VECTOR = Kernels.usingVectorApi();

  @AfterEach
  void restore() {
    Kernels.setThreads(DEFAULT_THREADS);
    Kernels.useVectorApi(DEFAULT_VECTOR);
  }

  /** The Vector API kernels when this JVM has them (the tests run with --add-modules), and the plain loops. */
  private static boolean[] implementations() {
    return Kernels.VECTOR_API_PRESENT ? new boolean[] {true, false} : new boolean[] {false};
  }

  @Test
  void theTestsRunWithTheVectorApi() {
    assertThat(Kernels.VECTOR_API_PRESENT).as("surefire passes --add-modules jdk.incubator.vector").isTrue();
    assertThat(Kernels.usingVectorApi()).isTrue();
  }

  private static Matrix random(int rows, int cols, long seed) {
    Random r = new Random(seed);
    double[] v = new double[rows * cols];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextGaussian();
    }
    return Matrix.of(rows, cols, v);
  }

  @ParameterizedTest(name = "{0}×{1} · {1}×{2}")
  @CsvSource({"1,1,1", "1,7,1", "3,1,5", "7,13,11", "17,3,2", "31,37,41", "64,64,64", "5,130,3", "129,67,257",
      "2,1031,2"})
  void everyProductEqualsTheReference(int n, int k, int p) {
    Matrix a = random(n, k, n * 31L + k);
    Matrix b = random(k, p, k * 17L + p);
    Matrix reference = a.dot(b);
    for (boolean vector : implementations()) {
      Kernels.useVectorApi(vector);
    for (int threads : new int[] {1, 2, 3}) {
      Kernels.setThreads(threads);
      assertThat(TensorDiff.of("C", 0, Kernels.matmul(a, b), reference).relativeError()).isLessThan(1e-12);
      assertThat(TensorDiff.of("C", 0, Kernels.matmulNT(a, b.transpose()), reference).relativeError())
          .isLessThan(1e-12);
      assertThat(TensorDiff.of("C", 0, Kernels.matmulTN(a.transpose(), b), reference).relativeError())
          .isLessThan(1e-12);
    }
    }
  }

  @Test
  void resultsAreBitIdenticalAcrossThreadCounts() {
    Matrix a = random(300, 257, 1);
    Matrix b = random(257, 1100, 2); // above the parallel threshold
    for (boolean vector : implementations()) {
      Kernels.useVectorApi(vector);
      bitIdenticalAcrossThreads(a, b);
    }
    // a wide C (a layer over a batch, p > 4n), whose columns are split between threads, with a ragged tail
    Matrix w = random(19, 67, 3);
    Matrix batch = random(67, 3001, 4);
    for (boolean vector : implementations()) {
      Kernels.useVectorApi(vector);
      bitIdenticalAcrossThreads(w, batch);
      assertThat(TensorDiff.of("C", 0, Kernels.matmul(w, batch), w.dot(batch)).relativeError()).isLessThan(1e-12);
    }
  }

  private static void bitIdenticalAcrossThreads(Matrix a, Matrix b) {
    Kernels.setThreads(1);
    Matrix one = Kernels.matmul(a, b);
    Matrix oneNT = Kernels.matmulNT(a, b.transpose());
    Matrix oneTN = Kernels.matmulTN(a.transpose(), b);
    for (int threads : new int[] {2, 3, 4}) {
      Kernels.setThreads(threads);
      assertThat(Kernels.matmul(a, b)).isEqualTo(one);
      assertThat(Kernels.matmulNT(a, b.transpose())).isEqualTo(oneNT);
      assertThat(Kernels.matmulTN(a.transpose(), b)).isEqualTo(oneTN);
    }
  }

  /**
   * The tall Aᵀ·B of im2col's dW: k from one row to several blocks and slices with ragged ends, equal to the
   * reference on both kernels and bit-identical on any number of threads (its blocks are added in order).
   */
  @ParameterizedTest(name = "({0}×{1})ᵀ · {0}×{2}")
  @CsvSource({"1,1,1", "5,3,2", "63,7,5", "64,9,4", "65,144,32", "1023,11,3", "1025,13,6", "4097,27,8"})
  void theTallProductEqualsTheReferenceOnAnyNumberOfThreads(int k, int n, int p) {
    Matrix a = random(k, n, k * 7L + n);
    Matrix b = random(k, p, k * 3L + p);
    Matrix reference = a.transpose().dot(b);
    for (boolean vector : implementations()) {
      Kernels.useVectorApi(vector);
      Kernels.setThreads(1);
      Matrix one = Kernels.matmulTNTall(a, b);
      assertThat(TensorDiff.of("C", 0, one, reference).relativeError()).isLessThan(1e-12);
      for (int threads : new int[] {2, 3, 5}) {
        Kernels.setThreads(threads);
        assertThat(Kernels.matmulTNTall(a, b)).isEqualTo(one);
      }
    }
    assertThatThrownBy(() -> Kernels.matmulTNTall(a, Matrix.zeros(k + 1, p))).hasMessageContaining("transpose of");
  }

  @Test
  void shapeErrorsNameTheShapes() {
    Matrix a = Matrix.zeros(2, 3);
    assertThatThrownBy(() -> Kernels.matmul(a, a)).hasMessageContaining("cannot multiply 2×3 by 2×3");
    assertThatThrownBy(() -> Kernels.matmulNT(a, Matrix.zeros(3, 2))).hasMessageContaining("transpose of 3×2");
    assertThatThrownBy(() -> Kernels.matmulTN(a, Matrix.zeros(3, 2))).hasMessageContaining("transpose of 2×3");
    assertThatThrownBy(() -> Kernels.setThreads(0)).hasMessageContaining("at least 1");
  }
}
