package org.supernodesim.results.scaling;

/**
 * A measured point read against the base (smallest) point of its sweep.
 *
 * @param chips the chips of this point
 * @param stepSeconds the step time measured there
 * @param speedup capacity relative to the base point: T1/TN for strong scaling, (N/N1)·T1/TN for
 *     weak scaling; N/N1 would be perfect
 * @param efficiency speedup / (N/N1); 1 is perfect scaling
 */
public record EfficiencyPoint(int chips, double stepSeconds, double speedup, double efficiency) {}
