/**
 * The simulation engine: logical processes, virtual time and the sequential runtime. Plain Java;
 * it knows no thread pool and no actor.
 *
 * <p><b>Owns.</b> The engine API every process is written against ({@link
 * org.supernodesim.node.engine.LogicalProcess}, {@link org.supernodesim.node.engine.Context},
 * {@link org.supernodesim.node.engine.Simulation}, {@link org.supernodesim.node.engine.Runtime},
 * {@link org.supernodesim.node.engine.RunStatistics}); the one event order, {@link
 * org.supernodesim.node.engine.Event#ORDER} = (time, sender id, sender sequence); the event loop
 * every runtime shares ({@link org.supernodesim.node.engine.ProcessBlock}); the reference runtime
 * ({@link org.supernodesim.node.engine.SequentialRuntime}); and the engine benchmark ({@link
 * org.supernodesim.node.engine.EngineBenchmark}, with its load {@link
 * org.supernodesim.node.engine.RingWorkload}).
 *
 * <p><b>Entry point.</b> {@code new SequentialRuntime().run(new Simulation(processes,
 * lookaheadPicos))}; process {@code i} is {@code processes.get(i)}, and its results are read from
 * it after {@code run} returns.
 *
 * <p><b>Rules a process lives by.</b> Virtual time is {@code long} picoseconds. A {@code send}
 * carries a delay of at least the lookahead L (a smaller one throws {@link
 * java.lang.IllegalStateException} naming both processes, the delay and L); a {@code schedule}
 * to itself may be 0 but not negative. Each process numbers what it sends and schedules, so
 * (sender, sequence) is unique and two events never tie: the order never depends on arrival.
 *
 * <p><b>Worked example.</b> A ring of n = 384 processes with L = 1 us, each passing a token to
 * its successor for K = 766 steps ({@code RingWorkload.create(384, 766, 1_000_000)}): step k's
 * 384 tokens all arrive at k·L, so the run handles n·K = 294,144 events and ends at K·L = 766 us
 * ({@code RunStatistics(766_000_000, 294_144, 0)}; the sequential runtime has no windows). On
 * the 2-core build machine that takes about 30 ms, some 9–10 M events/s. Two tokens sent to
 * process 0 at t = 0 by processes 2 and 1 with the same delay arrive at the same instant and are
 * handled sender 1 first, each sender's in the order it sent them.
 */
package org.supernodesim.node.engine;
