package org.supernodesim.workload.trace.text;

/**
 * The parallelism policy of a text workload's first line: which group each pass's collective
 * spans (ASTRA-sim's and SimAI's {@code Workload::decode_involved_dimensions}) and how a training
 * pass walks the layers ({@code Workload::iterate_*}; see {@link LayerWalk}).
 */
enum Policy {
  DATA("DATA", Span.NONE, Span.NONE, Span.ALL),
  MODEL("MODEL", Span.ALL, Span.ALL, Span.NONE),
  HYBRID_DATA_MODEL("HYBRID_DATA_MODEL", Span.LOCAL, Span.LOCAL, Span.REST),
  HYBRID_MODEL_DATA("HYBRID_MODEL_DATA", Span.REST, Span.REST, Span.LOCAL),
  HYBRID_TRANSFORMER("HYBRID_TRANSFORMER", Span.TP, Span.TP, Span.DP),
  HYBRID_TRANSFORMER_FWD_IN_BCKWD("HYBRID_TRANSFORMER_FWD_IN_BCKWD", Span.TP, Span.TP, Span.DP),
  HYBRID_DLRM("HYBRID_DLRM", Span.NONE, Span.NONE, Span.ALL),
  HYBRID_DLRM_ENHANCED("HYBRID_DLRM_ENHANCED", Span.NONE, Span.NONE, Span.ALL),
  HYBRID_CUSTOMIZED("HYBRID_CUSTOMIZED", Span.NONE, Span.NONE, Span.NONE),
  MICRO("MICRO", Span.NONE, Span.NONE, Span.ALL),
  DISTRIBUTED_INFERENCE("DISTRIBUTED_INFERENCE", Span.ALL, Span.ALL, Span.NONE),
  /** Every dimension for every pass: a DLRM workload's first (embedding) layer. */
  ALL("ALL", Span.ALL, Span.ALL, Span.ALL);

  private final String token;
  final Span forward;
  final Span inputGradient;
  final Span weightGradient;

  Policy(String token, Span forward, Span inputGradient, Span weightGradient) {
    this.token = token;
    this.forward = forward;
    this.inputGradient = inputGradient;
    this.weightGradient = weightGradient;
  }

  /** The policy a file names, or null. */
  static Policy byToken(String token) {
    for (Policy p : values()) {
      if (p != ALL && p.token.equals(token)) {
        return p;
      }
    }
    return null;
  }

  /** Whether the policy needs the size of ASTRA-sim's first network dimension. */
  boolean usesLocalDimension() {
    return forward == Span.LOCAL || forward == Span.REST;
  }

  boolean isDlrm() {
    return this == HYBRID_DLRM || this == HYBRID_DLRM_ENHANCED;
  }

  /** The policies a file may name, for messages. */
  static String tokens() {
    StringBuilder s = new StringBuilder();
    for (Policy p : values()) {
      if (p != ALL) {
        s.append(s.length() == 0 ? "" : ", ").append(p.token);
      }
    }
    return s.toString();
  }

  String token() {
    return token;
  }
}
