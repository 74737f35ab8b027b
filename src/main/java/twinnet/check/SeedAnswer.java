package twinnet.check;

/**
 * One answer to the seed's question (was it the code or the model?): a learner's file, what it is, and its
 * check, or why it could not be had. A result only: {@link SeedQuestion} gets it, a report renders it.
 */
public record SeedAnswer(String file, String what, CheckResult result, String unavailable) {}
