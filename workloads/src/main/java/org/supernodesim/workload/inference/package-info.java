/**
 * Inference serving workloads: the requests (real traces and synthetic processes), the cost of
 * one forward step of a serving instance, and the choices of a deployment: an instance's {@link
 * org.supernodesim.workload.inference.Role}, the router's {@link
 * org.supernodesim.workload.inference.RoutingPolicy}, the scheduler's {@link
 * org.supernodesim.workload.inference.SchedulerLimits} (data: the engine's processes in {@code
 * node.serving} act on them).
 *
 * <p>Requests come from an Azure LLM inference trace CSV ({@code azure-csv}), a Mooncake JSONL
 * trace with prefix-block hashes ({@code mooncake-jsonl}) via {@link
 * org.supernodesim.workload.inference.TraceFormat#read}, or from {@link
 * org.supernodesim.workload.inference.SyntheticRequests} (gamma gaps, cv 1 = Poisson; fixed,
 * uniform or log-normal lengths; seeded). A bad row is a {@link
 * org.supernodesim.workload.inference.TraceException} with its line number, or is skipped and
 * counted when asked. {@link org.supernodesim.workload.inference.RequestTrace#scaled} replays a
 * trace k times faster.
 *
 * <p>{@link org.supernodesim.workload.inference.StepCostModel} prices a {@link
 * org.supernodesim.workload.inference.Batch} on an {@link
 * org.supernodesim.workload.inference.InstanceLayout}. Worked example: Llama-3.1 70B in BF16 on
 * one H20 group of tp = 8 (4.0 TB/s, 148 TFLOPS each): a chip holds 70.6e9 x 2 / 8 = 17.6 GB of
 * weights; decoding 32 requests at 2,048 tokens of context reads those 17.6 GB plus 32 x 2,049 x
 * 80 layers x 2 x 1 KV head x 128 x 2 bytes = 2.7 GB of KV per chip, 5.1 ms at 4.0 TB/s (6.3 ms
 * at the calibration's 0.80 of it), while its 32 x 2 x 70.6e9 / 8 = 0.56 TFLOP take 3.8 ms at the
 * peak (9.9 ms at the matmul efficiency of 32 rows, 0.77 x 32 / (32 + 128)): at this batch the
 * calibrated GEMMs, thin in their 32 tokens, bound the step; at batch 8 the bytes do.
 */
package org.supernodesim.workload.inference;
