package org.supernodesim.results;

/**
 * What the engine did, identical on every runtime: the lookahead its windows used and the events
 * it handled. Which runtime ran, on how many threads, is in {@link RunInfo}, because it must not
 * change a byte of the rest.
 *
 * @param engine the synchronisation scheme, {@code conservative-windows}
 * @param lookaheadPicos the window width: the smallest delay of any message between processes
 * @param logicalProcesses how many processes the simulation had
 * @param events the events the processes handled
 */
public record EngineFacts(String engine, long lookaheadPicos, int logicalProcesses, long events) {}
