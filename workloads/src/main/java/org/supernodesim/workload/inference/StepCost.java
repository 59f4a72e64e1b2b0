package org.supernodesim.workload.inference;

/**
 * The duration of one step and what each chip did in it.
 *
 * @param picos the step's duration
 * @param flopsPerChip arithmetic on one chip
 * @param weightBytesPerChip weights read from HBM by one chip
 * @param kvBytesPerChip KV cache read and written by one chip
 * @param communicationPicos of {@code picos}, time in TP all-reduces, EP all-to-alls and pipeline
 *     sends (not overlapped with compute)
 */
public record StepCost(
    long picos, double flopsPerChip, double weightBytesPerChip, double kvBytesPerChip,
    long communicationPicos) {}
