/**
 * Sweeps: a scenario's {@code sweep:} block expanded into points (see {@link
 * org.supernodesim.scenario.file.SweepDefinition}), run in parallel on this machine by {@link
 * org.supernodesim.scenario.sweep.SweepRunner}, each finished point kept at once by {@link
 * org.supernodesim.scenario.sweep.PointStore} so a killed sweep resumes where it stopped.
 *
 * <p>Files of a sweep in {@code DIR}: {@code points/<id>.json} (one per finished point, written
 * to a temporary file and renamed, so a point's file is whole or absent); {@code results.csv}
 * (a row appended as each point finishes, then rewritten in sweep order with the scaling columns
 * once all have); {@code report.md}, {@code report.html}. A restart reads {@code points/}, rewrites
 * {@code results.csv} from it (a row cut short by a kill is dropped) and runs only the points
 * without a file.
 *
 * <p>Worked example: {@code cluster.chips: [8, 16, 32, 64, 128, 384]} is six points, ids {@code
 * chips-8-…} to {@code chips-384-…}; killed after four, a restart runs two and ends with the same
 * six files and the same results.csv, less the {@code wallSeconds} column.
 */
package org.supernodesim.scenario.sweep;
