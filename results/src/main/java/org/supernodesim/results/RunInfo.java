package org.supernodesim.results;

/**
 * What varies between two runs of one scenario; excluded when results are compared for identity.
 *
 * @param runtime {@code sequential} or {@code actors}
 * @param wallSeconds the wall-clock time of the simulation itself (loading and writing excluded)
 * @param threads the threads the runtime used
 * @param processesPerActor logical processes per actor (actor runtime), 0 for sequential
 * @param eventsPerSecond events over wall seconds
 * @param host the machine's name
 * @param java the Java runtime's version
 */
public record RunInfo(
    String runtime,
    double wallSeconds,
    int threads,
    int processesPerActor,
    double eventsPerSecond,
    String host,
    String java) {}
