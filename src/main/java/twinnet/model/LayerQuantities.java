package twinnet.model;

/**
 * The course's quantities of one layer l for one batch, in the course's layout and the network's loss
 * convention: Z = W·A_prev + b, A = g(Z), dA = ∂ΣL/∂A, dZ = dA ⊙ g′(Z), dW, db. (dA and dZ are
 * derivatives of the summed per-example loss, as in the course, where dW = 1/m · dZ·A_prevᵀ.) A null
 * quantity is one the implementation does not compute. With dropout, D is the layer's mask (1 kept, 0
 * dropped; null where the layer drops nothing) and A and dA are after it: A = g(Z) ⊙ D / keep_prob.
 * With batch norm, {@code norm} holds Z_norm, Z̃ = γ ⊙ Z_norm + β (the activation's input), dZ̃, dγ and dβ;
 * Z = W·A_prev is before the normalisation, dZ its gradient, and db is null (b is not a parameter).
 */
public record LayerQuantities(int layer, Matrix Z, Matrix A, Matrix dA, Matrix dZ, Matrix dW, Matrix db, Matrix D,
    Norm norm) {
  public LayerQuantities(int layer, Matrix Z, Matrix A, Matrix dA, Matrix dZ, Matrix dW, Matrix db) {
    this(layer, Z, A, dA, dZ, dW, db, null, null);
  }

  public LayerQuantities(int layer, Matrix Z, Matrix A, Matrix dA, Matrix dZ, Matrix dW, Matrix db, Matrix D) {
    this(layer, Z, A, dA, dZ, dW, db, D, null);
  }

  /** A batch-normalised layer's quantities. */
  public record Norm(Matrix Znorm, Matrix Ztilde, Matrix dZtilde, Matrix dgamma, Matrix dbeta) {}
}
