package twinnet.scratch;

import java.util.ArrayList;
import java.util.List;
import twinnet.model.Gradients;
import twinnet.model.Matrix;
import twinnet.model.Optimizer;
import twinnet.model.Parameters;

/**
 * The update rules of {@link Optimizer} with their state (the course's v and s, and the step count t),
 * one instance per network. Formulas in {@link Optimizer}.
 */
final class Updates {
  private final Optimizer o;
  private final List<Matrix> v = new ArrayList<>(); // first moments (momentum, adam), per trainable tensor W1, b1, …
  private final List<Matrix> s = new ArrayList<>(); // second moments (rmsprop, adam)
  private int t;

  Updates(Optimizer o) {
    this.o = o;
  }

  /** The state to save: v and s per tensor (null where unused so far) and t. */
  record State(List<Matrix> v, List<Matrix> s, int t) {}

  State state() {
    return new State(new ArrayList<>(v), new ArrayList<>(s), t);
  }

  void restore(State st) {
    v.clear();
    v.addAll(st.v());
    s.clear();
    s.addAll(st.s());
    t = st.t();
  }

  /** θ after one step of the rule on every trainable tensor, in the order W1, b1 (or γ1, β1), W2, …. */
  Parameters apply(Parameters p, Gradients g, double alpha) {
    t++;
    if (o.kind() == Optimizer.Kind.GD) {
      return Optimization.updateParameters(p, g, alpha);
    }
    List<Parameters.Tensor> theta = p.trainable();
    List<Parameters.Tensor> d = g.parameterOrder();
    List<Matrix> next = new ArrayList<>();
    for (int i = 0; i < theta.size(); i++) {
      next.add(step(i, theta.get(i).value(), d.get(i).value(), alpha));
    }
    return p.withTrainable(next);
  }

  private Matrix step(int i, Matrix theta, Matrix d, double alpha) {
    while (v.size() <= i) {
      v.add(null);
      s.add(null);
    }
    Matrix vi = v.get(i) == null ? Matrix.zeros(d.rows(), d.cols()) : v.get(i);
    Matrix si = s.get(i) == null ? Matrix.zeros(d.rows(), d.cols()) : s.get(i);
    switch (o.kind()) {
      case MOMENTUM: { // the course's: Optimization.momentumStep
        Optimization.MomentumStep m = Optimization.momentumStep(theta, d, vi, o.momentum(), alpha);
        v.set(i, m.v());
        return m.theta();
      }
      case NESTEROV: {
        Matrix next = vi.scale(o.momentum()).minus(d.scale(alpha)); // v ← μ·v − α·dW
        v.set(i, next);
        return theta.minus(vi.scale(o.momentum())).plus(next.scale(1 + o.momentum())); // W − μ·v_prev + (1+μ)·v
      }
      case RMSPROP: {
        Matrix next = si.scale(o.beta2()).plus(d.times(d).scale(1 - o.beta2())); // s ← β₂·s + (1−β₂)·dW²
        s.set(i, next);
        return theta.minus(Optimization.ratio(d, next, o.epsilon()).scale(alpha)); // W − α·dW/(√s + ε)
      }
      case ADAM: { // the course's: Optimization.adamStep
        Optimization.AdamStep a = Optimization.adamStep(theta, d, vi, si, t, alpha, o.beta1(), o.beta2(), o.epsilon());
        v.set(i, a.v());
        s.set(i, a.s());
        return a.theta();
      }
      default: { // ADAM_DL4J: Optimization.adamDl4jStep
        Optimization.AdamStep a = Optimization.adamDl4jStep(theta, d, vi, si, t, alpha, o.beta1(), o.beta2(),
            o.epsilon());
        v.set(i, a.v());
        s.set(i, a.s());
        return a.theta();
      }
    }
  }
}
