/**
 * twinnet for a Java project's own tests: {@link twinnet.testing.TwinAssertions} holds a hand-written
 * {@link twinnet.model.Network} to its DL4J twin on a comparison case, in AssertJ's style. How a project depends on
 * twinnet: docs/check.md, "Your own Java network".
 */
package twinnet.testing;
