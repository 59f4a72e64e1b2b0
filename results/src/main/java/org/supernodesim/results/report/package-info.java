/**
 * Report writers. {@link org.supernodesim.results.report.JsonReport} writes result.json, indented,
 * fields in declaration order, so the same result is always the same bytes.
 */
package org.supernodesim.results.report;
