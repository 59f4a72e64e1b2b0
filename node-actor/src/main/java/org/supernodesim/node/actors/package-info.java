/**
 * The actor runtime: the engine's conservative windows on Pekko typed actors. The only package
 * that imports Pekko; processes never see it.
 *
 * <p><b>Owns.</b> {@link org.supernodesim.node.actors.ActorRuntime} (the entry point), the
 * per-run coordinator, the block actors and the windows they share, with their protocol
 * (package-private), and {@link org.supernodesim.node.actors.RingBenchmark}, the engine
 * benchmark's standard line-up.
 *
 * <p><b>Protocol.</b> Processes sit on actors in blocks of {@code processesPerActor} consecutive
 * ids. A run's windows know each actor's next event time, events sent to it included. The window
 * [T, T+L), T the global minimum, opens only on actors with an event before T+L, in one message
 * per actor that carries every event sent to that actor since its last window. Each such actor
 * runs its events in order and reports its next event time and, per destination actor, the batch
 * of events it sent there with their earliest time; the batch waits for its destination's next
 * window. A report is a write to the actor's own slot and an atomic count-in, not a message: the
 * last actor to report merges the window and opens the next at the new minimum (empty stretches
 * of time are jumped, never stepped), or tells the coordinator the run ended. No event sent in a
 * window can fall inside it (delays are at least L), which is why a window's events are all
 * known when it opens. The merger tells the opened actors in one group per dispatcher thread:
 * it tells each group's first actor, which tells the rest, so a window's tells are made on every
 * thread at once; or, where one thread has measured faster on this run ({@link
 * org.supernodesim.node.actors.WindowSplit}), in one group on its own thread.
 *
 * <p><b>Why not wider windows.</b> T is already the earliest pending event over every actor
 * (events in flight included), so a window never waits on empty time, and an actor with nothing
 * before T+L gets no message. The ring's windows are its critical path: step k+1 of a chip needs
 * step k's arrival, which lands at least L after it left, so 766 steps need 766 windows under any
 * conservative bound (per-actor horizons of the other actors' next event plus L give the same
 * windows, since every chip has an event at T).
 *
 * <p><b>Entry point.</b> {@code try (var runtime = new ActorRuntime(threads, processesPerActor))
 * { runtime.run(simulation); }}: one actor system (exactly {@code threads} dispatcher threads
 * that spin briefly before they park, {@link SpinningExecutor}; quiet logging) created by the first run and reused until {@code close}; each run has
 * a coordinator of its own under the system's guardian and stops its actors before returning. A
 * process's exception is rethrown as is, and the runtime stays usable.
 *
 * <p><b>Worked example.</b> The ring of 384 processes, L = 1 us, K = 766 steps: every step's
 * tokens arrive together at k·L, so there is one window per step, 766 windows, 294,144 events,
 * ending at 766 us, exactly as on the sequential runtime. Actor-per-chip, each window costs 384
 * open-window messages (each carrying its one token) and 384 count-ins, one message per event;
 * the 384-chip all-reduce of ChipProcess runs at about 2.1–2.7 M events/s on 2 shared cores
 * ({@code ./supernode-sim bench engine}, 2026-12-04), where scheduling an actor per message and
 * spawning and stopping 384 actors per run dominate. In blocks of 192 or 48 processes a window
 * costs 2 or 8 messages for 384 events: about 13–17 and 12–15 M events/s, against the
 * sequential loop's 12–19 M (the host's speed varies that much from minute to minute).
 */
package org.supernodesim.node.actors;
