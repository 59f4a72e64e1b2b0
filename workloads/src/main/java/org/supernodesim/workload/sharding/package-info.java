/**
 * The rules that say how far a model can be cut over chips, shared by the training step and the
 * serving instances so both refuse the same layouts with the same words. Entry point: {@link
 * org.supernodesim.workload.sharding.ShardingRules}.
 *
 * <p>Worked example: Llama-3.1-70B has 64 attention heads and 8 KV heads. tp 8 splits both (8 heads
 * and 1 KV head per rank); tp 16 splits the heads (4 per rank) and replicates the 8 KV heads, since
 * there are fewer than ranks; tp 7 is refused: "7 does not divide the 64 attention heads of
 * llama-3.1-70b".
 */
package org.supernodesim.workload.sharding;
