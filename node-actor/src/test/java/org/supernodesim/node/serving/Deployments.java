package org.supernodesim.node.serving;

import java.util.List;
import java.util.Map;
import org.supernodesim.interconnect.routing.Router;
import org.supernodesim.interconnect.topology.Topology;
import org.supernodesim.model.chip.ChipFigure;
import org.supernodesim.model.chip.ChipSpec;
import org.supernodesim.model.chip.Confidence;
import org.supernodesim.model.chip.Figure;
import org.supernodesim.model.chip.Precision;
import org.supernodesim.model.fabric.LinkSpec;
import org.supernodesim.model.fabric.NetworkModel;
import org.supernodesim.model.transformer.Activation;
import org.supernodesim.model.transformer.DenseFfn;
import org.supernodesim.model.transformer.FfnLayout;
import org.supernodesim.model.transformer.GroupedQueryAttention;
import org.supernodesim.model.transformer.Mlp;
import org.supernodesim.model.transformer.NormKind;
import org.supernodesim.model.transformer.PositionEncoding;
import org.supernodesim.model.transformer.TransformerSpec;
import org.supernodesim.node.engine.SequentialRuntime;
import org.supernodesim.results.ServingResult;
import org.supernodesim.workload.cost.ComputeCostModel;
import org.supernodesim.workload.inference.InstanceLayout;
import org.supernodesim.workload.inference.RequestTrace;
import org.supernodesim.workload.inference.Role;
import org.supernodesim.workload.inference.RoutingPolicy;
import org.supernodesim.workload.inference.SchedulerLimits;
import org.supernodesim.workload.inference.StepCostModel;
import org.supernodesim.workload.inference.Load;
import org.supernodesim.workload.inference.HostTier;

/** Small serving deployments for the tests: Llama-3.1 8B on H20s behind one switch. */
final class Deployments {
  /** 450 GB/s per direction, 1 us per hop: chip to chip is 2 us, the lookahead. */
  static final LinkSpec LINK = new LinkSpec(4.5e11, 1_000_000);
  static final double HBM_BYTES_PER_SECOND = 4.0e12;
  static final double PEAK_FLOPS = 1.48e14;

  private Deployments() {}

  /** Llama-3.1 8B (config.json of meta-llama/Llama-3.1-8B). */
  static TransformerSpec llama8b() {
    return new TransformerSpec("llama-3.1-8b", 128_256, 4096, 32, new PositionEncoding.Rope(5e5),
        NormKind.RMS_NORM, new GroupedQueryAttention(32, 8, 128, false, false, false),
        new FfnLayout.AllDense(new DenseFfn(new Mlp(14_336, Activation.SWIGLU, false))), false, 0,
        List.of());
  }

  /** NVIDIA H20 as the catalog has it: 148 TFLOPS BF16, 4.0 TB/s, 96 GB (reported). */
  static ChipSpec h20() {
    Figure.Known bf16 = new Figure.Known(PEAK_FLOPS, Confidence.REPORTED, "catalog");
    Figure.Known hbm = new Figure.Known(HBM_BYTES_PER_SECOND, Confidence.REPORTED, "catalog");
    Figure.Known capacity = new Figure.Known(9.6e10, Confidence.REPORTED, "catalog");
    return new ChipSpec("nvidia-h20", "NVIDIA H20", Map.of(ChipFigure.BF16_DENSE_FLOPS, bf16,
        ChipFigure.HBM_BANDWIDTH, hbm, ChipFigure.HBM_CAPACITY, capacity));
  }

  static StepCostModel oneChipCosts() {
    return new StepCostModel(llama8b(), new InstanceLayout(1, 1, 1, 1), Precision.BF16,
        Precision.BF16, new ComputeCostModel(h20()), null);
  }

  static Router router(int chips) {
    return new Router(Topology.singleSwitch(chips, LINK));
  }

  /** {@code count} one-chip instances of {@code role}, each with {@code kvTokens} of KV cache. */
  static InstanceGroup group(Role role, int count, long kvTokens) {
    return new InstanceGroup(role, count, oneChipCosts(), kvTokens, limits(true));
  }

  static SchedulerLimits limits(boolean prefixCaching) {
    return new SchedulerLimits(256, 8192, true, 16, prefixCaching);
  }

  static ServingCluster.Setup setup(
      RequestTrace trace, List<InstanceGroup> groups, SchedulerLimits limits,
      RoutingPolicy routing) {
    int chips = groups.stream().mapToInt(g -> g.count() * g.chipsPerInstance()).sum();
    List<InstanceGroup> limited = groups.stream()
        .map(g -> new InstanceGroup(g.role(), g.count(), g.costs(), g.kvCapacityTokens(), limits))
        .toList();
    return new ServingCluster.Setup(trace, limited, routing, 4, router(chips),
        NetworkModel.ANALYTICAL, new Load.Arrivals(), null, null, HostTier.NONE);
  }

  /** A setup of {@code groups} as given, each with its own limits. */
  static ServingCluster.Setup setupOf(
      RequestTrace trace, List<InstanceGroup> groups, RoutingPolicy routing) {
    int chips = groups.stream().mapToInt(g -> g.count() * g.chipsPerInstance()).sum();
    return new ServingCluster.Setup(trace, groups, routing, 4, router(chips),
        NetworkModel.ANALYTICAL, new Load.Arrivals(), null, null, HostTier.NONE);
  }

  static ServingResult runSequential(ServingCluster.Setup setup) {
    ServingCluster cluster = ServingCluster.assemble(setup);
    new SequentialRuntime().run(cluster.simulation());
    return cluster.result();
  }
}
