package twinnet.check;

import twinnet.model.Activation;
import twinnet.model.Loss;
import twinnet.model.NetworkSpec;

/**
 * The model a learner's code implements, as declared on the command line (activations, α and loss; the layer
 * sizes come from each trial): course 1 week 4's functions take their activations from it. The other notebooks fix
 * their own model (a sigmoid unit, a tanh layer, ReLU-ReLU-sigmoid) and do not read it.
 */
public record DeclaredModel(Activation hidden, double hiddenAlpha, Activation output, double outputAlpha, Loss loss) {
  /** The model of a spec, its α resolved to the defaults where not given. */
  public static DeclaredModel of(NetworkSpec s) {
    return new DeclaredModel(s.hidden(), s.hiddenAlpha(), s.output(), s.outputAlpha(), s.loss());
  }

  NetworkSpec spec(int... layers) {
    return new NetworkSpec(layers, hidden, hiddenAlpha, output, outputAlpha, loss);
  }

  String flags() {
    return "--hidden " + hidden.id() + " --output " + output.id() + " --loss " + loss.id();
  }
}
