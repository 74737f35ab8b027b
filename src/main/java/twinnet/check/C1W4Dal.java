package twinnet.check;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import twinnet.model.Activation;
import twinnet.model.Loss;
import twinnet.model.Matrix;
import twinnet.model.NetworkSpec;
import twinnet.model.Parameters;
import twinnet.scratch.Activations;
import twinnet.scratch.Costs;
import twinnet.scratch.ScratchNetwork;

/**
 * dAL, where course 1, week 4's backward pass starts and where the learner of the seed got lost: the usual wrong
 * formulas (over m, summed, the activation's derivative, another loss's), each run as the start of the scratch
 * network's backward pass and named when it gives the learner's L_model_backward answer.
 */
final class C1W4Dal {
  private C1W4Dal() {}

  /** A scratch network whose backward pass starts from a given dAL: the learner's guesses, tried as hypotheses. */
  static final class SeededBackward extends ScratchNetwork {
    private final Function<Matrix, Matrix> dAL;

    SeededBackward(NetworkSpec spec, Parameters p, Function<Matrix, Matrix> dAL) {
      super(spec, p);
      this.dAL = dAL;
    }

    @Override
    protected Matrix costBackward(Matrix AL, Matrix Y) {
      return dAL.apply(AL);
    }
  }

  /** The slip a learner's L_model_backward answer shows in its dAL, or none: each guess run as the backward pass. */
  static List<String> causes(DeclaredModel model, C1W4Networks.NetData n, ScratchNetwork.ForwardPass f,
      JsonNode answer) {
    Matrix Y = n.Y();
    int m = Y.cols();
    Matrix Z = f.caches().get(n.spec().depth() - 1).Z();
    Matrix dAL = Costs.costBackward(f.AL(), Y, model.loss());
    String formula = dalFormula(model.loss());
    Map<String, Function<Matrix, Matrix>> guesses = new LinkedHashMap<>();
    guesses.put(Cause.DAL_OVER_M.say(formula), AL -> dAL.scale(1.0 / m));
    guesses.put(Cause.DAL_SUMMED.say(formula), AL -> fill(AL, AL.minus(Y).sum() / m));
    guesses.put(Cause.DAL_TIMES_A.say(formula), AL -> fill(AL, AL.minus(Y).times(AL).sum() / m));
    guesses.put(Cause.DAL_IS_ACTIVATION_DERIVATIVE.say(formula),
        AL -> Activations.activationBackward(Matrix.zeros(Z.rows(), Z.cols()).map(v -> 1.0), Z, model.output(),
            model.outputAlpha()));
    guesses.put(Cause.DAL_SIGN.say(formula), AL -> dAL.scale(-1));
    for (Loss other : Loss.values()) {
      if (other != model.loss() && (other != Loss.BCE || model.output() == Activation.SIGMOID)) {
        guesses.put(Cause.DAL_OF_ANOTHER_LOSS.say(other.id(), dalFormula(other), model.loss().id(), formula),
            AL -> Costs.costBackward(AL, Y, other));
      }
    }
    for (var g : guesses.entrySet()) {
      ScratchNetwork.BackwardPass b = new SeededBackward(n.spec(), n.params(), g.getValue())
          .lModelBackward(f.AL(), Y, f.caches());
      if (Checks.matches(answer, C1W4StepByStep.gradsExpect(b))) {
        return List.of(g.getKey());
      }
    }
    return List.of();
  }

  static String dalFormula(Loss l) {
    return switch (l) {
      case BCE -> "dAL = −(Y/AL − (1 − Y)/(1 − AL))";
      case CCE -> "dAL = −Y/AL (with a softmax output, dZ = AL − Y)";
      case HALF_MSE -> "dAL = AL − Y";
      case MSE -> "dAL = 2·(AL − Y)/n_y";
    };
  }

  private static Matrix fill(Matrix like, double v) {
    return like.map(x -> v);
  }
}
