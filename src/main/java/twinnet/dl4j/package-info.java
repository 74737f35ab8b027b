/**
 * The DL4J twin: a {@code MultiLayerNetwork} built from the same {@link twinnet.model.NetworkSpec}, in
 * double (or float) precision, trained with DL4J's updater for the chosen optimizer (Sgd, Nesterovs,
 * RmsProp, Adam). Every mapping between DL4J's conventions and the course's (layouts, the 2/n_y and m
 * factors, the learning rate, ε and the L2 coefficient, rank-1 biases) lives in
 * {@link twinnet.dl4j.Conventions}, once, with its formula; {@link twinnet.dl4j.Dl4jNetwork} applies it.
 *
 * <p>This package never uses {@code twinnet.scratch}; it depends only on {@code twinnet.model}.
 */
package twinnet.dl4j;
