package org.supernodesim.results.energy;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a run costs at one price.
 *
 * @param price the price used, with its source
 * @param total for the whole run: chip-hours or facility kWh times the price
 * @param perStep total per step of the workload
 * @param perMillionTokens per 10^6 tokens processed (training: tokens of the global batch); absent
 *     when the workload has no tokens
 * @param perTrillionTokens per 10^12 tokens (training)
 * @param perMillionOutputTokens per 10^6 generated tokens (serving)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CostResult(
    Price price,
    double total,
    double perStep,
    Double perMillionTokens,
    Double perTrillionTokens,
    Double perMillionOutputTokens) {}
