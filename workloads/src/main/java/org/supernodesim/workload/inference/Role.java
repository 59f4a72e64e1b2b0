package org.supernodesim.workload.inference;

import com.fasterxml.jackson.annotation.JsonValue;

/** What an instance does with a request. */
public enum Role {
  /** Prefill and decode on the same chips, batched together (continuous batching). */
  UNIFIED("unified"),
  /** Only prefill; the KV then goes to a decode instance over the fabric. */
  PREFILL("prefill"),
  /** Only decode, of requests whose KV a prefill instance sent. */
  DECODE("decode");

  private final String label;

  Role(String label) {
    this.label = label;
  }

  @JsonValue
  public String label() {
    return label;
  }
}
