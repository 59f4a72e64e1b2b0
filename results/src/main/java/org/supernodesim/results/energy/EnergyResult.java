package org.supernodesim.results.energy;

/**
 * The energy of one run under a {@link PowerModel}.
 *
 * @param model the parameters used
 * @param chipJoules Σ E_i: the chips alone
 * @param overheadJoules N · P_o · T: hosts, NICs, switches
 * @param facilityJoules PUE · (chips + overhead): what the meter counts
 * @param kilowattHours facilityJoules in kWh (3.6e6 J)
 * @param averageChipWatts chipJoules / (N · T): each chip's mean draw
 * @param joulesPerStep facilityJoules per step of the workload
 */
public record EnergyResult(
    PowerModel model,
    double chipJoules,
    double overheadJoules,
    double facilityJoules,
    double kilowattHours,
    double averageChipWatts,
    double joulesPerStep) {}
