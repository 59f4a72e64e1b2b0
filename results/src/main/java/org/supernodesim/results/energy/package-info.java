/**
 * Energy and cost of a run. Entry point: {@link org.supernodesim.results.energy.EnergyAccount}.
 *
 * <p>The utilisation model: a chip draws its idle power P_idle = f_idle · TDP whenever it exists,
 * its full TDP while its compute stream runs, and P_idle + f_comm · (TDP − P_idle) while only its
 * communication stream runs (links, DMA engines and HBM busy, arithmetic units idle). So chip i
 * uses E_i = P_idle · T + (TDP − P_idle) · (C_i + f_comm · M_i) over a run of T, with C_i its
 * compute-busy time and M_i its communication-only time. Each chip also carries a constant
 * overhead P_o (its share of host CPUs, NICs and switches), and the facility multiplies the IT
 * energy by its PUE: E = PUE · (Σ E_i + N · P_o · T).
 *
 * <p>Worked example: 8 chips of 700 W TDP, f_idle = 0.15 (105 W), f_comm = 0.5, overhead 100 W per
 * chip, PUE 1.1, a run of T = 1 s in which each chip computes 0.6 s and only communicates 0.2 s:
 * E_i = 105 + 595 · (0.6 + 0.1) = 521.5 J; IT energy = 8 · (521.5 + 100) = 4,972 J; facility
 * energy 5,469.2 J = 1.519e-3 kWh. At 0.091 USD/kWh that is 1.382e-4 USD; at 2 USD per chip-hour,
 * 8 chip-seconds cost 4.444e-3 USD.
 */
package org.supernodesim.results.energy;
