package twinnet.compare;

import java.util.ArrayList;
import java.util.List;
import twinnet.model.Matrix;
import twinnet.model.Network;
import twinnet.model.Parameters;

/**
 * The course's numerical gradient check (course 2, week 1): for every parameter θ_i,
 * gradapprox_i = (J(θ + ε·e_i) − J(θ − ε·e_i)) / (2ε), and
 * difference = ‖grad − gradapprox‖₂ / (‖grad‖₂ + ‖gradapprox‖₂). The course calls a difference
 * below 2e-7 correct (with ε = 1e-7).
 *
 * <p>Works on any {@link Network}; the network's parameters are restored afterwards.
 */
public final class GradientCheck {
  private GradientCheck() {}

  public static final double EPSILON = 1e-7;
  public static final double THRESHOLD = 2e-7;

  /** The outcome: the difference, the worst parameter, both gradients there. */
  public record Result(double difference, String worstParameter, double grad, double gradApprox) {
    public boolean passes() {
      return difference < THRESHOLD;
    }

    @Override
    public String toString() {
      return String.format("difference %.3e (%s 2e-7); worst at %s: grad %.10g, gradapprox %.10g", difference,
          passes() ? "<" : "≥", worstParameter, grad, gradApprox);
    }
  }

  public static Result check(Network net, Matrix X, Matrix Y) {
    return check(net, X, Y, EPSILON);
  }

  public static Result check(Network net, Matrix X, Matrix Y, double epsilon) {
    Parameters theta = net.parameters();
    List<Parameters.Tensor> params = theta.trainable();
    List<Parameters.Tensor> grads = analyticInParameterOrder(net, X, Y);
    double diff2 = 0;
    double grad2 = 0;
    double approx2 = 0;
    double worst = -1;
    String worstName = "";
    double worstGrad = 0;
    double worstApprox = 0;
    try {
      for (int t = 0; t < params.size(); t++) {
        Matrix p = params.get(t).value();
        Matrix g = grads.get(t).value();
        for (int i = 0; i < p.rows(); i++) {
          for (int j = 0; j < p.cols(); j++) {
            double v = p.get(i, j);
            net.setParameters(replace(theta, t, p.with(i, j, v + epsilon)));
            double plus = net.backprop(X, Y).cost();
            net.setParameters(replace(theta, t, p.with(i, j, v - epsilon)));
            double minus = net.backprop(X, Y).cost();
            double approx = (plus - minus) / (2 * epsilon);
            double analytic = g.get(i, j);
            double d = analytic - approx;
            diff2 += d * d;
            grad2 += analytic * analytic;
            approx2 += approx * approx;
            if (Math.abs(d) > worst) {
              worst = Math.abs(d);
              worstName = params.get(t).name() + "(" + i + "," + j + ")";
              worstGrad = analytic;
              worstApprox = approx;
            }
          }
        }
      }
    } finally {
      net.setParameters(theta);
    }
    double denom = Math.sqrt(grad2) + Math.sqrt(approx2);
    double difference = denom == 0 ? 0 : Math.sqrt(diff2) / denom;
    return new Result(difference, worstName, worstGrad, worstApprox);
  }

  /** The analytic gradients as dW1, db1 (or dγ1, dβ1), dW2, … (the order of {@link Parameters#trainable()}). */
  private static List<Parameters.Tensor> analyticInParameterOrder(Network net, Matrix X, Matrix Y) {
    return net.backprop(X, Y).grads().parameterOrder();
  }

  /** θ with its {@code tensor}-th trainable tensor replaced. */
  private static Parameters replace(Parameters theta, int tensor, Matrix value) {
    List<Matrix> values = new ArrayList<>(theta.trainable().stream().map(Parameters.Tensor::value).toList());
    values.set(tensor, value);
    return theta.withTrainable(values);
  }
}
