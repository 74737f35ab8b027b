package twinnet.dl4j;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import twinnet.model.Tensor4;

/**
 * One convolution or pooling layer of DL4J (ConvolutionLayer, SubsamplingLayer) run forward and backward on the
 * course's tensors, from the course's weights: the twin of conv_forward / conv_backward and pool_forward /
 * pool_backward. Double precision, identity activation (the course's conv returns Z), ConvolutionMode.Truncate (the
 * course's floor), the upstream gradient given as DL4J's epsilon.
 */
public final class Dl4jConvLayers {
  private Dl4jConvLayers() {}

  /** Z, and the gradients for the upstream dZ. */
  public record Conv(Tensor4 Z, Tensor4 dAprev, Tensor4 dW, Tensor4 db) {}

  /** A, and dA_prev for the upstream dA. */
  public record Pool(Tensor4 A, Tensor4 dAprev) {}

  private static NeuralNetConfiguration.ListBuilder base() {
    return new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).activation(Activation.IDENTITY)
        .convolutionMode(ConvolutionMode.Truncate).trainingWorkspaceMode(WorkspaceMode.NONE)
        .inferenceWorkspaceMode(WorkspaceMode.NONE).list();
  }

  /** DL4J's ConvolutionLayer on A_prev with the course's W, b, stride and pad; dZ goes in as its epsilon. */
  public static Conv conv(Tensor4 Aprev, Tensor4 W, Tensor4 b, int stride, int pad, Tensor4 dZ, CNN2DFormat format) {
    MultiLayerNetwork net = convNetwork(W, b, stride, pad, Aprev.dim(1), Aprev.dim(2), format);
    Pair<Tensor4, Pair<Gradient, INDArray>> r = run(net, Aprev, dZ, format);
    Gradient g = r.getSecond().getFirst();
    return new Conv(r.getFirst(), ConvConventions.toCourseImages(r.getSecond().getSecond(), format),
        ConvConventions.toCourseFilters(g.getGradientFor("0_W")), ConvConventions.toCourseBias(g.getGradientFor(
            "0_b")));
  }

  /** A network of one ConvolutionLayer holding the course's W and b, on images n_H × n_W × W's n_C_prev. */
  public static MultiLayerNetwork convNetwork(Tensor4 W, Tensor4 b, int stride, int pad, int nH, int nW,
      CNN2DFormat format) {
    int f = W.dim(0);
    MultiLayerNetwork net = new MultiLayerNetwork(base()
        .layer(new ConvolutionLayer.Builder(f, f).stride(stride, stride).padding(pad, pad)
            .nOut(W.dim(3)).activation(Activation.IDENTITY).build())
        .setInputType(InputType.convolutional(nH, nW, W.dim(2), format)).build());
    net.init();
    net.setParam("0_W", ConvConventions.toDl4jFilters(W));
    net.setParam("0_b", ConvConventions.toDl4jBias(b));
    net.initGradientsView(); // the layer writes its gradients into the network's view
    return net;
  }

  /**
   * One forward (training mode) and backward pass of {@code net} in DL4J's own layout: the input and the upstream
   * gradient (epsilon) already DL4J's arrays; returns the gradient for the input (what a bench times).
   */
  public static INDArray forwardBackward(MultiLayerNetwork net, INDArray in, INDArray eps) {
    net.setInput(in);
    net.feedForward(true, false);
    return net.backpropGradient(eps, LayerWorkspaceMgr.noWorkspaces()).getSecond();
  }

  /** DL4J's SubsamplingLayer (MAX or AVG, no padding) on A_prev; dA goes in as its epsilon. */
  public static Pool pool(Tensor4 Aprev, int f, int stride, twinnet.model.ConvStack.Pooling mode, Tensor4 dA,
      CNN2DFormat format) {
    MultiLayerNetwork net = new MultiLayerNetwork(base()
        .layer(new SubsamplingLayer.Builder(mode == twinnet.model.ConvStack.Pooling.MAX
            ? SubsamplingLayer.PoolingType.MAX : SubsamplingLayer.PoolingType.AVG, new int[] {f, f},
            new int[] {stride, stride}).build())
        .setInputType(InputType.convolutional(Aprev.dim(1), Aprev.dim(2), Aprev.dim(3), format)).build());
    net.init();
    Pair<Tensor4, Pair<Gradient, INDArray>> r = run(net, Aprev, dA, format);
    return new Pool(r.getFirst(), ConvConventions.toCourseImages(r.getSecond().getSecond(), format));
  }

  /** Forward (training mode, inputs kept), then backprop of {@code eps}: the output and (gradient, dInput). */
  private static Pair<Tensor4, Pair<Gradient, INDArray>> run(MultiLayerNetwork net, Tensor4 in, Tensor4 eps,
      CNN2DFormat format) {
    net.initGradientsView(); // the layer writes its gradients into the network's view
    net.setInput(ConvConventions.toDl4jImages(in, format));
    java.util.List<INDArray> acts = net.feedForward(true, false);
    Tensor4 out = ConvConventions.toCourseImages(acts.get(acts.size() - 1), format);
    Pair<Gradient, INDArray> back = net.backpropGradient(ConvConventions.toDl4jImages(eps, format),
        LayerWorkspaceMgr.noWorkspaces());
    return new Pair<>(out, back);
  }
}
