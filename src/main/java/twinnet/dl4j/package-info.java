/**
 * The DL4J twin: a {@code MultiLayerNetwork} built from the same {@link twinnet.model.NetworkSpec},
 * in double precision, trained with plain {@code Sgd}. Every mapping between DL4J's conventions and
 * the course's (layouts, the 2/n_y and m factors, the learning-rate scale, rank-1 biases) lives in
 * {@link twinnet.dl4j.Conventions}, once, with its formula.
 *
 * <p>This package never imports {@code twinnet.scratch}; it depends only on {@code twinnet.model}.
 */
package twinnet.dl4j;
