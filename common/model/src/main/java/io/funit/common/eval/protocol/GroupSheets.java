package io.funit.common.eval.protocol;

import io.funit.common.dataset.fonts.StyleGroups;
import io.funit.common.eval.report.EvaluationReport;
import io.funit.common.eval.report.EvaluationReport.GroupResult;
import io.funit.common.eval.report.EvaluationReport.KResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The running scores per style group of the held-out fonts (serif, sans, italic, bold...; a font counts in each of
 * its groups), so that a report shows where a model works and where it does not: the whole set's mean hides a model
 * that fails on every script face behind many good sans faces. Only per-class scores are kept per group.
 */
final class GroupSheets {
  /** The keys a group reports: each is a mean over its classes' outputs. */
  static final List<String> KEYS = List.of(EvaluationReport.GT_L1, EvaluationReport.GT_SSIM,
      EvaluationReport.GT_CONTENT_ACCURACY, EvaluationReport.GT_FEATURE_DISTANCE,
      EvaluationReport.ACC_ALL_TOP1, EvaluationReport.ACC_ALL_TOP5,
      EvaluationReport.ACC_HELDOUT_TOP1, EvaluationReport.ACC_HELDOUT_TOP5, EvaluationReport.CONTENT_DISTANCE,
      EvaluationReport.MEAN_CLASS_FID);

  /** Per plan position, the class's groups. */
  private final List<Set<String>> classGroups;
  /** group → per K → method → sheet, groups in {@link StyleGroups#ALL} order. */
  private final Map<String, List<Map<String, ScoreSheet>>> sheets = new LinkedHashMap<>();
  private final Map<String, Integer> classes = new LinkedHashMap<>();

  private GroupSheets(List<Set<String>> classGroups, List<List<String>> methodsPerK, Supplier<ScoreSheet> newSheet) {
    this.classGroups = classGroups;
    for (String group : StyleGroups.ALL) {
      int count = (int) classGroups.stream().filter(g -> g.contains(group)).count();
      if (count == 0) {
        continue;
      }
      classes.put(group, count);
      List<Map<String, ScoreSheet>> perK = new ArrayList<>();
      for (List<String> methods : methodsPerK) {
        Map<String, ScoreSheet> byMethod = new LinkedHashMap<>();
        methods.forEach(m -> byMethod.put(m, newSheet.get()));
        perK.add(byMethod);
      }
      sheets.put(group, perK);
    }
  }

  /**
   * The groups of a plan's held-out classes, each with a sheet per K and method ({@code methodsPerK}); none for
   * classes that do not name a face (uploads, local test data), so such a dataset gets no group table.
   */
  static GroupSheets of(List<Draws.ClassDraws> plan, List<List<String>> methodsPerK, Supplier<ScoreSheet> newSheet) {
    return new GroupSheets(plan.stream().map(cd -> StyleGroups.of(cd.target())).toList(), methodsPerK, newSheet);
  }

  /** The sheets that the outputs of plan class {@code h} at K index {@code ki} by {@code method} also feed. */
  List<ScoreSheet> sheets(int h, int ki, String method) {
    List<ScoreSheet> out = new ArrayList<>();
    for (String group : classGroups.get(h)) {
      List<Map<String, ScoreSheet>> perK = sheets.get(group);
      if (perK != null) {
        out.add(perK.get(ki).get(method));
      }
    }
    return out;
  }

  /** Every group's scores, the keys limited to {@link #KEYS} among the wanted ones. */
  List<GroupResult> results(List<Integer> ks, Set<String> wanted) {
    List<GroupResult> out = new ArrayList<>();
    sheets.forEach((group, perK) -> {
      List<KResult> results = ScoreSheet.results(ks, perK, key -> wanted.contains(key) && KEYS.contains(key));
      out.add(new GroupResult(group, classes.get(group), results));
    });
    return out;
  }
}
