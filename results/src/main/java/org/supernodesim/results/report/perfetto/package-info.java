/**
 * timeline.json in the Chrome trace event format, which Perfetto (ui.perfetto.dev) and
 * chrome://tracing open: one process per chip, one thread per stream (compute, communication),
 * a complete event ("ph":"X") per operation and a flow ("ph":"s" to "ph":"f") per transfer.
 *
 * <p>Worked example: chip 3 computing from 1,500,000 ps to 4,000,000 ps is {@code {"name":
 * "matmul", "ph": "X", "pid": 3, "tid": 0, "ts": 1.500000, "dur": 2.500000}}: times in
 * microseconds, six decimals, so a picosecond survives.
 */
package org.supernodesim.results.report.perfetto;
