/**
 * Text workloads as ASTRA-sim 1.0 and SimAI/AICB write them: {@link
 * org.supernodesim.workload.trace.text.TextWorkload} parses a file (located errors: file:line),
 * {@link org.supernodesim.workload.trace.text.TextReplay} lays it out on ranks and builds each
 * rank's graph: the training pass those tools run, layer by layer ({@code LayerWalk}), each
 * collective over the group its policy gives it ({@code Policy}, {@code Span}, {@code Layout}).
 *
 * <p>Decisions, with their sources (astra-sim-alibabacloud {@code workload/Workload.cc}, {@code
 * Layer.cc}, {@code system/MockNcclGroup.cc}; ASTRA-sim 1.0 the same files):
 *
 * <ul>
 *   <li>Times are ticks of 1 ns in both (their clock period is 1; AICB's 752,000 for a GPT-13B
 *       attention layer on A100 is 752 us), overridable with {@code Options.tickPicos}.
 *   <li>Groups: DATA all ranks (weight gradient only); MODEL all ranks (forward and input
 *       gradient only); HYBRID_TRANSFORMER(_FWD_IN_BCKWD) the tensor group of
 *       {@code model_parallel_NPU_group} consecutive ranks for forward and input gradient, the
 *       ranks {@code tp x pp} apart for the weight gradient; SimAI's {@code _EP} and
 *       {@code _DP_EP} suffixes MockNccl's expert groups; HYBRID_DATA_MODEL / HYBRID_MODEL_DATA
 *       ASTRA-sim's first network dimension and the rest, whose size ({@code localRanks}, e.g. a
 *       scale-up domain) the caller must give.
 *   <li>An ALLGATHER's size is each rank's part in ASTRA-sim (its ring), the gathered result in
 *       SimAI (NCCL's count; AICB writes whole activations): see {@link
 *       org.supernodesim.workload.trace.text.TextDialect}.
 *   <li>Each issued collective is followed by its layer's update time before it counts as done
 *       (the tools register a delay of {@code weight_grad_update_time} after every collective of
 *       the layer); BROADCAST, which neither tool parses, takes no time; collectives over one rank
 *       or of 0 bytes take none; all noted.
 *   <li>Not replayed, and noted: SimAI's pipeline stages ({@code pp}, {@code pp_comm}), virtual
 *       stages and gradient accumulation; ASTRA-sim's one-tick steps and collective priorities.
 * </ul>
 *
 * <p>Worked example: {@code microAllReduce.txt} ({@code MICRO}, one layer with a weight-gradient
 * ALLREDUCE of 1,048,576 B and an update of 5) on 8 ranks is one graph per rank: the all-reduce
 * over ranks 0..7, then a 5 ns wait. With ring steps of 131,072 B at 100 GB/s and 1 us: 14 x 2.311
 * us + 5 ns = 32.36 us.
 */
package org.supernodesim.workload.trace.text;
