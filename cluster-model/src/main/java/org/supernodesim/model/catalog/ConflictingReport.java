package org.supernodesim.model.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.supernodesim.model.chip.Confidence;

/** A claim that conflicts with the figures; kept so that a reader sees both readings. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConflictingReport(
    String claim, Confidence confidence, String date, String note, String source) {}
