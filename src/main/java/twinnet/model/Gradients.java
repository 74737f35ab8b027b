package twinnet.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * dW[1..L] and db[1..L] of the cost J in the network's own loss convention, in the course's layout
 * (dW[l] has W[l]'s shape, db[l] has b[l]'s), and dγ, dβ of each batch-normalised layer (where db is
 * not a gradient: b is not a parameter there). Shapes are not checked here: a broken implementation
 * may produce wrong shapes, and the harness reports them.
 *
 * @param dNorms one entry per layer, null where the layer is not batch-normalised
 * @param dConvs the conv layers' dW and db in their own layout (empty without a conv stack); named in the network's
 *     numbering as {@link Parameters#tensors()} does
 */
public record Gradients(List<Matrix> dW, List<Matrix> db, List<NormGrads> dNorms,
    List<Parameters.ConvLayer> dConvs) {

  /** dγ and dβ of a batch-normalised layer, each n_l × 1. */
  public record NormGrads(Matrix dgamma, Matrix dbeta) {}

  /** Gradients of a network without batch normalisation. */
  public Gradients(List<Matrix> dW, List<Matrix> db) {
    this(dW, db, Collections.nCopies(dW.size(), null));
  }

  /** Gradients of a network without conv layers. */
  public Gradients(List<Matrix> dW, List<Matrix> db, List<NormGrads> dNorms) {
    this(dW, db, dNorms, List.of());
  }

  /** These gradients with {@code d} as the conv layers'. */
  public Gradients withConvs(List<Parameters.ConvLayer> d) {
    return new Gradients(dW, db, dNorms, d);
  }

  public Gradients {
    dConvs = List.copyOf(dConvs);
    dW = List.copyOf(dW);
    db = List.copyOf(db);
    dNorms = Collections.unmodifiableList(new ArrayList<>(dNorms));
  }

  public int depth() {
    return dW.size();
  }

  public Matrix dW(int l) {
    return dW.get(l - 1);
  }

  public Matrix db(int l) {
    return db.get(l - 1);
  }

  /** dγ and dβ of layer l, or null. */
  public NormGrads dNorm(int l) {
    return dNorms.get(l - 1);
  }

  /**
   * The tensors in backward order, as backpropagation produces them: dW[L], db[L], dW[L−1], …, db[1]
   * (for a batch-normalised layer dγ, dβ, then dW: its backward pass goes through γ and β first). The
   * first wrong tensor in this order is where an error enters.
   */
  public List<Parameters.Tensor> backwardOrder() {
    List<Parameters.Tensor> out = new ArrayList<>();
    int K = dConvs.size();
    for (int l = depth(); l >= 1; l--) {
      int n = K + l;
      if (dNorm(l) != null) {
        out.add(new Parameters.Tensor("dgamma" + n, n, dNorm(l).dgamma()));
        out.add(new Parameters.Tensor("dbeta" + n, n, dNorm(l).dbeta()));
        out.add(new Parameters.Tensor("dW" + n, n, dW(l)));
      } else {
        out.add(new Parameters.Tensor("dW" + n, n, dW(l)));
        out.add(new Parameters.Tensor("db" + n, n, db(l)));
      }
    }
    for (int k = K; k >= 1; k--) {
      out.add(new Parameters.Tensor("dW" + k, k, dConvs.get(k - 1).weightMatrix()));
      out.add(new Parameters.Tensor("db" + k, k, dConvs.get(k - 1).biasColumn()));
    }
    return out;
  }

  /** The gradients in the order of {@link Parameters#trainable()}: dW1, db1 (or dγ1, dβ1), dW2, …. */
  public List<Parameters.Tensor> parameterOrder() {
    List<Parameters.Tensor> out = new ArrayList<>();
    int K = dConvs.size();
    for (int k = 1; k <= K; k++) {
      out.add(new Parameters.Tensor("dW" + k, k, dConvs.get(k - 1).weightMatrix()));
      out.add(new Parameters.Tensor("db" + k, k, dConvs.get(k - 1).biasColumn()));
    }
    for (int l = 1; l <= depth(); l++) {
      int n = K + l;
      out.add(new Parameters.Tensor("dW" + n, n, dW(l)));
      if (dNorm(l) == null) {
        out.add(new Parameters.Tensor("db" + n, n, db(l)));
      } else {
        out.add(new Parameters.Tensor("dgamma" + n, n, dNorm(l).dgamma()));
        out.add(new Parameters.Tensor("dbeta" + n, n, dNorm(l).dbeta()));
      }
    }
    return out;
  }
}
