package org.supernodesim.model.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A document cited by a catalog file.
 *
 * @param id the id figures cite in {@link SourceRef#ref()}
 * @param url {@code null} only for documents cited by title
 * @param type vendor, vendorCode, peerReviewed, paper, government, priceList, analyst, press or
 *     community
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Source(
    String id, String title, String url, String publisher, String date, String type) {}
