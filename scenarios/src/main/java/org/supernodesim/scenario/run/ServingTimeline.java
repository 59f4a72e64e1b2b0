package org.supernodesim.scenario.run;

import java.util.ArrayList;
import java.util.List;
import org.supernodesim.results.ServingResult;
import org.supernodesim.results.report.perfetto.Timeline;
import org.supernodesim.results.report.perfetto.Timeline.Arg;
import org.supernodesim.results.report.perfetto.TimelineBuilder;
import org.supernodesim.results.serving.StepLog;

/**
 * The timeline of a serving run: each instance a process (pid = its first chip + 1, so instances
 * sort as their chips do), one track of its forward steps (a slice per step with its batch, tokens,
 * queue and KV use), and counters of its running batch, waiting requests and KV use at each step's
 * start. Only the steps each instance kept are drawn: the first of the run, {@link
 * ServingRun#TIMELINE_STEPS} in all; the process's name says how many of its steps that is.
 */
final class ServingTimeline {
  private static final int STEPS = 0;

  private ServingTimeline() {}

  static Timeline of(ServingResult result, List<StepLog> logs) {
    TimelineBuilder b = new TimelineBuilder();
    for (ServingResult.InstanceSummary i : result.instances()) {
      StepLog log = logs.get(i.id());
      int pid = i.firstChip() + 1;
      int kept = log.keptSteps();
      b.process(
          pid,
          String.format(
              "instance %d (%s, chips %d-%d)%s",
              i.id(),
              i.role(),
              i.firstChip(),
              i.firstChip() + i.chips() - 1,
              kept < log.steps() ? ": first " + kept + " of " + log.steps() + " steps" : ""));
      b.track(pid, STEPS, "steps");
      List<Timeline.CounterPoint> batch = new ArrayList<>(kept);
      List<Timeline.CounterPoint> queued = new ArrayList<>(kept);
      List<Timeline.CounterPoint> kv = new ArrayList<>(kept);
      for (int s = 0; s < kept; s++) {
        long start = log.stepStartPicos(s);
        b.slice(
            pid,
            STEPS,
            new Timeline.Slice(
                "batch " + log.stepBatch(s),
                Timeline.Category.COMPUTE,
                start,
                log.stepEndPicos(s),
                List.of(
                    new Arg.Whole("batch", log.stepBatch(s)),
                    new Arg.Whole("tokens", log.stepTokens(s)),
                    new Arg.Whole("queued", log.stepQueued(s)),
                    new Arg.Amount("kv use", log.stepKvUtilisation(s)))));
        batch.add(new Timeline.CounterPoint(start, log.stepBatch(s)));
        queued.add(new Timeline.CounterPoint(start, log.stepQueued(s)));
        kv.add(new Timeline.CounterPoint(start, 100 * log.stepKvUtilisation(s)));
      }
      b.counter(pid, new Timeline.Counter("batch (requests)", STEPS, batch));
      b.counter(pid, new Timeline.Counter("queued (requests)", STEPS, queued));
      b.counter(pid, new Timeline.Counter("KV use (%)", STEPS, kv));
    }
    return b.build();
  }
}
