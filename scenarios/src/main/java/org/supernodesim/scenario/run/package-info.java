/**
 * The runner: builds the cluster a scenario describes, runs it on the chosen runtime and gathers
 * its {@link org.supernodesim.results.RunResult}. Entry point: {@link
 * org.supernodesim.scenario.run.ScenarioRunner#run}.
 */
package org.supernodesim.scenario.run;
