/**
 * Comparison cases: one JSON file per scenario (documented in {@code compare/README.md}, schema in
 * {@code compare/case.schema.json}), parsed with a message that names the field for every mistake, and
 * run with both backends on identical batches.
 */
package twinnet.cases;
