/**
 * Rendering, and only rendering: {@code report.json} (a documented contract), the case reports, the seed
 * study's page and the check's page in HTML (self-contained: images inlined), PNG charts (XChart) and the
 * terminal's tables. A report renders what a run recorded; it builds no network (ArchitectureTest: no
 * {@code scratch} or {@code dl4j} here).
 */
package twinnet.report;
