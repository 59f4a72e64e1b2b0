package org.supernodesim.scenario.file;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.supernodesim.model.chip.ChipFigure;
import org.supernodesim.model.collective.AlgorithmChoice;
import org.supernodesim.model.collective.CollectiveKind;
import org.supernodesim.model.fabric.NetworkModel;
import org.supernodesim.results.report.ReportOutput;
import org.supernodesim.scenario.file.Quantities.Bandwidth;
import org.supernodesim.scenario.file.Quantities.ComputeRate;
import org.supernodesim.scenario.file.Quantities.DataSize;
import org.supernodesim.scenario.file.Quantities.Power;
import org.supernodesim.scenario.file.Quantities.SiValue;

/**
 * The scenario file's shape: one record per YAML mapping, named for its key. Required keys say so;
 * optional ones arrive as {@code null} and get their documented default in one place, the compact
 * constructor. Impossible single values are refused here; checks across keys live in {@link
 * ScenarioAssembly}.
 */
final class Sections {
  private Sections() {}

  static final long DEFAULT_SEED = 1;

  /** A name is a folder name under runs/: no path separators, no leading dot. */
  static final java.util.regex.Pattern NAME =
      java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  /** The whole file. */
  /**
   * {@code timeline:} what a timeline draws.
   *
   * @param chips the global ranks whose processes it shows (a training step at fidelity chip:
   *     default its stage representatives); each with its streams and its transfers as flows
   */
  record TimelineSection(List<Integer> chips) {
    TimelineSection {
      chips = chips == null ? List.of() : List.copyOf(chips);
    }
  }

  record ScenarioSection(
      @JsonProperty(required = true) String name,
      Long seed,
      @JsonProperty(required = true) ClusterSection cluster,
      @JsonProperty(required = true) WorkloadSection workload,
      NetworkSection network,
      List<ReportOutput> report,
      ReportSections.EnergySection energy,
      ReportSections.CostSection cost,
      TimelineSection timeline) {
    ScenarioSection {
      timeline = timeline == null ? new TimelineSection(null) : timeline;
      if (!NAME.matcher(name).matches()) {
        throw new InvalidInput(
            "name",
            "\"" + name + "\" is not a valid name: it names the output folder runs/<name>/, so"
                + " start with a letter or digit, then up to 99 letters, digits, '.', '_' or '-'");
      }
      seed = seed == null ? DEFAULT_SEED : seed;
      network = network == null ? new NetworkSection(null) : network;
      report = report == null ? ReportOutput.DEFAULT : List.copyOf(report);
      energy = energy == null ? ReportSections.EnergySection.DEFAULT : energy;
      cost = cost == null ? ReportSections.CostSection.DEFAULT : cost;
    }
  }

  /**
   * {@code cluster:} the chips and how they are wired: a system preset ({@code system}, with
   * {@code nodes} of it, default 1), or {@code chips}, {@code chip} and {@code fabric} spelt out.
   * With a system, {@code chip} and {@code fabric} override the preset's, and {@code chips} may
   * take fewer chips of one system.
   */
  record ClusterSection(
      String system,
      Integer nodes,
      Integer chips,
      ChipSection chip,
      FabricSections.FabricSection fabric) {
    ClusterSection {
      if (chips != null && chips < 1) {
        throw new InvalidInput("chips", chips + "; a cluster needs at least 1 chip");
      }
      if (nodes != null && nodes < 1) {
        throw new InvalidInput("nodes", nodes + "; a cluster needs at least 1 node");
      }
      if (system == null && nodes != null) {
        throw new InvalidInput("nodes", "nodes counts systems; name one with cluster.system");
      }
    }
  }

