package org.supernodesim.scenario.file;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.supernodesim.interconnect.topology.Topology;
import org.supernodesim.model.calibration.ComputeCalibration;
import org.supernodesim.model.chip.ChipSpec;
import org.supernodesim.model.chip.Figure;
import org.supernodesim.model.chip.MissingFigureException;
import org.supernodesim.model.fabric.FabricSpec;
import org.supernodesim.model.chip.Precision;
import org.supernodesim.model.transformer.TransformerSpec;
import org.supernodesim.node.serving.Role;
import org.supernodesim.node.serving.RoutingPolicy;
import org.supernodesim.node.serving.SchedulerLimits;
import org.supernodesim.scenario.file.ScenarioAssembly.Problem;
import org.supernodesim.scenario.file.ServingSections.InstanceSection;
import org.supernodesim.scenario.file.ServingSections.LengthSection;
import org.supernodesim.scenario.file.ServingSections.RequestsSection;
import org.supernodesim.scenario.file.ServingSections.SchedulerSection;
import org.supernodesim.scenario.file.ServingSections.ServingSection;
import org.supernodesim.scenario.file.ServingSections.SyntheticSection;
import org.supernodesim.workload.inference.InstanceLayout;
import org.supernodesim.workload.inference.LengthDistribution;
import org.supernodesim.workload.inference.Request;
import org.supernodesim.workload.inference.RequestTrace;
import org.supernodesim.workload.inference.SyntheticRequests;

/** Turns {@code workload.serving} into a {@link ServingWorkload}; failures name their key. */
final class ServingAssembly {
  private static final String PATH = "workload.serving";

  private final ModelPresets models;
  private final Path baseDirectory;

  ServingAssembly(ModelPresets models, Path baseDirectory) {
    this.models = models;
    this.baseDirectory = baseDirectory;
  }

  ServingWorkload assemble(ServingSection s, int clusterChips, long seed) {
    TransformerSpec model;
    try {
      model = models.model(s.model());
    } catch (IllegalArgumentException e) {
      throw new Problem(PATH + ".model", e.getMessage());
    }
    Precision weights = precision(s.weights(), PATH + ".weights");
    Precision kvCache = precision(s.kvCache(), PATH + ".kvCache");
    List<ServingWorkload.InstancePlan> plans = new ArrayList<>();
    for (int i = 0; i < s.instances().size(); i++) {
      plans.add(instance(s.instances().get(i), PATH + ".instances[" + i + "]", model));
    }
    boolean disaggregated = plans.stream().anyMatch(p -> p.role() != Role.UNIFIED);
    if (disaggregated && (plans.stream().anyMatch(p -> p.role() == Role.UNIFIED)
        || plans.stream().noneMatch(p -> p.role() == Role.PREFILL)
        || plans.stream().noneMatch(p -> p.role() == Role.DECODE))) {
      throw new Problem(PATH + ".instances", "serve with unified instances, or with prefill and"
          + " decode instances (disaggregated); not a mix");
    }
    RoutingPolicy routing;
    try {
      routing = RoutingPolicy.byLabel(s.router().policy());
    } catch (IllegalArgumentException e) {
      throw new Problem(PATH + ".router.policy", e.getMessage());
    }
    SchedulerSection sc = s.scheduler();
    RequestTrace trace = withinContext(requests(s.requests(), seed), s, model);
    if (sc.prefixCaching() && trace.prefixBlockTokens() % sc.blockSize() != 0) {
      throw new Problem(PATH + ".scheduler.blockSize", sc.blockSize() + " does not divide the"
          + " trace's prefix blocks of " + trace.prefixBlockTokens() + " tokens");
    }
    ServingWorkload w = new ServingWorkload(
        trace, model, weights, kvCache, plans,
        new SchedulerLimits(sc.maxBatch(), sc.tokenBudget(), sc.chunkedPrefill(), sc.blockSize(),
            sc.prefixCaching()),
        sc.memoryFraction(), routing, s.router().loadSlack(),
        s.slo().ttft() == null ? null : s.slo().ttft().picos() / 1e12,
        s.slo().tpot() == null ? null : s.slo().tpot().picos() / 1e12);
    if (w.chips() > clusterChips) {
      throw new Problem(PATH + ".instances", "the instances take " + w.chips() + " chips; the"
          + " cluster has " + clusterChips);
    }
    return w;
  }

