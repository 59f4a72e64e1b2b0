/**
 * Network models: how long a transfer takes. {@link
 * org.supernodesim.interconnect.network.AnalyticalNetwork} is the alpha-beta model.
 *
 * <p>Worked example: 2,796,203 bytes (one chunk of a 1 GiB all-reduce over 384 chips) over the
 * route above takes 1,000,000 + round(2,796,203 / 3.92e11 * 1e12) = 8,133,171 ps.
 */
package org.supernodesim.interconnect.network;
