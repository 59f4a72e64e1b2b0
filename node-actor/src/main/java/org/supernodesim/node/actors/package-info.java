/**
 * The actor runtime: the engine's conservative windows on Pekko typed actors. The only package
 * that imports Pekko; processes never see it.
 *
 * <p><b>Owns.</b> {@link org.supernodesim.node.actors.ActorRuntime} (the entry point), the
 * coordinator and the block actors with their protocol (package-private), and {@link
 * org.supernodesim.node.actors.RingBenchmark}, the engine benchmark's standard line-up.
 *
 * <p><b>Protocol.</b> Processes sit on actors in blocks of {@code processesPerActor} consecutive
 * ids. The run's coordinator knows each actor's next event time, events sent to it included. It
 * opens the window [T, T+L), T the global minimum, only on actors with an event before T+L, in one
 * message per actor that carries every event sent to that actor since its last window. Each such
 * actor runs its events in order and reports its next event time and, per destination actor, the
 * batch of events it sent there with their earliest time; the coordinator holds each batch until
 * its destination's next window. When every report is in, the next window opens at the new
 * minimum: empty stretches of time are jumped, never stepped.
 * No event sent in a window can fall inside it (delays are at least L), which is why a window's
 * events are all known when it opens.
 *
 * <p><b>Entry point.</b> {@code try (var runtime = new ActorRuntime(threads, processesPerActor))
 * { runtime.run(simulation); }}: one actor system (a fork-join pool of exactly {@code threads}
 * threads, quiet logging) created by the first run and reused until {@code close}; each run has
 * a coordinator of its own under the system's guardian and stops its actors before returning. A
 * process's exception is rethrown as is, and the runtime stays usable.
 *
 * <p><b>Worked example.</b> The ring of 384 processes, L = 1 us, K = 766 steps: every step's
 * tokens arrive together at k·L, so there is one window per step, 766 windows, 294,144 events,
 * ending at 766 us, exactly as on the sequential runtime. Actor-per-chip, each window costs 384
 * open-window messages, 384 batches and 384 reports, about 3 messages per event: about 1.5 M
 * events/s on 2 shared cores. With 192 processes per actor a window costs 2 of each for 384
 * events, about 5 M events/s, where the remaining gap to the sequential loop is mostly the actor
 * system's start and stop (~25 ms per run).
 */
package org.supernodesim.node.actors;