  /** Deploys once to refuse, before any run, a chip figure missing or a model that cannot fit. */
  void check(
      ServingWorkload w, ChipSpec chip, ComputeCalibration calibration, FabricSpec fabric,
      int chips) {
    try {
      w.deploy(chip, calibration, Topology.build(fabric, chips));
    } catch (MissingFigureException e) {
      if (chip.figures().get(e.figure()) instanceof Figure.NotSupported) {
        List<String> valid = new ArrayList<>();
        for (Precision p : Precision.values()) {
          if (chip.has(p.peak())) {
            valid.add(p.name().toLowerCase(Locale.ROOT));
          }
        }
        throw new Problem(PATH + ".weights", chip.id() + " has no " + e.figure().key()
            + " (not supported), so it cannot multiply these weights; valid here: "
            + String.join(", ", valid));
      }
      throw new Problem("cluster.chip", e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new Problem(PATH + ".instances", e.getMessage());
    }
  }

  private static Precision precision(String text, String path) {
    try {
      return Precision.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new Problem(path, "\"" + text + "\" is not a precision; valid: bf16, fp16, fp8, int8");
    }
  }

  private static ServingWorkload.InstancePlan instance(
      InstanceSection s, String path, TransformerSpec model) {
    Role role = null;
    for (Role r : Role.values()) {
      role = r.label().equals(s.role()) ? r : role;
    }
    if (role == null) {
      throw new Problem(path + ".role",
          "\"" + s.role() + "\" is not a role; valid: unified, prefill, decode");
    }
    if (model.moeLayers() == 0 && s.ep() > 1) {
      throw new Problem(path + ".ep", s.ep() + "; " + model.id() + " has no experts, so ep is 1");
    }
    if (s.pp() > model.layers()) {
      throw new Problem(path + ".pp", s.pp() + " stages for " + model.layers() + " layers");
    }
    try {
      return new ServingWorkload.InstancePlan(
          role, s.count(), new InstanceLayout(s.tp(), s.pp(), s.ep(), s.dpAttention()));
    } catch (IllegalArgumentException e) {
      throw new Problem(path + ".ep", e.getMessage());
    }
  }

  private RequestTrace requests(RequestsSection r, long seed) {
    RequestTrace trace;
    if (r.trace() != null) {
      trace = TraceFiles.read(baseDirectory, r, seed)
          .from(r.start() == null ? 0 : r.start().picos());
    } else {
      SyntheticSection s = r.synthetic();
      trace = new SyntheticRequests(s.rate(), s.cv(), s.count(), length(s.prompt()),
          length(s.output())).generate(seed);
    }
    RequestTrace scaled = trace.scaled(r.timeScale(),
        r.window() == null ? Long.MAX_VALUE : r.window().picos());
    if (scaled.requests().isEmpty()) {
      throw new Problem(PATH + ".requests.window", "no request arrives within the window"
          + (r.start() == null ? "" : " after start " + r.start().text()));
    }
    return scaled;
  }

  /** Refuses, or drops when asked, the requests longer than the model's context window. */
  private RequestTrace withinContext(RequestTrace trace, ServingSection s, TransformerSpec model) {
    var context = models.contextTokens(s.model());
    if (context.isEmpty()) {
      return trace;
    }
    long tokens = context.getAsLong();
    var first = trace.firstLongerThan(tokens);
    if (first.isEmpty()) {
      return trace;
    }
    if (s.requests().overlong().equals("skip")) {
      RequestTrace kept = trace.withoutLongerThan(tokens);
      if (kept.requests().isEmpty()) {
        throw new Problem(PATH + ".requests", "every request is longer than " + model.id()
            + "'s context of " + tokens + " tokens");
      }
      return kept;
    }
    Request r = first.get();
    throw new Problem(PATH + ".requests", String.format(
        "request %d (arriving at %.3f s) needs %d + %d tokens, beyond %s's context of %d tokens;"
            + " drop such requests with workload.serving.requests.overlong: skip",
        r.id(), r.arrivalPicos() / 1e12, r.promptTokens(), r.outputTokens(), model.id(), tokens));
  }

  private static LengthDistribution length(LengthSection s) {
    if (s.fixed() != null) {
      return new LengthDistribution.Fixed(s.fixed());
    }
    if (s.uniform() != null) {
      return new LengthDistribution.Uniform(s.uniform().min(), s.uniform().max());
    }
    return new LengthDistribution.LogNormal(s.logNormal().mean(), s.logNormal().cv(),
        s.logNormal().max());
  }
}
