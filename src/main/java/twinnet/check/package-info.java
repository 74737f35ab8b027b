/**
 * {@code twinnet check}: a learner's own implementation of the course's functions, in a child process that
 * speaks the JSON-lines protocol of {@code docs/check-protocol.md} (the Python bridge in the jar, or any
 * program), checked function by function against the scratch network's ({@link twinnet.check.Checker}),
 * with the cause of a difference named from the numbers, then trained step by step against the twin
 * ({@link twinnet.check.TrainingCheck}). {@link twinnet.check.TwinAssertions} is the same harness as an
 * assertion for Java networks.
 */
package twinnet.check;
