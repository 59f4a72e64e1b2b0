package org.supernodesim.scenario.file;

import java.util.List;
import org.supernodesim.model.calibration.ComputeCalibration;
import org.supernodesim.model.chip.ChipSpec;
import org.supernodesim.model.fabric.FabricSpec;
import org.supernodesim.workload.microbench.CollectiveBenchmark;
import org.supernodesim.workload.training.TrainingJob;

/**
 * A scenario after loading and validation, in model terms only: no string below this has a unit,
 * every preset is resolved and every override applied.
 *
 * @param name names the run and its results folder
 * @param seed every random choice of the run derives from it
 * @param chips the number of chips
 * @param chip the chip, preset figures with the scenario's overrides
 * @param fabric how the chips are wired
 * @param networkModel {@code analytical}
 * @param collectives the collectives to time, in order (empty for a training step)
 * @param accounting the outputs to write and how energy and cost are counted
 * @param serving the serving workload, or null when the workload is collectives
 * @param training the training step to simulate, or null for collectives
 * @param calibration the chip's compute calibration (the plain roofline if it has none)
 */
public record Scenario(
    String name,
    long seed,
    int chips,
    ChipSpec chip,
    FabricSpec fabric,
    String networkModel,
    List<CollectiveBenchmark.Entry> collectives,
    Accounting accounting,
    ServingWorkload serving,
    TrainingJob training,
    ComputeCalibration calibration) {
  public Scenario {
    collectives = List.copyOf(collectives);
  }

  /** A scenario of collectives only, with the default outputs and no prices. */
  public Scenario(
      String name,
      long seed,
      int chips,
      ChipSpec chip,
      FabricSpec fabric,
      String networkModel,
      List<CollectiveBenchmark.Entry> collectives) {
    this(name, seed, chips, chip, fabric, networkModel, collectives, Accounting.DEFAULT, null,
        null, ComputeCalibration.ideal(chip.id()));
  }
}
