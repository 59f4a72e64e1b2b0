/**
 * The runner: builds the processes of a scenario's workload, runs them on the chosen runtime and
 * gathers its {@link org.supernodesim.results.RunResult}, once. Entry point: {@link
 * org.supernodesim.scenario.run.ScenarioRunner#run}. Its one switch over the workload's kind picks
 * a {@code WorkloadRun} ({@code CollectivesRun}, {@code TrainingRun}, {@code ServingRun}); each
 * gives its processes and then what they measured. Energy and cost are counted from the chips'
 * recorded activity (the model: {@code org.supernodesim.results.energy}); {@link
 * org.supernodesim.scenario.run.RunReports} writes result.json and the reports the scenario lists,
 * each file whole or not at all.
 *
 * <p>Worked example: 8 H800s (700 W) that only communicate for a run of T, with f_idle = 0.2 and
 * f_comm = 0.5, draw 0.2·700 + 0.5·0.8·700 = 420 W each; at PUE 1.2 the facility uses 8 · 420 ·
 * 1.2 = 4,032 W over T.
 */
package org.supernodesim.scenario.run;
