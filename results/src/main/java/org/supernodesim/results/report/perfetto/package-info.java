/**
 * timeline.json in the Trace Event Format, which Perfetto (ui.perfetto.dev) and chrome://tracing
 * open: a {@link org.supernodesim.results.report.perfetto.TimelineBuilder} gathers one process per
 * chip (pid = rank + 1), its tracks and slices, and transfers; {@link
 * org.supernodesim.results.report.perfetto.ChromeTrace} streams the result with Jackson's
 * generator to a writer that {@link org.supernodesim.results.report.OutputFiles} gives, plain or
 * gzipped, into a temporary file renamed when whole.
 *
 * <p>Worked example: chip 3 computing from 1,500,000 ps to 4,000,000 ps, then sending 1 KiB to
 * chip 0 that arrives at 5,000,001 ps, is {@code {"name": "matmul", "cat": "compute", "ph": "X",
 * "pid": 4, "tid": 0, "ts": 1.500000, "dur": 2.500000, "args": {"flops": 2.5E12}}}, a send slice
 * on chip 3's {@code send} track from 4.000000 to 5.000001 us, a zero-length receive slice on chip
 * 0's {@code receive} track at 5.000001 us, and the flow {@code {"ph": "s", "id": 1, "cat":
 * "transfer", "pid": 4, "ts": 4.000000, "bp": "e"}} to {@code {"ph": "f", "id": 1, "pid": 1, "ts":
 * 5.000001, "bp": "e"}}: each end at its slice's start, of its slices' category, so it binds.
 * Times are microseconds with six decimals, so a picosecond survives.
 */
package org.supernodesim.results.report.perfetto;
