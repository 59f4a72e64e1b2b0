package org.supernodesim.node.engine;

/**
 * What a runtime reports of a finished run.
 *
 * @param endPicos the virtual time of the last event handled
 * @param events how many events the processes handled (start-up calls not counted)
 * @param windows how many conservative windows were opened (1 per distinct batch of time for the
 *     sequential runtime, which has no windows, is reported as 0)
 */
public record RunStatistics(long endPicos, long events, long windows) {}
