package io.funit.common.eval;

import io.funit.common.eval.report.EvaluationReport;
import java.util.List;
import java.util.Map;

/**
 * The result of an eval job, carried by its succeeded event: where the report is, and FUNIT's scores per K so that
 * a job listing shows the outcome without reading the report. The baselines' scores are in the report.
 *
 * @param evaluation the evaluation (job) id
 * @param model the model evaluated
 * @param dataset the dataset evaluated on
 * @param reportKey the report as JSON ({@code reports/{id}/report.json})
 * @param htmlKey the report page ({@code reports/{id}/report.html}), written last
 * @param files the other files of the report (sample grids), relative to {@code reports/{id}/}
 * @param funit FUNIT's scores at each K, in the order of the request's K
 */
public record EvaluationResult(String evaluation, String model, String dataset, String reportKey, String htmlKey,
    List<String> files, List<KScores> funit) {

  /** One method's scores at one K. */
  public record KScores(int k, Map<String, Double> scores) {}

  public static EvaluationResult of(EvaluationReport report, String reportKey, String htmlKey, List<String> files) {
    List<KScores> funit = report.results().stream().map(r -> new KScores(r.k(), r.methods().stream()
        .filter(m -> EvaluationReport.FUNIT.equals(m.method())).findFirst()
        .map(EvaluationReport.MethodScores::scores).orElse(Map.of()))).toList();
    return new EvaluationResult(report.evaluation(), report.model(), report.dataset(), reportKey, htmlKey,
        List.copyOf(files), funit);
  }
}
