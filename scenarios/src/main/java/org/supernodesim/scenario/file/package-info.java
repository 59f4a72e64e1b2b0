/**
 * Scenario files: strict binding of YAML or JSON onto records, {@code --set} edits, located errors.
 * Entry point: {@link org.supernodesim.scenario.file.ScenarioLoader#load}. A file with a {@code
 * sweep:} block is read once ({@link org.supernodesim.scenario.file.ScenarioLoader#read}) and each
 * of its points bound by writing the point's values into a copy of the tree ({@link
 * org.supernodesim.scenario.file.ScenarioFile#point}), so a point is validated as a file is. The
 * {@code report:}, {@code energy:} and {@code cost:} keys become {@link
 * org.supernodesim.scenario.file.Accounting}, prices resolved through {@link
 * org.supernodesim.scenario.file.PriceBook} (prices.yaml).
 *
 * <p>The result is a {@link org.supernodesim.scenario.file.Scenario} holding one sealed {@link
 * org.supernodesim.scenario.file.Workload} (collectives, training or serving), built in one
 * place, {@code ScenarioAssembly}, which also refuses a network model the workload does not run
 * on and a run estimated not to fit the heap ({@code MemoryEstimate}). Nothing here builds a
 * simulation: this package imports nothing of the engine. Below the loader, every refusal is one
 * type, {@code InvalidInput} (a key path and a message); the loader locates it ({@code
 * KeyLocations}), and turns Jackson's failures into the same form from their typed accessors
 * ({@code BindingErrors}), never from their text.
 *
 * <p>Worked example: {@code chips: 0} on line 4 of a.yaml gives "a.yaml:4:3: cluster.chips: 0; a
 * cluster needs at least 1 chip"; {@code sweep: {cluster.chips: [8, 4]}} over a collective of
 * group 8 gives, for the second point, "a.yaml:9:40: workload.collectives[0].group: 8; the group is
 * larger than the cluster (4 chips) (in sweep point chips-4-…: {cluster.chips=4})".
 */
package org.supernodesim.scenario.file;
