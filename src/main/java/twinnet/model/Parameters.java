package twinnet.model;

import java.util.ArrayList;
import java.util.List;

/** W[1..L] and b[1..L] in the course's layout: W[l] is n_l × n_{l−1}, b[l] is n_l × 1. */
public record Parameters(List<Matrix> weights, List<Matrix> biases) {

  public Parameters {
    if (weights.size() != biases.size() || weights.isEmpty()) {
      throw new IllegalArgumentException("need one W and one b per layer, got " + weights.size() + " W and "
          + biases.size() + " b");
    }
    for (int l = 0; l < weights.size(); l++) {
      Matrix w = weights.get(l);
      Matrix b = biases.get(l);
      if (b.cols() != 1 || b.rows() != w.rows()) {
        throw new IllegalArgumentException("b" + (l + 1) + " must be " + w.rows() + "×1 to match W" + (l + 1) + " ("
            + w.shape() + "), got " + b.shape());
      }
      if (l > 0 && w.cols() != weights.get(l - 1).rows()) {
        throw new IllegalArgumentException("W" + (l + 1) + " is " + w.shape() + " but layer " + l + " has "
            + weights.get(l - 1).rows() + " units");
      }
    }
    weights = List.copyOf(weights);
    biases = List.copyOf(biases);
  }

  /** L. */
  public int depth() {
    return weights.size();
  }

  /** W[l], l = 1..L. */
  public Matrix W(int l) {
    return weights.get(l - 1);
  }

  /** b[l], l = 1..L. */
  public Matrix b(int l) {
    return biases.get(l - 1);
  }

  /** The layer sizes these parameters fit, [n_0, n_1, …, n_L]. */
  public int[] layers() {
    int[] sizes = new int[depth() + 1];
    sizes[0] = W(1).cols();
    for (int l = 1; l <= depth(); l++) {
      sizes[l] = W(l).rows();
    }
    return sizes;
  }

  /** Checks that these parameters fit {@code spec}; the message names the first mismatch. */
  public void requireFits(NetworkSpec spec) {
    if (depth() != spec.depth()) {
      throw new IllegalArgumentException("parameters have " + depth() + " layers, the network " + spec.depth());
    }
    for (int l = 1; l <= depth(); l++) {
      if (W(l).rows() != spec.size(l) || W(l).cols() != spec.size(l - 1)) {
        throw new IllegalArgumentException("W" + l + " must be " + spec.size(l) + "×" + spec.size(l - 1) + ", got "
            + W(l).shape());
      }
    }
  }

  /** Every parameter as (name, tensor) in the order W1, b1, W2, b2, …. */
  public List<Tensor> tensors() {
    List<Tensor> out = new ArrayList<>();
    for (int l = 1; l <= depth(); l++) {
      out.add(new Tensor("W" + l, l, W(l)));
      out.add(new Tensor("b" + l, l, b(l)));
    }
    return out;
  }

  /** Every element finite? */
  public boolean isFinite() {
    return weights.stream().allMatch(Matrix::isFinite) && biases.stream().allMatch(Matrix::isFinite);
  }

  /** A named tensor of one layer. */
  public record Tensor(String name, int layer, Matrix value) {}
}
