package twinnet.check;

import java.util.LinkedHashMap;
import java.util.List;
import twinnet.model.Matrix;
import twinnet.model.NetworkSpec;

/**
 * What {@code twinnet check} found: each course function's verdict (in the order a learner fixes them,
 * bottom-up), then training with the learner's own functions, step by step against the twin.
 *
 * @param file the learner's file (or the {@code --exec} command)
 * @param language what the child said it runs ("python 3.11.7", "java 17")
 * @param model the model the code is declared to implement (its layer sizes are the training's)
 * @param notebooks the notebooks the file was checked as (ids: "c1w4-step-by-step")
 * @param assumed how they were chosen, in a sentence ("…, read from the functions it defines")
 * @param notes what the check did on the learner's behalf (helpers provided, modules stubbed, warnings)
 */
public record CheckResult(String file, String language, NetworkSpec model, List<String> notebooks, String assumed,
    List<FunctionResult> functions, Training training, List<String> notes) {

  public enum Status {
    OK, WRONG, RAISED, TIMEOUT, NOT_FOUND, NOT_RUN;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * One function's verdict.
   *
   * @param firstWrong the first part of its answer that differs ("dW", "grads[\"dA1\"]"), or null
   * @param diagnosis sentences: the cause first, then the numbers; for a function that is right, notes
   * @param worstRelativeError over every trial and part (NaN when it never answered, ∞ for a wrong shape)
   * @param shown the inputs and both answers of the first trial that went wrong (null if none)
   */
  public record FunctionResult(String name, Status status, String firstWrong, List<String> diagnosis,
      double worstRelativeError, Shown shown) {
    static FunctionResult notFound(String name) {
      return new FunctionResult(name, Status.NOT_FOUND, null, List.of(), Double.NaN, null);
    }
  }

  /**
   * The inputs of the call that went wrong, and the learner's and the reference's values of the part that
   * differs (yours is null when the answer was not an array; {@code yoursText} says what it was).
   */
  public record Shown(String call, LinkedHashMap<String, Matrix> inputs, String part, Matrix yours,
      String yoursText, Matrix reference) {}

  /**
   * Training with the learner's functions, compared step by step with the scratch network and the DL4J twin.
   *
   * @param divergedAt the first step (0-based) where the learner's run parted from the reference, or -1
   * @param costYours the learner's cost before every step (as far as it went)
   * @param costReference the reference's cost before every step
   * @param worstVsDl4j the worst relative difference of the learner's parameters from the DL4J twin's
   * @param verdict one sentence: "your implementation is right; the model is the problem: ..." and the like
   * @param diagnosis sentences: why it parted, or why the model fits badly (dead ReLUs, clamped outputs)
   * @param predictions the learner's final predictions on the training data (null when not run)
   */
  public record Training(Status status, String data, int steps, double learningRate, int divergedAt, String tensor,
      double[] costYours, double[] costReference, double worstVsScratch, double worstVsDl4j, String verdict,
      List<String> diagnosis, Matrix X, Matrix Y, Matrix predictions, Status layerModel, String layerModelText) {

    /** Training stopped by a function that did not answer within the limit ({@code why}). */
    static Training timedOut(String why) {
      return new Training(Status.TIMEOUT, "", 0, Double.NaN, -1, null, new double[0], new double[0], Double.NaN,
          Double.NaN, why, List.of(), null, null, null, Status.NOT_RUN, null);
    }

    /** No training: the notebook has none, or what it needs is missing ({@code why}). */
    static Training notRun(String why) {
      return new Training(Status.NOT_RUN, "", 0, Double.NaN, -1, null, new double[0], new double[0], Double.NaN,
          Double.NaN, why, List.of(), null, null, null, Status.NOT_FOUND, null);
    }
  }

  /** Exit status: 0 when every function found agrees and training agrees, 1 otherwise. */
  public boolean allRight() {
    return functions.stream().allMatch(f -> f.status() == Status.OK || f.status() == Status.NOT_FOUND)
        && (training.status() == Status.OK || training.status() == Status.NOT_RUN)
        && (training.layerModel() == Status.OK || training.layerModel() == Status.NOT_FOUND
            || training.layerModel() == Status.NOT_RUN);
  }

  /** The first function that is wrong or raised: the headline, since a learner fixes bottom-up. */
  public FunctionResult firstWrong() {
    return functions.stream().filter(f -> f.status() == Status.WRONG || f.status() == Status.RAISED
        || f.status() == Status.TIMEOUT).findFirst().orElse(null);
  }
}