  /**
   * {@code cluster.chip:} a catalog preset by name, or a mapping naming the preset and overriding
   * any of its figures.
   */
  record ChipSection(
      @JsonProperty(required = true) String preset,
      ComputeRate fp16DenseFlops,
      ComputeRate bf16DenseFlops,
      ComputeRate fp8DenseFlops,
      ComputeRate int8DenseOps,
      DataSize hbmCapacity,
      Bandwidth hbmBandwidth,
      Bandwidth scaleUpBandwidthPerDirection,
      Bandwidth scaleOutNicBandwidthPerChip,
      Power tdp,
      Integer streamingMultiprocessors) {

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    ChipSection {
      if (streamingMultiprocessors != null && streamingMultiprocessors < 1) {
        throw new InvalidInput("streamingMultiprocessors", streamingMultiprocessors
            + "; a chip has at least 1 SM");
      }
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static ChipSection named(String preset) {
      return new ChipSection(preset, null, null, null, null, null, null, null, null, null, null);
    }

    /** The figures this section overrides, in SI units, in the order of {@link ChipFigure}. */
    Map<ChipFigure, Double> overrides() {
      Map<ChipFigure, SiValue> given = new EnumMap<>(ChipFigure.class);
      given.put(ChipFigure.FP16_DENSE_FLOPS, fp16DenseFlops);
      given.put(ChipFigure.BF16_DENSE_FLOPS, bf16DenseFlops);
      given.put(ChipFigure.FP8_DENSE_FLOPS, fp8DenseFlops);
      given.put(ChipFigure.INT8_DENSE_OPS, int8DenseOps);
      given.put(ChipFigure.HBM_CAPACITY, hbmCapacity);
      given.put(ChipFigure.HBM_BANDWIDTH, hbmBandwidth);
      given.put(ChipFigure.SCALE_UP_BANDWIDTH_PER_DIRECTION, scaleUpBandwidthPerDirection);
      given.put(ChipFigure.SCALE_OUT_BANDWIDTH_PER_CHIP, scaleOutNicBandwidthPerChip);
      given.put(ChipFigure.TDP, tdp);
      Map<ChipFigure, Double> values = new EnumMap<>(ChipFigure.class);
      given.forEach((figure, value) -> {
        if (value != null) {
          values.put(figure, value.siValue());
        }
      });
      if (streamingMultiprocessors != null) {
        values.put(ChipFigure.STREAMING_MULTIPROCESSORS, (double) streamingMultiprocessors);
      }
      return values;
    }
  }

  /**
   * {@code workload:} what the chips do, one key naming the kind: {@code collectives} (a list of
   * {@link CollectiveSection}), {@code serving} ({@link ServingSections}) or {@code training}
   * ({@link TrainingSections}) or {@code trace} ({@link TraceSections}).
   */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.WRAPPER_OBJECT)
  @JsonSubTypes({
    @JsonSubTypes.Type(value = CollectivesSection.class, name = "collectives"),
    @JsonSubTypes.Type(value = ServingSections.ServingSection.class, name = "serving"),
    @JsonSubTypes.Type(value = TrainingSections.TrainingSection.class, name = "training"),
    @JsonSubTypes.Type(value = TraceSections.TraceSection.class, name = "trace")
  })
  sealed interface WorkloadSection
      permits CollectivesSection,
          ServingSections.ServingSection,
          TrainingSections.TrainingSection,
          TraceSections.TraceSection {}

  /** {@code workload.collectives:} the collectives to time, in order. */
  record CollectivesSection(List<CollectiveSection> collectives) implements WorkloadSection {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    CollectivesSection {
      if (collectives == null || collectives.isEmpty()) {
        throw new InvalidInput("", "empty; give at least one collective, e.g."
            + " - { kind: all-reduce, size: 1 GiB }");
      }
      collectives = List.copyOf(collectives);
    }
  }

  /** One collective of a nccl-tests-style workload. */
  record CollectiveSection(
      @JsonProperty(required = true) CollectiveKind kind,
      DataSize size,
      com.fasterxml.jackson.databind.JsonNode group,
      AlgorithmChoice algorithm,
      Integer repeat,
      List<DataSize> sizes) {
    CollectiveSection {
      algorithm = algorithm == null ? AlgorithmChoice.AUTO : algorithm;
      repeat = repeat == null ? 1 : repeat;
      if (repeat < 1) {
        throw new InvalidInput("repeat", repeat + "; repeat must be >= 1");
      }
      CollectiveGroups.validate(group);
      sizes = UnevenSizes.validate(kind, algorithm, size, sizes);
    }
  }

  /** {@code network:} how transfers are modelled; default analytical. */
  record NetworkSection(NetworkModel model) {
    NetworkSection {
      model = model == null ? NetworkModel.ANALYTICAL : model;
    }
  }
}
