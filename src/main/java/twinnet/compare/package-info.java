/**
 * The harness. It speaks only the {@link twinnet.model.Network} interface: it compares two networks
 * tensor by tensor ({@link twinnet.compare.Harness#compare}), trains them side by side on the same
 * batches ({@link twinnet.compare.Harness#trainSideBySide}), and runs the course's numerical gradient
 * check ({@link twinnet.compare.GradientCheck}).
 *
 * <p>Relative error of two tensors: ‖a − b‖₂ / max(‖a‖₂, ‖b‖₂), 0 when both are 0.
 */
package twinnet.compare;
