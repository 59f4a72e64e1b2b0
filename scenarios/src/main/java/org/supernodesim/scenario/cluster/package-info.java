/**
 * Sweeps spread over several machines on an Apache Pekko Cluster (DESIGN.md: scenarios owns
 * distributed sweeps). Entry points: {@link org.supernodesim.scenario.cluster.ClusterSweep} (the
 * coordinator, a {@link org.supernodesim.scenario.sweep.SweepRunner.PointExecutor}) and {@link
 * org.supernodesim.scenario.cluster.WorkerNode} (a worker).
 *
 * <p>The coordinator is the cluster's only seed node. Workers join it over Artery TCP (TLS when
 * asked), find it through the receptionist and pull points: each asks for as many as it has free
 * slots. A point travels with its scenario and the files it names ({@link
 * org.supernodesim.scenario.cluster.ScenarioBundle}); its result comes back as the JSON a local
 * sweep keeps, and the coordinator writes it through the same {@code PointStore} code. Only {@link
 * org.supernodesim.scenario.cluster.ClusterMessage}s cross between machines, by Jackson CBOR.
 *
 * <p>Failure: a worker that stops answering heartbeats is unreachable after about 7 s ({@code
 * failure-detector} in {@code cluster.conf}); its points go back to the front of the queue at
 * once, and the split-brain resolver (keep-oldest: the coordinator) downs it 10 s later. A result
 * that arrives for a point already kept is dropped. The coordinator keeps nothing that is not on
 * disk: restarted on the same folder, it runs only the points without a file.
 *
 * <p>Worked example: 30 points of 0.5 s on two workers of one slot each take about 7.5 s of
 * points plus the cluster's forming (2–8 s). Kill a worker holding point 12: its point is
 * re-queued about 7 s later and run by the other, and results.csv still has 30 rows, one per
 * point, equal to a local sweep's but for wallSeconds.
 */
package org.supernodesim.scenario.cluster;
