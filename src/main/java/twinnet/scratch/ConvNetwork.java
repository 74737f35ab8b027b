package twinnet.scratch;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import twinnet.model.ConvStack;
import twinnet.model.Gradients;
import twinnet.model.Initializer;
import twinnet.model.Matrix;
import twinnet.model.Network;
import twinnet.model.NetworkSpec;
import twinnet.model.Parameters;
import twinnet.model.Tensor4;
import twinnet.scratch.Convolution.ConvForward;
import twinnet.scratch.Convolution.ConvGrads;
import twinnet.scratch.Convolution.ConvParams;
import twinnet.scratch.Convolution.Mode;
import twinnet.scratch.Convolution.PoolForward;
import twinnet.scratch.Convolution.PoolParams;

/**
 * A convolutional network by hand: the {@link ConvStack}'s stages (conv_forward then its activation, or
 * pool_forward) on images, flattened, into the dense layers of {@link ScratchNetwork} (the same L_model_forward and
 * L_model_backward, whose dA^[0] comes back down through the stages). Images cross the {@link Network} interface as
 * columns of (h, w, c) values; gradients are of J = 1/m·Σ L, so the conv layers' dW and db, which conv_backward sums
 * over the examples, take the 1/m here.
 */
public class ConvNetwork implements Network {
  private final ConvStack stack;
  private final NetworkSpec spec;
  private final twinnet.model.Optimizer optimizer;
  private final Updates updates;
  private Parameters parameters;

  public ConvNetwork(ConvStack stack, NetworkSpec spec, Parameters initial, twinnet.model.Optimizer optimizer) {
    stack.requireSupports(spec, optimizer);
    initial.requireFits(spec);
    initial.requireFits(stack);
    this.stack = stack;
    this.spec = spec;
    this.optimizer = optimizer;
    this.updates = new Updates(optimizer);
    this.parameters = initial;
  }

  /** Conv layers drawn from {@code seed}: W ~ N(0, σ²) with σ from {@code scheme} and fan-in f·f·n_C_prev, b = 0. */
  public static List<Parameters.ConvLayer> initializeConvs(ConvStack stack, Initializer scheme, long seed) {
    Random random = new Random(seed ^ 0x5DEECE66DL); // not the dense layers' sequence
    List<Parameters.ConvLayer> out = new ArrayList<>();
    for (int k = 1; k <= stack.convCount(); k++) {
      ConvStack.Conv c = stack.convs().get(k - 1);
      int nCprev = stack.channelsInto(k);
      double sigma = scheme.sigma(c.f() * c.f() * nCprev);
      double[] w = new double[c.f() * c.f() * nCprev * c.filters()];
      for (int i = 0; i < w.length; i++) {
        w[i] = random.nextGaussian() * sigma;
      }
      out.add(new Parameters.ConvLayer(Tensor4.adopt(c.f(), c.f(), nCprev, c.filters(), w), Tensor4.zeros(1, 1, 1,
          c.filters())));
    }
    return out;
  }

  public ConvStack stack() {
    return stack;
  }

  /** One stage's forward pass: a conv's cache, its im2col matrix and its A = g(Z), or a pool's cache. */
  public record StageCache(ConvForward conv, Matrix cols, Tensor4 A, PoolForward pool) {}

  /** The forward pass: every stage's cache, the flattened output, and the dense layers' pass on it. */
  public record Forward(List<StageCache> stages, Matrix flat, ScratchNetwork dense, ScratchNetwork.ForwardPass pass) {}

  public Forward forward(Matrix X) {
    return forward(X, null);
  }

  /** The im2col matrices of the last backprop, written over by the next (their passes never leave backprop). */
  private final List<Matrix> colsBuffers = new ArrayList<>();

