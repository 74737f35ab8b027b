package twinnet.scratch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import twinnet.model.Activation;
import twinnet.model.Gradients;
import twinnet.model.Loss;
import twinnet.model.Matrix;
import twinnet.model.NetworkSpec;
import twinnet.model.Parameters;

/**
 * The training step of {@link ScratchNetwork} beneath the course's functions, as llm.c keeps a fast path
 * beside its reference: the same arithmetic, operation for operation ({@code FastStepTest} holds the
 * parameters and costs bit for bit equal to the course path's), but the tensors of the batch size —
 * Z, A, dZ and dA of every layer — live in buffers reused from step to step instead of new arrays, the way
 * DL4J's workspaces do, and dA^[0], which training never uses, is not computed. A learner reads
 * {@link ScratchNetwork#lModelForward}, {@link ScratchNetwork#lModelBackward} and
 * {@link Linear}; this class is only about memory.
 *
 * <p>It serves plain gradient descent without L2 (the other optimizers take the course path); ReLU and
 * identity layers run in the buffers, the other activations through their functions.
 */
final class FastStep {
  private final NetworkSpec spec;
  /** Buffers per batch size; at most two sizes kept (a data set's batches and its last, shorter one). */
  private final Map<Integer, double[][][]> buffers = new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Integer, double[][][]> eldest) {
      return size() > 2;
    }
  };

  FastStep(NetworkSpec spec) {
    this.spec = spec;
  }

  /** Z, A, dZ, dA per layer (index l − 1), each n_l × m, for batches of m. */
  private double[][][] buffers(int m) {
    return buffers.computeIfAbsent(m, k -> {
      int L = spec.depth();
      double[][][] b = new double[4][L][];
      for (int l = 1; l <= L; l++) {
        for (int t = 0; t < 4; t++) {
          b[t][l - 1] = new double[spec.size(l) * m];
        }
      }
      return b;
    });
  }

  /** The result of a step: the cost before it and the updated parameters. */
  record Result(double cost, Parameters parameters) {}

  // the course's L_model_forward → compute_cost → L_model_backward → update_parameters, in the buffers
  Result step(Parameters p, Matrix X, Matrix Y, double learningRate) {
    int L = spec.depth();
    int m = X.cols();
    double[][][] buf = buffers(m);
    Matrix[] Z = new Matrix[L];
    Matrix[] A = new Matrix[L + 1];
    A[0] = X;
    for (int l = 1; l <= L; l++) {
      int n = spec.size(l);
      // Z = W·A_prev + b  (Linear.linearForward)
      double[] z = buf[0][l - 1];
      Kernels.matmulInto(p.W(l), A[l - 1], z);
      double[] b = p.b(l).backingArray();
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) {
          z[i * m + j] = z[i * m + j] + b[i];
        }
      }
      Z[l - 1] = Matrix.adopt(n, m, z);
      // A = g(Z)
      Activation g = spec.activation(l);
      if (g == Activation.RELU) {
        Activations.reluInto(z, buf[1][l - 1]);
        A[l] = Matrix.adopt(n, m, buf[1][l - 1]);
      } else {
        A[l] = Activations.activationForward(Z[l - 1], g, spec.alpha(l));
      }
    }
    // J, as ScratchNetwork.cost: cross-entropy from Z^[L], the others from A^[L]
    double cost = spec.loss() == Loss.BCE ? Costs.crossEntropyFromLogits(Z[L - 1], Y)
        : spec.loss() == Loss.CCE ? Costs.softmaxCrossEntropyFromLogits(Z[L - 1], Y)
        : Costs.computeCost(A[L], Y, spec.loss());
    boolean combined = spec.output() == Activation.SOFTMAX && spec.loss() == Loss.CCE;
    Matrix dA = Costs.costBackward(A[L], Y, spec.loss()); // dAL
    List<Matrix> dWs = new ArrayList<>();
    List<Matrix> dbs = new ArrayList<>();
    for (int l = L; l >= 1; l--) {
      int n = spec.size(l);
      // dZ = dA ⊙ g′(Z)
      Activation g = spec.activation(l);
      Matrix dZ;
      if (l == L && combined) { // softmax with cross-entropy: dZ = A − Y in one step (ScratchNetwork.outputBackward)
        dZ = Costs.softmaxCrossEntropyBackward(A[L], Y);
      } else if (g == Activation.RELU) {
        if (!dA.sameShape(Z[l - 1])) {
          throw new IllegalArgumentException("cannot multiply element-wise " + dA.shape() + " and " + Z[l - 1].shape());
        }
        Activations.reluBackwardInto(dA.backingArray(), Z[l - 1].backingArray(), buf[2][l - 1]);
        dZ = Matrix.adopt(n, m, buf[2][l - 1]);
      } else {
        dZ = Activations.activationBackward(dA, Z[l - 1], g, spec.alpha(l));
      }
      // dW = 1/m · dZ·A_prevᵀ;  db = 1/m · Σ_columns dZ;  dA_prev = Wᵀ·dZ  (Linear.linearBackward)
      Matrix dW = Kernels.matmulNT(dZ, A[l - 1]).scale(1.0 / m);
      Matrix db = dZ.sumColumns().scale(1.0 / m);
      if (l > 1) {
        double[] da = buf[3][l - 2];
        Kernels.matmulTNInto(p.W(l), dZ, da);
        dA = Matrix.adopt(spec.size(l - 1), m, da);
      }
      dWs.add(0, dW);
      dbs.add(0, db);
    }
    return new Result(cost, Optimization.updateParameters(p, new Gradients(dWs, dbs), learningRate));
  }
}
