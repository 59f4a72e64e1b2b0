/**
 * Network models: how long a transfer takes. {@link
 * org.supernodesim.interconnect.network.AnalyticalNetwork} is the alpha-beta model; {@link
 * org.supernodesim.interconnect.network.FlowNetwork} shares links among concurrent flows by
 * max-min fairness and accounts bytes and busy time per link ({@link
 * org.supernodesim.interconnect.network.LinkUsage}).
 *
 * <p>Worked example: 2,796,203 bytes (one chunk of a 1 GiB all-reduce over 384 chips) over the
 * route above takes 1,000,000 + round(2,796,203 / 3.92e11 * 1e12) = 8,133,171 ps. Two such
 * transfers into one chip behind that switch each drain at 1.96e11 B/s and complete at 1,000,000 +
 * round(2,796,203 / 1.96e11 * 1e12) = 15,266,342 ps.
 */
package org.supernodesim.interconnect.network;