  // reuse: the conv stages' im2col matrices of an earlier pass to write over, or null for fresh ones
  private Forward forward(Matrix X, List<Matrix> reuse) {
    Tensor4 A = Tensor4.unflattenExamples(X, stack.height(), stack.width(), stack.channels());
    List<StageCache> caches = new ArrayList<>();
    int k = 0;
    for (ConvStack.Stage s : stack.stages()) {
      if (s instanceof ConvStack.Conv c) {
        Parameters.ConvLayer p = parameters.convs().get(k++);
        Matrix buffer = reuse != null && reuse.size() >= k ? reuse.get(k - 1) : null;
        ConvolutionFast.Pass f = ConvolutionFast.convForwardKeepingCols(A, p.W(), p.b(), new ConvParams(c.stride(),
            c.pad()), buffer);
        if (reuse != null) {
          if (reuse.size() >= k) {
            reuse.set(k - 1, f.cols());
          } else {
            reuse.add(f.cols());
          }
        }
        A = activation(f.cache().Z(), c, false, null); // A = g(Z)
        caches.add(new StageCache(f.cache(), f.cols(), A, null));
      } else {
        ConvStack.Pool p = (ConvStack.Pool) s;
        PoolForward f = Convolution.poolForward(A, new PoolParams(p.f(), p.stride()), mode(p));
        A = f.A();
        caches.add(new StageCache(null, null, A, f));
      }
    }
    Matrix flat = A.flattenExamples();
    ScratchNetwork dense = new ScratchNetwork(spec, denseParameters());
    return new Forward(caches, flat, dense, dense.lModelForwardWithDropout(flat));
  }

  private Parameters denseParameters() {
    return new Parameters(parameters.weights(), parameters.biases(), parameters.norms());
  }

  static Mode mode(ConvStack.Pool p) {
    return p.mode() == ConvStack.Pooling.MAX ? Mode.MAX : Mode.AVERAGE;
  }

  /** g(Z), or with {@code backward} dZ = dA ⊙ g′(Z), element by element (the dense layers' activations). */
  private static Tensor4 activation(Tensor4 Z, ConvStack.Conv c, boolean backward, Tensor4 dA) {
    Matrix z = Matrix.adopt(1, Z.size(), Z.backingArray());
    double alpha = c.activation().hasAlpha() ? c.activation().defaultAlpha() : Double.NaN;
    Matrix out = backward ? Activations.activationBackward(Matrix.adopt(1, dA.size(), dA.backingArray()), z,
        c.activation(), alpha) : Activations.activationForward(z, c.activation(), alpha);
    return Tensor4.of(Z.dim(0), Z.dim(1), Z.dim(2), Z.dim(3), out.toRowMajor());
  }

  // pool_backward: the course's (every tied maximum gets the gradient); a quirk's check replaces it with DL4J's
  protected Tensor4 poolBackward(Tensor4 dA, PoolForward cache) {
    return Convolution.poolBackward(dA, cache);
  }

  @Override
  public Backprop backprop(Matrix X, Matrix Y) {
    requireImages(X, Y);
    Forward f = forward(X, colsBuffers);
    double cost = f.dense().cost(f.pass(), Y);
    ScratchNetwork.BackwardPass back = f.dense().lModelBackward(f.pass(), Y);
    // dA^[0] of the dense layers, back into the last stage's shape
    int[] last = stack.shapes().get(stack.stages().size());
    Tensor4 dA = Tensor4.unflattenExamples(back.dA().get(0), last[0], last[1], last[2]);
    List<Parameters.ConvLayer> dConvs = new ArrayList<>();
    double perExample = 1.0 / X.cols(); // conv_backward sums over the examples; J is their mean
    for (int i = stack.stages().size() - 1; i >= 0; i--) {
      StageCache s = f.stages().get(i);
      if (s.conv() != null) {
        Tensor4 dZ = activation(s.conv().Z(), (ConvStack.Conv) stack.stages().get(i), true, dA); // dZ = dA ⊙ g′(Z)
        ConvGrads g = ConvolutionFast.convBackward(dZ, s.conv(), s.cols());
        dConvs.add(0, new Parameters.ConvLayer(g.dW().scale(perExample), g.db().scale(perExample)));
        dA = g.dAprev();
      } else {
        dA = poolBackward(dA, s.pool());
      }
    }
    Gradients grads = back.grads().withConvs(dConvs);
    return new Backprop(cost, f.pass().AL(), grads);
  }

  private void requireImages(Matrix X, Matrix Y) {
    stack.requireImages(spec, X, Y);
  }

  @Override
  public double step(Matrix X, Matrix Y, double learningRate) {
    Backprop b = backprop(X, Y);
    parameters = updates.apply(parameters, b.grads(), learningRate);
    return b.cost();
  }

  @Override
  public Matrix predict(Matrix X) {
    requireImages(X, null);
    Forward f = forward(X);
    return f.dense().predict(f.flat());
  }

  @Override
  public String name() {
    return "scratch";
  }

  @Override
  public NetworkSpec spec() {
    return spec;
  }

  @Override
  public Parameters parameters() {
    return parameters;
  }

  @Override
  public void setParameters(Parameters p) {
    p.requireFits(spec);
    p.requireFits(stack);
    parameters = p;
  }
}
