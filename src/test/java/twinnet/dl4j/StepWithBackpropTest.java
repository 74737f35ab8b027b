package twinnet.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import twinnet.data.Dataset;
import twinnet.data.Datasets;
import twinnet.model.Activation;
import twinnet.model.Initializer;
import twinnet.model.Loss;
import twinnet.model.Matrix;
import twinnet.model.Network;
import twinnet.model.NetworkSpec;
import twinnet.model.Optimizer;
import twinnet.model.Parameters;

/**
 * The twin's one-pass step hands over the gradient that DL4J's fit computed and then applied: it must be, bit for
 * bit, what a separate backprop at the same parameters gives, step after step, with the same cost and the same
 * parameters after (the harness compares this gradient with the scratch network's at every step); and it leaves
 * no listener behind, on the network or in its solver.
 */
class StepWithBackpropTest {

  static Stream<Arguments> twins() {
    NetworkSpec regression = NetworkSpec.of(new int[] {3, 5, 4, 2}, Activation.RELU, Activation.IDENTITY,
        Loss.HALF_MSE);
    NetworkSpec binary = NetworkSpec.of(new int[] {3, 5, 2}, Activation.TANH, Activation.SIGMOID, Loss.BCE);
    NetworkSpec classes = NetworkSpec.of(new int[] {3, 5, 3}, Activation.RELU, Activation.SOFTMAX, Loss.CCE);
    Dataset reals = Datasets.random(3, 2, 16, 7);
    return Stream.of(
        Arguments.of("gd", regression, reals, Optimizer.GD, DataType.DOUBLE),
        // the course's (λ/m)·W, added from the parameters before the update; one batch size (DL4J's fixed l2)
        Arguments.of("gd+l2", regression, reals, Optimizer.GD.withL2(0.3), DataType.DOUBLE),
        // an updater that rescales the gradient in place right after the listener reads it
        Arguments.of("adam_dl4j", regression, reals, Optimizer.of(Optimizer.Kind.ADAM_DL4J), DataType.DOUBLE),
        Arguments.of("sigmoid+bce", binary, Datasets.randomBinary(3, 2, 16, 7), Optimizer.GD, DataType.DOUBLE),
        Arguments.of("softmax+cce", classes, Datasets.randomClasses(3, 3, 16, 7), Optimizer.GD, DataType.DOUBLE),
        Arguments.of("float", regression, reals, Optimizer.GD, DataType.FLOAT));
  }

  private static Dl4jNetwork twin(NetworkSpec spec, Parameters initial, Optimizer rule, DataType dtype, int m) {
    return dtype == DataType.DOUBLE ? Dl4jNetwork.withParameters(spec, initial, rule, m)
        : Dl4jNetwork.withParameters(spec, initial, dtype);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("twins")
  void theGradientFitAppliedIsTheBackpropAtTheParametersBeforeTheStep(String name, NetworkSpec spec, Dataset data,
      Optimizer rule, DataType dtype) throws Exception {
    Parameters initial = Dl4jNetwork.initializedByDl4j(spec, Initializer.HE, 3).parameters();
    Dl4jNetwork twice = twin(spec, initial, rule, dtype, data.examples());
    Dl4jNetwork once = twin(spec, initial, rule, dtype, data.examples());
    if (dtype == DataType.DOUBLE) {
      // a network without a solver (its field is transient: a network read back by Java serialisation has none)
      // builds one at its first fit from a copy of the listeners, which still holds the capture when the step
      // removes it from the network's
      MultiLayerNetwork fresh = new MultiLayerNetwork(once.dl4j().getLayerWiseConfigurations().clone());
      fresh.init(once.dl4j().params().dup(), false);
      Field solver = MultiLayerNetwork.class.getDeclaredField("solver");
      solver.setAccessible(true);
      solver.set(fresh, null);
      once = Dl4jNetwork.wrap(spec, fresh, rule, data.examples());
    }
    boolean oneBatchSize = rule.l2() > 0;
    for (int t = 0; t < 6; t++) {
      // batches of 16 and 10 examples in turn (one size with L2); a plain step in between from step 3 on
      int m = oneBatchSize || t % 2 == 0 ? data.examples() : 10;
      Matrix X = data.X().columns(0, m);
      Matrix Y = data.Y().columns(0, m);
      Network.Backprop expected = twice.backprop(X, Y);
      double cost = twice.step(X, Y, 0.05);
      Network.Stepped s = once.stepWithBackprop(X, Y, 0.05);

      assertThat(s.cost()).as("step %d: cost", t).isEqualTo(cost);
      assertThat(s.before().cost()).as("step %d: the backprop's cost", t).isEqualTo(expected.cost());
      assertThat(s.before().AL().toRowMajor()).as("step %d: AL", t).containsExactly(expected.AL().toRowMajor());
      List<Parameters.Tensor> want = expected.grads().backwardOrder();
      List<Parameters.Tensor> got = s.before().grads().backwardOrder();
      assertThat(got).hasSameSizeAs(want);
      for (int i = 0; i < want.size(); i++) {
        assertThat(got.get(i).value().toRowMajor()).as("step %d: %s", t, want.get(i).name())
            .containsExactly(want.get(i).value().toRowMajor());
      }
      assertSameParameters(once.parameters(), twice.parameters());
      assertThat(once.dl4j().getListeners()).as("the network's listeners after step %d", t).isEmpty();
      assertThat(solverListeners(once.dl4j())).as("the solver's listeners after step %d", t).isEmpty();
      if (t >= 3) {
        once.step(X, Y, 0.05);
        twice.step(X, Y, 0.05);
        assertSameParameters(once.parameters(), twice.parameters());
      }
    }
  }

  /** The listeners DL4J's optimizer calls during fit (BaseOptimizer's field: no getter). */
  private static Collection<?> solverListeners(MultiLayerNetwork net) throws ReflectiveOperationException {
    return (Collection<?>) field(net.getOptimizer(), "trainingListeners");
  }

  /** A field of DL4J's, read by reflection (a DL4J upgrade that renames it fails here, not silently). */
  private static Object field(Object o, String name) throws ReflectiveOperationException {
    for (Class<?> c = o.getClass(); c != null; c = c.getSuperclass()) {
      try {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(o);
      } catch (NoSuchFieldException e) {
        // up the hierarchy
      }
    }
    throw new AssertionError(o.getClass().getName() + " has no field " + name + " any more: update this test");
  }

  private static void assertSameParameters(Parameters a, Parameters b) {
    List<Parameters.Tensor> ta = a.tensors();
    List<Parameters.Tensor> tb = b.tensors();
    for (int i = 0; i < ta.size(); i++) {
      assertThat(ta.get(i).value().toRowMajor()).as(ta.get(i).name()).containsExactly(tb.get(i).value().toRowMajor());
    }
  }
}
