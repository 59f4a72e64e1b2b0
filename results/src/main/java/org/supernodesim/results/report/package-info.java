/**
 * Report writers. {@link org.supernodesim.results.report.JsonReport} writes result.json, indented,
 * fields in declaration order, so the same result is always the same bytes. {@link
 * org.supernodesim.results.report.MarkdownReport} writes report.md (a run, or a sweep of {@link
 * org.supernodesim.results.report.SweepPoint}s with its scaling analysis); the HTML page is in
 * {@code report.html}, the timeline in {@code report.perfetto}. {@link
 * org.supernodesim.results.report.SweepTable} writes a sweep's results.csv, {@link
 * org.supernodesim.results.report.Comparison} the table of {@code compare}, {@link
 * org.supernodesim.results.report.EnergyRows} the energy and cost rows of both pages. {@link
 * org.supernodesim.results.report.ReportFormat} prints every number the reports show. Every file
 * goes through {@link org.supernodesim.results.report.OutputFiles}: a temporary file renamed into
 * place, or an {@link org.supernodesim.results.report.OutputException} naming the path.
 *
 * <p>Worked example: ReportFormat prints 2^30 B as "1 GiB", 2·10^9 B as "2 GB", 3.438e11 B/s as
 * "343.8 GB/s" and 6,230,009,000 ps as "6.23 ms": four significant digits, a point for the decimal
 * whatever the machine's locale, and the unit family that divides the size exactly.
 */
package org.supernodesim.results.report;
