/**
 * Layout search: {@code supernode-sim plan SCENARIO} reads the scenario's {@code plan:} block (the
 * space, the constraints, the objectives: {@link org.supernodesim.scenario.plan.PlanDefinition}),
 * prunes what cannot run or cannot fit at no simulation's cost ({@link
 * org.supernodesim.scenario.plan.Plan#prune}), simulates the rest as a sweep (locally, or on a
 * cluster with {@code --cluster}), ranks them and draws the Pareto front ({@link
 * org.supernodesim.scenario.plan.Ranking}), and writes the best layout as a scenario that runs
 * ({@link org.supernodesim.scenario.plan.PlanReports}).
 *
 * <p>Worked example: Llama-3.1-70B on 64 H100 (8 HGX nodes), global batch 128, space tp ∈ {1..64}
 * (powers of two), pp ∈ {1, 2, 4, 8, 16}, microBatch ∈ {1, 2, 4, 8}, recomputation ∈ {none,
 * selective, full}: 300 candidates; those whose tp·pp does not divide 64, whose tp does not divide
 * the 64 heads or whose pp does not divide the 80 layers are invalid, and the memory model drops
 * those above 80 GB (a layout with tp·pp = 1 holds 70 B parameters' 16 bytes each on one chip: 1.1
 * TB). The rest are simulated; the fastest is written as {@code
 * llama-3.1-70b-64-h100-plan-best.yaml}.
 */
package org.supernodesim.scenario.plan;
