/**
 * {@code twinnet check}: a learner's own implementation of the course's functions, in a child process that
 * speaks the JSON-lines protocol of {@code docs/check-protocol.md} (the Python bridge in the jar, or any
 * program), checked function by function against the scratch package's ({@link twinnet.check.Catalogue}: one class
 * per notebook, its causes a table, {@link twinnet.check.Cause}),
 * with the cause of a difference named from the numbers, then trained step by step against the twin
 * ({@link twinnet.check.TrainingCheck}). For a network written in Java, the same harness is an assertion:
 * {@link twinnet.testing.TwinAssertions}.
 */
package twinnet.check;
