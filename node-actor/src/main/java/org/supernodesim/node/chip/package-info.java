/**
 * The chip as a logical process: {@link org.supernodesim.node.chip.ChipProcess} runs its rank graph
 * on a compute stream and a communication stream; {@link org.supernodesim.node.chip.ChipCluster}
 * assembles one per rank and gathers their collective timings.
 *
 * <p>Worked example: in a 384-chip ring all-reduce each chip handles one arrival per step, 766 steps:
 * 294,144 events, one window of the engine per step.
 */
package org.supernodesim.node.chip;
