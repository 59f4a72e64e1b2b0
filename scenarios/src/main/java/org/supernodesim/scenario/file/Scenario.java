package org.supernodesim.scenario.file;

import java.util.List;
import java.util.Optional;
import org.supernodesim.model.calibration.ComputeCalibration;
import org.supernodesim.model.chip.ChipSpec;
import org.supernodesim.model.fabric.FabricSpec;
import org.supernodesim.model.fabric.NetworkModel;

/**
 * A scenario after loading and validation, in model terms only: no string below this has a unit,
 * every preset is resolved and every override applied.
 *
 * @param name names the run and its output folder ({@code runs/<name>/})
 * @param seed every random choice of the run derives from it
 * @param chips the number of chips
 * @param chip the chip, preset figures with the scenario's overrides
 * @param fabric how the chips are wired
 * @param calibration the chip's compute calibration (the plain roofline if it has none)
 * @param networkModel how transfers are timed; one the workload runs on ({@link
 *     Workload#networkModels()})
 * @param workload what the chips do: one kind
 * @param accounting the outputs to write and how energy and cost are counted
 * @param system the system preset the cluster was built from ({@code cluster.system}), if any
 * @param timelineChips {@code timeline.chips}: the global ranks a timeline draws (empty: the
 *     workload's default)
 */
public record Scenario(
    String name,
    long seed,
    int chips,
    ChipSpec chip,
    FabricSpec fabric,
    ComputeCalibration calibration,
    NetworkModel networkModel,
    Workload workload,
    Accounting accounting,
    Optional<String> system,
    List<Integer> timelineChips) {}
