/** Human-readable output of comparisons: text tables for the terminal. */
package twinnet.report;
