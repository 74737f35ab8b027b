package twinnet.scratch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import twinnet.model.Activation;
import twinnet.model.Loss;
import twinnet.model.Matrix;
import twinnet.model.NetworkSpec;
import twinnet.model.Parameters;
import twinnet.scratch.Linear.Cache;
import twinnet.scratch.Linear.LinearCache;
import twinnet.scratch.Linear.LinearGrads;

/**
 * The course's public test fixtures (course 1, week 4), reproduced to 1e-12 (absolute, element-wise:
 * the values are O(1), and numpy computes them in the same order of operations up to summation order).
 */
class CourseFixturesTest {
  private static final double TOL = 1e-12;
  private static JsonNode fx;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in = CourseFixturesTest.class.getResourceAsStream("/fixtures/dls-course-fixtures.json")) {
      fx = new ObjectMapper().readTree(in);
    }
  }

  static Matrix m(JsonNode n) {
    double[][] a = new double[n.size()][];
    for (int i = 0; i < n.size(); i++) {
      a[i] = new double[n.get(i).size()];
      for (int j = 0; j < a[i].length; j++) {
        a[i][j] = n.get(i).get(j).asDouble();
      }
    }
    return Matrix.of(a);
  }

  static void assertClose(Matrix actual, JsonNode expected, String name) {
    Matrix e = m(expected);
    assertThat(actual.shape()).as(name + " shape").isEqualTo(e.shape());
    for (int i = 0; i < e.rows(); i++) {
      for (int j = 0; j < e.cols(); j++) {
        assertThat(actual.get(i, j)).as(name + "(" + i + "," + j + ")").isCloseTo(e.get(i, j),
            org.assertj.core.data.Offset.offset(TOL));
      }
    }
  }

  @Test
  void linearBackward() {
    JsonNode in = fx.at("/linear_backward/inputs");
    JsonNode ex = fx.at("/linear_backward/expected");
    LinearGrads g = Linear.linearBackward(m(in.get("dZ")), new LinearCache(m(in.get("A_prev")), m(in.get("W")),
        m(in.get("b"))));
    assertClose(g.dA_prev(), ex.get("dA_prev"), "dA_prev");
    assertClose(g.dW(), ex.get("dW"), "dW");
    assertClose(g.db(), ex.get("db"), "db");
  }

  @Test
  void linearActivationBackwardSigmoidAndRelu() {
    JsonNode in = fx.at("/linear_activation_backward/inputs");
    Cache cache = new Cache(new LinearCache(m(in.get("A_prev")), m(in.get("W")), m(in.get("b"))), m(in.get("Z")));
    for (String act : List.of("sigmoid", "relu")) {
      JsonNode ex = fx.at("/linear_activation_backward/expected/" + act);
      LinearGrads g = Linear.linearActivationBackward(m(in.get("dA")), cache, Activation.parse(act), Double.NaN);
      assertClose(g.dA_prev(), ex.get("dA_prev"), act + " dA_prev");
      assertClose(g.dW(), ex.get("dW"), act + " dW");
      assertClose(g.db(), ex.get("db"), act + " db");
    }
  }

  @Test
  void lModelForward() {
    JsonNode in = fx.at("/L_model_forward/inputs");
    List<Matrix> W = new ArrayList<>();
    List<Matrix> b = new ArrayList<>();
    for (int l = 1; l <= 3; l++) {
      W.add(m(in.get("W" + l)));
      b.add(m(in.get("b" + l)));
    }
    Parameters p = new Parameters(W, b);
    NetworkSpec spec = NetworkSpec.of(p.layers(), Activation.RELU, Activation.SIGMOID, Loss.BCE);
    ScratchNetwork net = new ScratchNetwork(spec, p);
    ScratchNetwork.ForwardPass f = net.lModelForward(m(in.get("X")));
    assertClose(f.AL(), fx.at("/L_model_forward/expected/AL"), "AL");
    assertThat(f.caches()).hasSize(3);
  }

  @Test
  void computeCost() {
    JsonNode in = fx.at("/compute_cost/inputs");
    double cost = Costs.computeCost(m(in.get("AL")), m(in.get("Y")), Loss.BCE);
    assertThat(cost).isCloseTo(fx.at("/compute_cost/expected/cost").asDouble(), org.assertj.core.data.Offset.offset(TOL));
  }

  @Test
  void lModelBackward() {
    JsonNode in = fx.at("/L_model_backward/inputs");
    List<Cache> caches = new ArrayList<>();
    for (JsonNode c : in.get("caches")) {
      caches.add(new Cache(new LinearCache(m(c.get("A_prev")), m(c.get("W")), m(c.get("b"))), m(c.get("Z"))));
    }
    int[] layers = {caches.get(0).linear().W().cols(), caches.get(0).linear().W().rows(), caches.get(1).linear().W().rows()};
    NetworkSpec spec = NetworkSpec.of(layers, Activation.RELU, Activation.SIGMOID, Loss.BCE);
    Parameters p = new Parameters(List.of(caches.get(0).linear().W(), caches.get(1).linear().W()),
        List.of(caches.get(0).linear().b(), caches.get(1).linear().b()));
    ScratchNetwork.BackwardPass g = new ScratchNetwork(spec, p).lModelBackward(m(in.get("AL")), m(in.get("Y")), caches);
    JsonNode ex = fx.at("/L_model_backward/expected");
    assertClose(g.dA().get(0), ex.get("dA0"), "dA0");
    assertClose(g.dA().get(1), ex.get("dA1"), "dA1");
    assertClose(g.grads().dW(1), ex.get("dW1"), "dW1");
    assertClose(g.grads().db(1), ex.get("db1"), "db1");
    assertClose(g.grads().dW(2), ex.get("dW2"), "dW2");
    assertClose(g.grads().db(2), ex.get("db2"), "db2");
  }
}
