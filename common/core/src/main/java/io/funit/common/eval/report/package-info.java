/**
 * The evaluation report: what an evaluation job stores ({@code reports/{evalJobId}/report.json}) and what the HTML
 * page, the API and {@code ./funit eval} show. The engine fills it; the surfaces only read it.
 */
package io.funit.common.eval.report;
