package io.funit.common.eval.judges;

import io.funit.common.eval.report.EvaluationReport.JudgeSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A dataset's judges, open for scoring; closing frees their parameters.
 *
 * @param styleAll every class of the dataset (label = manifest index)
 * @param styleHeldOut the held-out classes (label = position in the test split)
 * @param content the character reader of a glyph dataset (label = content index); null for other datasets
 */
public record Judges(Judge styleAll, Judge styleHeldOut, Judge content) implements AutoCloseable {
  public Optional<Judge> contentJudge() {
    return Optional.ofNullable(content);
  }

  public List<Judge> all() {
    List<Judge> all = new ArrayList<>(List.of(styleAll, styleHeldOut));
    contentJudge().ifPresent(all::add);
    return all;
  }

  public List<JudgeSummary> summaries() {
    return all().stream().map(Judge::summary).toList();
  }

  /** Picks judges by name from a list (of trained or loaded judges). */
  static Judges of(List<Judge> judges) {
    Judge all = null;
    Judge held = null;
    Judge content = null;
    for (Judge j : judges) {
      switch (j.name()) {
        case JudgeTasks.STYLE_ALL -> all = j;
        case JudgeTasks.STYLE_HELDOUT -> held = j;
        case JudgeTasks.CONTENT -> content = j;
        default -> throw new IllegalArgumentException("unknown judge " + j.name());
      }
    }
    if (all == null || held == null) {
      judges.forEach(Judge::close);
      throw new IllegalArgumentException("a judge set needs style_all and style_heldout");
    }
    return new Judges(all, held, content);
  }

  @Override
  public void close() {
    all().forEach(Judge::close);
  }
}
