/**
 * Chips as models see them: {@link org.supernodesim.model.chip.ChipSpec} holds each {@link
 * org.supernodesim.model.chip.ChipFigure} in SI units as a {@link
 * org.supernodesim.model.chip.Figure} that is known (with confidence and source), unknown or not
 * supported. {@code require} refuses to hand out a figure that is not known, saying how a scenario
 * supplies it.
 *
 * <p>Worked example: the Ascend 910C preset has scale-up bandwidth 3.92e11 B/s per direction
 * (published) and an unknown TDP; {@code chip.require(ChipFigure.TDP)} throws "tdp is unknown for
 * ascend-910c (...); give it in the scenario as cluster.chip.tdp".
 */
package org.supernodesim.model.chip;
