/**
 * The shared vocabulary of twinnet: what a network is ({@link twinnet.model.NetworkSpec}), its
 * activations and losses (names only; each implementation brings its own math), parameters and
 * gradients in the course's layout, and the {@link twinnet.model.Network} interface that the scratch
 * network, the DL4J twin and any third implementation share.
 *
 * <p>Course layout (Deep Learning Specialization, course 1, week 4): {@code W[l]} is
 * {@code n_l × n_{l-1}}, {@code b[l]} is {@code n_l × 1}, examples are columns, so {@code X} is
 * {@code n_x × m} and {@code Y} is {@code n_y × m}.
 */
package twinnet.model;
