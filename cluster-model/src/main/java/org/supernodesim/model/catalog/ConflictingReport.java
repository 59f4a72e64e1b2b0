package org.supernodesim.model.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A claim that conflicts with the figures; kept so that a reader sees both readings. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConflictingReport(
    String claim, String confidence, String date, String note, String source) {}
