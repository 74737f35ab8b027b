package twinnet.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * W[1..L] and b[1..L] in the course's layout: W[l] is n_l × n_{l−1}, b[l] is n_l × 1; and for a
 * batch-normalised layer its {@link Norm} (γ, β and the running averages), where b is 0 and not a
 * parameter (β takes its place). A network with a {@link ConvStack} has its conv layers' filters too, in the
 * convolution notebook's layout; {@link #W(int)} and {@link #b(int)} stay the dense layers', and {@link #tensors()}
 * numbers the whole network: conv layers 1…K, then the dense layers K + 1…K + L.
 *
 * @param norms one entry per layer, null where the layer is not batch-normalised
 * @param convs the conv layers' filters and biases, in order (empty without a conv stack)
 */
public record Parameters(List<Matrix> weights, List<Matrix> biases, List<Norm> norms, List<ConvLayer> convs) {

  /**
   * A conv layer's W (f, f, n_C_prev, n_C) and b (1, 1, 1, n_C). As a named tensor (reports, the harness, the
   * optimizers) W is the n_C × (f·f·n_C_prev) matrix whose row c is filter c in (p, q, i) order, numpy's
   * W.reshape(−1, n_C).T, and b the n_C × 1 column.
   */
  public record ConvLayer(Tensor4 W, Tensor4 b) {
    public ConvLayer {
      if (W.dim(0) != W.dim(1) || b.dim(0) != 1 || b.dim(1) != 1 || b.dim(2) != 1 || b.dim(3) != W.dim(3)) {
        throw new IllegalArgumentException("a conv layer's W is (f, f, n_C_prev, n_C) and its b (1, 1, 1, n_C), got "
            + W.shapeText() + " and " + b.shapeText());
      }
    }

    /** W as its n_C × (f·f·n_C_prev) matrix. */
    public Matrix weightMatrix() {
      return W.asRows().transpose();
    }

    /** b as an n_C × 1 column. */
    public Matrix biasColumn() {
      return Matrix.of(W.dim(3), 1, b.toArray());
    }

    /** The same layer from its matrix forms (see {@link #weightMatrix()}). */
    public ConvLayer fromMatrices(Matrix w, Matrix bias) {
      if (w.rows() != W.dim(3) || w.cols() != W.dim(0) * W.dim(1) * W.dim(2) || bias.rows() != W.dim(3)
          || bias.cols() != 1) {
        throw new IllegalArgumentException("a conv layer of W " + W.shapeText() + " takes a " + W.dim(3) + "×"
            + W.dim(0) * W.dim(1) * W.dim(2) + " W and a " + W.dim(3) + "×1 b, got " + w.shape() + " and "
            + bias.shape());
      }
      return new ConvLayer(Tensor4.fromRows(w.transpose(), W.dim(0), W.dim(1), W.dim(2)), Tensor4.of(1, 1, 1,
          W.dim(3), bias.toRowMajor()));
    }
  }

  /** Parameters of a dense network (no conv layers). */
  public Parameters(List<Matrix> weights, List<Matrix> biases, List<Norm> norms) {
    this(weights, biases, norms, List.of());
  }

  /**
   * A batch-normalised layer's γ and β (learned) and the running mean and variance of Z (state, updated
   * by training steps and used at prediction time), each n_l × 1.
   */
  public record Norm(Matrix gamma, Matrix beta, Matrix mean, Matrix var) {
    /** γ = 1, β = 0, running mean 0 and variance 1: the start of DL4J's and the course's batch norm. */
    public static Norm initial(int n) {
      Matrix zeros = Matrix.zeros(n, 1);
      Matrix ones = zeros.map(v -> 1.0);
      return new Norm(ones, zeros, zeros, ones);
    }

    /** The same running averages with new γ and β. */
    public Norm withGammaBeta(Matrix g, Matrix b) {
      return new Norm(g, b, mean, var);
    }

    /** The same γ and β with new running averages. */
    public Norm withRunning(Matrix m, Matrix v) {
      return new Norm(gamma, beta, m, v);
    }
  }

  /** Parameters without batch normalisation. */
  public Parameters(List<Matrix> weights, List<Matrix> biases) {
    this(weights, biases, Collections.nCopies(weights.size(), null));
  }

  public Parameters {
    if (weights.size() != biases.size() || weights.isEmpty()) {
      throw new IllegalArgumentException("need one W and one b per layer, got " + weights.size() + " W and "
          + biases.size() + " b");
    }
    if (norms.size() != weights.size()) {
      throw new IllegalArgumentException("need one batch-norm entry (or null) per layer, got " + norms.size()
          + " for " + weights.size() + " layers");
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
      Norm n = norms.get(l);
      if (n != null) {
        for (Tensor t : normTensors(n, l + 1)) {
          if (t.value() == null || t.value().cols() != 1 || t.value().rows() != w.rows()) {
            throw new IllegalArgumentException(t.name() + " must be " + w.rows() + "×1 (one per unit of layer "
                + (l + 1) + "), got " + (t.value() == null ? "none" : t.value().shape()));
          }
        }
        if (b.norm() != 0) {
          throw new IllegalArgumentException("layer " + (l + 1) + " is batch-normalised, so its b must be 0 (β"
              + (l + 1) + " takes its place: b would be subtracted again with the mean)");
        }
      }
    }
    weights = List.copyOf(weights);
    biases = List.copyOf(biases);
    norms = Collections.unmodifiableList(new ArrayList<>(norms));
    convs = List.copyOf(convs);
  }

  /** These parameters with {@code c} as their conv layers. */
  public Parameters withConvs(List<ConvLayer> c) {
    return new Parameters(weights, biases, norms, c);
  }

  /** K, the conv layers before the dense ones. */
  public int convDepth() {
    return convs.size();
  }

  /** Checks that the conv layers fit {@code stack}: filters of its f, channels in and out. */
  public void requireFits(ConvStack stack) {
    List<ConvStack.Conv> cs = stack == null ? List.of() : stack.convs();
    if (cs.size() != convs.size()) {
      throw new IllegalArgumentException("parameters have " + convs.size() + " conv layers, the network " + cs.size());
    }
    for (int k = 1; k <= cs.size(); k++) {
      ConvStack.Conv c = cs.get(k - 1);
      Tensor4 w = convs.get(k - 1).W();
      if (w.dim(0) != c.f() || w.dim(2) != stack.channelsInto(k) || w.dim(3) != c.filters()) {
        throw new IllegalArgumentException("W" + k + " must be (" + c.f() + ", " + c.f() + ", " + stack.channelsInto(k)
            + ", " + c.filters() + "), got " + w.shapeText());
      }
    }
  }

  /** L. */
  public int depth() {
    return weights.size();
  }

  /** W[l], l = 1..L. */
  public Matrix W(int l) {
    return weights.get(l - 1);
  }

  /** b[l], l = 1..L (0 where the layer is batch-normalised). */
  public Matrix b(int l) {
    return biases.get(l - 1);
  }

  /** Layer l's batch norm, or null. */
  public Norm norm(int l) {
    return norms.get(l - 1);
  }

  /** Whether any layer is batch-normalised. */
  public boolean hasNorms() {
    return norms.stream().anyMatch(n -> n != null);
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
      if ((norm(l) != null) != spec.normalises(l)) {
        throw new IllegalArgumentException("layer " + l + (spec.normalises(l) ? " is batch-normalised but the "
            + "parameters have no γ, β and running averages for it" : " is not batch-normalised but the parameters "
            + "have γ and β for it"));
      }
    }
  }

  /** These parameters with γ = 1, β = 0 and running averages (0, 1) added where {@code spec} normalises. */
  public Parameters withInitialNorms(NetworkSpec spec) {
    List<Norm> n = new ArrayList<>();
    for (int l = 1; l <= depth(); l++) {
      n.add(spec.normalises(l) ? (norm(l) != null ? norm(l) : Norm.initial(W(l).rows())) : null);
    }
    return new Parameters(weights, biases, n, convs);
  }

  /**
   * Every parameter as (name, tensor) in the order W1, b1, W2, b2, …; a batch-normalised layer has W, γ, β
   * and its running mean and variance (not trainable) instead of b. Conv layers come first (see {@link ConvLayer}
   * for their matrix form), and the dense layers are numbered after them.
   */
  public List<Tensor> tensors() {
    List<Tensor> out = new ArrayList<>();
    int K = convs.size();
    for (int k = 1; k <= K; k++) {
      out.add(new Tensor("W" + k, k, convs.get(k - 1).weightMatrix()));
      out.add(new Tensor("b" + k, k, convs.get(k - 1).biasColumn()));
    }
    for (int l = 1; l <= depth(); l++) {
      out.add(new Tensor("W" + (K + l), K + l, W(l)));
      if (norm(l) == null) {
        out.add(new Tensor("b" + (K + l), K + l, b(l)));
      } else {
        out.addAll(normTensors(norm(l), K + l));
      }
    }
    return out;
  }

  private static List<Tensor> normTensors(Norm n, int l) {
    return List.of(new Tensor("gamma" + l, l, n.gamma()), new Tensor("beta" + l, l, n.beta()),
        new Tensor("mean" + l, l, n.mean(), false), new Tensor("var" + l, l, n.var(), false));
  }

  /** The trainable tensors of {@link #tensors()}, in its order (what gradients and optimizers see). */
  public List<Tensor> trainable() {
    return tensors().stream().filter(Tensor::trainable).toList();
  }

  /** The same structure with the trainable tensors replaced by {@code values}, in {@link #trainable()}'s order. */
  public Parameters withTrainable(List<Matrix> values) {
    List<Tensor> t = trainable();
    if (values.size() != t.size()) {
      throw new IllegalArgumentException("need " + t.size() + " trainable tensors, got " + values.size());
    }
    List<Matrix> W = new ArrayList<>(weights);
    List<Matrix> b = new ArrayList<>(biases);
    List<Norm> n = new ArrayList<>(norms);
    List<ConvLayer> c = new ArrayList<>(convs);
    int K = convs.size();
    for (int i = 0; i < t.size(); i++) {
      int l = t.get(i).layer() - K; // the dense layer
      Matrix v = values.get(i);
      if (l <= 0) { // a conv layer's W and b, in that order
        ConvLayer was = c.get(l + K - 1);
        c.set(l + K - 1, t.get(i).kind().equals("W") ? was.fromMatrices(v, was.biasColumn())
            : was.fromMatrices(was.weightMatrix(), v));
        continue;
      }
      switch (t.get(i).kind()) {
        case "W" -> W.set(l - 1, v);
        case "b" -> b.set(l - 1, v);
        case "gamma" -> n.set(l - 1, n.get(l - 1).withGammaBeta(v, n.get(l - 1).beta()));
        case "beta" -> n.set(l - 1, n.get(l - 1).withGammaBeta(n.get(l - 1).gamma(), v));
        default -> throw new IllegalStateException(t.get(i).name());
      }
    }
    return new Parameters(W, b, n, c);
  }

  /** The same parameters with layer l's running averages replaced. */
  public Parameters withRunning(int l, Matrix mean, Matrix var) {
    List<Norm> n = new ArrayList<>(norms);
    n.set(l - 1, n.get(l - 1).withRunning(mean, var));
    return new Parameters(weights, biases, n, convs);
  }

  /** Every element finite? */
  public boolean isFinite() {
    return tensors().stream().allMatch(t -> t.value().isFinite());
  }

  /**
   * A named tensor of one layer; {@code trainable} is false for state that training updates without a
   * gradient (batch norm's running averages).
   */
  public record Tensor(String name, int layer, Matrix value, boolean trainable) {
    public Tensor(String name, int layer, Matrix value) {
      this(name, layer, value, true);
    }

    /** The name without the layer: W, b, gamma, beta, mean, var (or dW, db, …). */
    public String kind() {
      return name.substring(0, name.length() - String.valueOf(layer).length());
    }
  }
}
