/**
 * The catalog of presets as the scenarios and the command line use it: {@link
 * org.supernodesim.scenario.catalog.Catalog} reads the YAML resources of {@code cluster-model}
 * (chips, systems, models, prices; listed in {@code index.txt}) with Jackson, once, and answers
 * by id or alias.
 *
 * <p>Entry point: {@code Catalog.standard()}. Worked example:
 *
 * <pre>{@code
 * Catalog catalog = Catalog.standard();
 * ChipSpec h100 = catalog.chip("H100");                 // alias of nvidia-h100-sxm
 * h100.require(ChipFigure.BF16_DENSE_FLOPS);            // 9.894e14 flop/s: 989.4 TFLOPS, published
 * h100.require(ChipFigure.SCALE_OUT_BANDWIDTH_PER_CHIP); // 400 Gb/s NIC / 8 = 5e10 B/s
 * catalog.chip("ascend-910c")
 *     .require(ChipFigure.SCALE_UP_BANDWIDTH_PER_DIRECTION); // 3.92e11 B/s: 14 x 28 GB/s UB ports
 * catalog.chip("ascend-910c").require(ChipFigure.TDP);  // throws: Huawei published no figure
 * catalog.system("ascend-910b-8").id();                 // "atlas-800t-a2": 8 x 910B, HCCS mesh
 * catalog.chip("H1OO");  // IllegalArgumentException: "no chip named 'H1OO'; valid chips: ..."
 * }</pre>
 *
 * <p>The files ship inside the jar, so a broken file is our bug: loading throws {@link
 * java.lang.IllegalStateException} naming it. A user's unknown name is an {@link
 * java.lang.IllegalArgumentException} listing the valid names.
 */
package org.supernodesim.scenario.catalog;
