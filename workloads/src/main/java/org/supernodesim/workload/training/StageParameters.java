package org.supernodesim.workload.training;

/**
 * Parameters one rank of a pipeline stage holds: dense ones (replicated over dp, split over tp)
 * and routed-expert ones (split over ep and tp, replicated over dp/ep).
 */
record StageParameters(double dense, double expert) {
  double total() {
    return dense + expert;
  }

  StageParameters plus(StageParameters o) {
    return new StageParameters(dense + o.dense, expert + o.expert);
  }
}
