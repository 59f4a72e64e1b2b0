package org.supernodesim.scenario.plan;

import org.supernodesim.results.report.SweepPoint;
import org.supernodesim.scenario.file.SweepDefinition;
import org.supernodesim.scenario.sweep.SweepRunner;

/** A sweep listener that says nothing. */
final class Quiet {
  static final SweepRunner.Listener LISTENER =
      new SweepRunner.Listener() {
        @Override
        public void planned(int total, int alreadyDone) {}

        @Override
        public void started(SweepDefinition.Point point) {}

        @Override
        public void finished(SweepPoint point) {}
      };

  private Quiet() {}
}
