package org.supernodesim.workload.training;

/**
 * HBM one rank of a pipeline stage needs at its peak, by what holds it.
 *
 * @param stage the pipeline stage
 * @param weightsBytes bf16/fp16 weights (ZeRO-3: its shard plus the layers gathered at a time)
 * @param gradientBytes fp32 gradient accumulators (ZeRO-2/3: its shard)
 * @param optimizerBytes Adam's fp32 master weights, momentum and variance (ZeRO-1+: its shard)
 * @param activationBytes activations kept for backward, over every micro-batch in flight
 * @param bufferBytes communication buffers: gradient buckets, pipeline and all-to-all buffers
 */
public record StageMemory(
    int stage,
    double weightsBytes,
    double gradientBytes,
    double optimizerBytes,
    double activationBytes,
    double bufferBytes) {

  public double totalBytes() {
    return weightsBytes + gradientBytes + optimizerBytes + activationBytes + bufferBytes;
  }
}
