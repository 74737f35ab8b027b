package twinnet.dl4j;

import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import twinnet.model.Dropout;

/**
 * The course's inverted dropout through DL4J's own dropout interface, with the scratch network's masks.
 *
 * <p>DL4J applies a layer's {@link IDropout} to that layer's <em>input</em>, so the course's dropout
 * after hidden layer l is set on DL4J layer l (0-based: the layer above it); its probability is the
 * keep probability, as in the course. DL4J's own {@code Dropout} draws its masks from ND4J's generator
 * and multiplies by 1/p; this one draws D^[l] of {@link Dropout#mask} for DL4J's iteration count (the
 * number of {@code fit} calls so far, which is the scratch network's step count) and computes
 * {@code A ⊙ D / keep_prob} as the course writes it, so both sides drop the same units with the same
 * arithmetic. Its backward pass multiplies the gradient in place (DL4J discards the return value).
 *
 * <p>It keeps no state between calls (the mask is drawn again from (seed, iteration, layer)), so
 * DL4J's {@code clear()} between passes loses nothing, and it serialises with the model (Jackson,
 * through the getters and setters).
 */
public final class CourseDropout implements IDropout {
  private double keepProb;
  private long seed;
  private int layer;

  /** For Jackson, when a saved model is read back. */
  public CourseDropout() {}

  /** The dropout after the course's hidden layer {@code layer} (1-based). */
  public CourseDropout(double keepProb, long seed, int layer) {
    this.keepProb = keepProb;
    this.seed = seed;
    this.layer = layer;
  }

  /** D^[l] of step {@code iteration}, in DL4J's layout ([m, n_l]) and the array's precision. */
  private INDArray mask(INDArray like, int iteration) {
    int m = (int) like.size(0);
    int n = (int) like.size(1);
    return Conventions.toDl4jData(Dropout.mask(seed, iteration, layer, keepProb, n, m)).castTo(like.dataType());
  }

  /** D^[l] of step {@code iteration} in the course's layout (n_l × m). */
  public twinnet.model.Matrix courseMask(int iteration, int n, int m) {
    return Dropout.mask(seed, iteration, layer, keepProb, n, m);
  }

  // forward: A ← A ⊙ D / keep_prob, written into result (which may be the input itself)
  @Override
  public INDArray applyDropout(INDArray inputActivations, INDArray result, int iteration, int epoch,
      LayerWorkspaceMgr workspaceMgr) {
    INDArray dropped = inputActivations.mul(mask(inputActivations, iteration)).divi(keepProb);
    return result.assign(dropped);
  }

  // backward: dA ← dA ⊙ D / keep_prob, in place in gradAtInput (DL4J passes the same array twice)
  @Override
  public INDArray backprop(INDArray gradAtOutput, INDArray gradAtInput, int iteration, int epoch) {
    INDArray masked = gradAtOutput.mul(mask(gradAtOutput, iteration)).divi(keepProb);
    return gradAtInput.assign(masked);
  }

  @Override
  public void clear() {
    // nothing to clear: the mask is drawn again from (seed, iteration, layer)
  }

  @Override
  public IDropout clone() {
    return new CourseDropout(keepProb, seed, layer);
  }

  public double getKeepProb() {
    return keepProb;
  }

  public void setKeepProb(double keepProb) {
    this.keepProb = keepProb;
  }

  public long getSeed() {
    return seed;
  }

  public void setSeed(long seed) {
    this.seed = seed;
  }

  public int getLayer() {
    return layer;
  }

  public void setLayer(int layer) {
    this.layer = layer;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CourseDropout d && d.keepProb == keepProb && d.seed == seed && d.layer == layer;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(keepProb, seed, layer);
  }

  @Override
  public String toString() {
    return "CourseDropout(keep_prob=" + keepProb + ", seed=" + seed + ", after hidden layer " + layer + ")";
  }
}
