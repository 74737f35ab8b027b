/**
 * The harness. It speaks only the {@link twinnet.model.Network} interface and never builds a network (the
 * callers do: {@code cases}, {@code check}, {@code train}): it compares two networks tensor by tensor
 * ({@link twinnet.compare.Harness#compare}), trains them side by side on the same batches
 * ({@link twinnet.compare.Harness#trainSideBySide}), runs the course's numerical gradient check
 * ({@link twinnet.compare.GradientCheck}), names the usual causes of a difference from the numbers
 * ({@link twinnet.compare.Diagnosis}, {@link twinnet.compare.ReluDiagnostics}), with its tolerances and
 * their justification ({@link twinnet.compare.Tolerances}).
 *
 * <p>Relative error of two tensors: ‖a − b‖₂ / max(‖a‖₂, ‖b‖₂), 0 when both are 0.
 */
package twinnet.compare;
