/**
 * Scenario files: strict binding of YAML or JSON onto records, {@code --set} edits, located errors.
 * Entry point: {@link org.supernodesim.scenario.file.ScenarioLoader#load}.
 *
 * <p>Worked example: {@code chips: 0} on line 4 of a.yaml gives "a.yaml:4:3: cluster.chips: 0; a
 * cluster needs at least 1 chip".
 */
package org.supernodesim.scenario.file;
