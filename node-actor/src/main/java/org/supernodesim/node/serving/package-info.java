/**
 * Inference serving as logical processes: a {@link org.supernodesim.node.serving.RouterProcess}
 * that releases requests at their arrival times and routes them (round robin, least loaded,
 * cache-aware), and one {@link org.supernodesim.node.serving.InstanceProcess} per model replica,
 * a continuous-batching scheduler with chunked prefill, a paged KV cache with prefix caching and
 * preemption, in one of three roles: unified, prefill or decode (disaggregated, the KV sent over
 * the fabric). Entry point: {@link org.supernodesim.node.serving.ServingCluster}.
 *
 * <p>Worked example (the closed form a test holds the engine to): one instance, one request of a
 * 1,000-token prompt and 101 output tokens, no other load. The prefill is one step of cost
 * P = step(prefill 1,000); it yields the first token, so TTFT = dispatch + P. Each of the 100
 * decode steps at context c costs D(c) = step(decode 1 at c), so TPOT = (sum of D(c) for c =
 * 1,000..1,099) / 100 and e2e = TTFT + 100 x TPOT.
 */
package org.supernodesim.node.serving;
