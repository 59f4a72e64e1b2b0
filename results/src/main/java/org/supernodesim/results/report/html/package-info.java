/**
 * report.html: a page that opens offline. {@link org.supernodesim.results.report.html.HtmlReport}
 * draws a run ({@code run}) or a sweep with its scaling analysis ({@code sweep}), each opening
 * with the question it answers and the answer ({@code Decision}); one class per workload's
 * section ({@code CollectivesSection}, {@code TrainingSection}, {@code ServingSection}, {@code
 * NetworkSection}, {@code GoodputSection} for a serving sweep over the rate). {@link
 * org.supernodesim.results.report.html.SvgCharts} holds the reusable charts (bar, stacked bar, line
 * with fitted curves), {@code SeriesChart} several series on linear or log axes with rules (CDFs
 * with their SLO, busbw against size beside the published curve, series over time), {@code
 * GanttChart} lanes of bars (the pipeline schedule), and {@link
 * org.supernodesim.results.report.html.HtmlTable} the tables. CSS and SVG are inline, there is no
 * script, and every piece of text is escaped.
 *
 * <p>Worked example: a 1 GiB all-reduce on 384 chips taking 6,230,009,000 ps has algbw = 2^30 B /
 * 6.230009e-3 s = 172.35 GB/s and busbw = 172.35 · 2 · 383/384 = 343.8 GB/s; the run page prints
 * "6.23 ms", "172.3 GB/s" and "343.8 GB/s" and draws one point at (1 GiB, 343.8) on a y axis "bus
 * bandwidth (GB/s)" with ticks 0, 50, ..., 350. In a sweep with Amdahl σ = 0.1 from 8 chips, the efficiency
 * at 64 chips (n = 8) is 1/(1 + 0.7) = 0.5882, and the fitted curve crosses 0.5 at n = 11, that is
 * 88 chips.
 */
package org.supernodesim.results.report.html;
