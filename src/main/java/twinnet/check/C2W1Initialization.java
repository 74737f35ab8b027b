package twinnet.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import twinnet.check.CheckResult.FunctionResult;
import twinnet.scratch.Initialization;

/**
 * Course 2, week 1, "Initialization": zeros, random (× 10) and He (× √(2/n_{l−1})), each W compared with
 * {@link Initialization}'s function on the learner's own numpy draws after the notebook's np.random.seed(3), so that
 * a right file never fails for numpy's generator; the scale a slip used is named.
 */
final class C2W1Initialization extends Checks {
  static final Notebook NOTEBOOK = new Notebook("c2w1-initialization", "course 2, week 1: Initialization",
      List.of("initialize_parameters_zeros", "initialize_parameters_random", "initialize_parameters_he"), List.of(),
      Set.of("initialize_parameters_zeros", "initialize_parameters_random", "initialize_parameters_he"), Map.of(),
      Map.of(), C2W1Initialization::new);

  C2W1Initialization(Session session, DeclaredModel model, long seed) {
    super(session, model, seed);
  }

  private static final int[][] LAYERS = {{3, 2, 1}, {4, 5, 3, 1}, {1, 1}};

  @Override
  FunctionResult check(String function) {
    List<InitCall> calls = new ArrayList<>();
    for (int[] d : LAYERS) {
      calls.add(new InitCall("layers_dims = " + java.util.Arrays.toString(d), List.of(ints(d)), d, null));
    }
    return switch (function) {
      case "initialize_parameters_zeros" -> initialization(function, calls, 3, null,
          (dims, draws) -> Initialization.initializeParametersZeros(dims));
      case "initialize_parameters_random" -> initialization(function, calls, 3, Scale.TEN,
          Initialization::initializeParametersRandom);
      case "initialize_parameters_he" -> initialization(function, calls, 3, Scale.HE,
          Initialization::initializeParametersHe);
      default -> throw new IllegalArgumentException(function + " is not " + NOTEBOOK.id() + "'s");
    };
  }
}
