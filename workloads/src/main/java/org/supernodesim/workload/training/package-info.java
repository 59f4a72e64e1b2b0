/**
 * The training step generator: {@link org.supernodesim.workload.training.StepGenerator} turns a
 * {@link org.supernodesim.workload.training.TrainingJob} (a transformer, a {@link
 * org.supernodesim.workload.training.Parallelism} layout, batch, recomputation, precision, ZeRO
 * stage) into a {@link org.supernodesim.workload.training.TrainingStep}: the operation graph of
 * the rank standing for each pipeline stage, the memory of each stage, and the step's model FLOPs.
 * Layouts that cannot run throw {@link org.supernodesim.workload.training.LayoutException} naming
 * the job's parameter they fail on (the scenario layer maps it to its key). The order of each
 * stage's passes is its {@code PipelineSchedule}'s: 1F1B and interleaved 1F1B ({@code OneFOneB}) or
 * DualPipe ({@code DualPipe}), whose forward-backward pairs are two chains of one graph.
 *
 * <p>Worked example: Megatron-LM's 39.1B GPT (48 layers, h = 8192) on 512 A100s with tp 8, pp 2,
 * dp 32 and a global batch of 1536 gives each replica m = 48 micro-batches and each stage 24
 * layers; a stage's graph holds 48 forwards and 48 backwards, each layer pass 2 kernel runs and 2
 * tp all-reduces of 2048 x 8192 x 2 B = 32 MiB (a recomputed forward before each backward), the
 * 48 activation sends or receives to the other stage, then its gradients: 24 x 12 x 8192² / 8 =
 * 2.4 B parameters per rank, 4.8 GB in fp16, all-reduced over the 32 replicas in 80 MB buckets.
 * The step's FLOPs are SC'21 eq. 3, 96·B·s·l·h²·(1 + s/6h + V/16lh) = 1.02e18 (with its unfused
 * attention and full recomputation the kernels execute exactly these); the ideal bubble (p-1)/m =
 * 2.1 %. Under DualPipe (p = 2, m = 48) each stage would hold both chunks, 4.8 B parameters per
 * rank, and its published bubble (p/2 - 1)(F&B + B - 3W) would be 0.
 */
package org.supernodesim.workload.training;
