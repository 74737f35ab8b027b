package twinnet.model;

import java.util.ArrayList;
import java.util.List;

/**
 * dW[1..L] and db[1..L] of the cost J in the network's own loss convention, in the course's layout
 * (dW[l] has W[l]'s shape, db[l] has b[l]'s). Shapes are not checked here: a broken implementation
 * may produce wrong shapes, and the harness reports them.
 */
public record Gradients(List<Matrix> dW, List<Matrix> db) {

  public Gradients {
    dW = List.copyOf(dW);
    db = List.copyOf(db);
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

  /**
   * The tensors in backward order, as backpropagation produces them: dW[L], db[L], dW[L−1], …, db[1].
   * The first wrong tensor in this order is where an error enters.
   */
  public List<Parameters.Tensor> backwardOrder() {
    List<Parameters.Tensor> out = new ArrayList<>();
    for (int l = depth(); l >= 1; l--) {
      out.add(new Parameters.Tensor("dW" + l, l, dW(l)));
      out.add(new Parameters.Tensor("db" + l, l, db(l)));
    }
    return out;
  }
}
