/**
 * The catalog of presets as records: chips and systems ({@link
 * org.supernodesim.model.catalog.CatalogEntry}), model shapes ({@link
 * org.supernodesim.model.catalog.ModelShape} in a {@link org.supernodesim.model.catalog.ModelFile})
 * and prices ({@link org.supernodesim.model.catalog.Prices}), each figure a {@link
 * org.supernodesim.model.catalog.CatalogFigure} with its unit, confidence and source.
 *
 * <p>The YAML files live beside these classes as resources ({@code
 * org/supernodesim/model/catalog/}, listed in {@code index.txt}; see {@code PROVENANCE.md}). This
 * package only describes them: it may not use a Jackson {@code ObjectMapper} (cluster-model depends
 * on jackson-annotations alone), so {@code org.supernodesim.scenario.catalog.Catalog} reads them.
 * The records ignore keys they do not know, because the catalog is data copied from elsewhere and
 * may grow; scenario files, which people write, stay strict.
 *
 * <p>Entry point: {@link org.supernodesim.model.catalog.CatalogEntry#toChipSpec()}. Worked example,
 * H100 SXM ({@code chips/nvidia-h100-sxm.yaml}):
 *
 * <pre>
 * bf16DenseFlops               9.894e+14 flopsPerSecond, published  -> Known(9.894e14 flop/s)
 * scaleUpBandwidthPerDirection 4.5e+11 bytesPerSecond, estimated    -> Known(4.5e11 B/s, ESTIMATED)
 * scaleOutNicBandwidthPerChip  4.0e+11 bitsPerSecond, published     -> Known(4.0e11 / 8 = 5e10 B/s)
 * </pre>
 *
 * <p>Ascend 910C's {@code tdp} is {@code unknown}: it becomes {@code Figure.Unknown} carrying the
 * file's {@code needed} ("Huawei Atlas 900 A3 / Atlas 800 A3 hardware description with NPU module
 * power"), so a model that needs it stops and says what to give. A chip with only a bidirectional
 * scale-up figure gets per direction = bidirectional / 2, marked estimated (900 GB/s -> 450 GB/s).
 */
package org.supernodesim.model.catalog;
