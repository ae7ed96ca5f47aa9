package io.funit.common.eval;

import io.funit.common.contract.Checks;
import io.funit.common.contract.InvalidRequestException;
import java.util.List;
import java.util.TreeSet;

/**
 * Few-shot classification in an evaluation (the FUNIT paper's §5.2): per held-out class, a classifier learns from
 * K real images alone and with N generated images added, and is tested on the class's other real images.
 *
 * @param k real images per class (default 1, 2, 5: the paper's); each one class's K-set ({@link ShotSets})
 * @param generated images per class the model generates from source-class contents (default 10, 50, 100)
 */
public record ClassificationRequest(List<Integer> k, List<Integer> generated) {
  public static final List<Integer> DEFAULT_K = List.of(1, 2, 5);
  public static final List<Integer> DEFAULT_GENERATED = List.of(10, 50, 100);
  /** Generated images per class at most: each is a translation of every held-out class at every K. */
  public static final int MAX_GENERATED = 1000;

  public ClassificationRequest {
    k = sortedDistinct("classification.k", k == null || k.isEmpty() ? DEFAULT_K : k, ShotSets.POOL - 1);
    generated = sortedDistinct("classification.generated",
        generated == null || generated.isEmpty() ? DEFAULT_GENERATED : generated, MAX_GENERATED);
  }

  private static List<Integer> sortedDistinct(String field, List<Integer> values, int max) {
    Checks.size(field, values, 1, 8);
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) == null) {
        throw new InvalidRequestException(field + "[" + i + "]", "must be a whole number, got null");
      }
      Checks.range(field + "[" + i + "]", values.get(i), 1, max);
    }
    return List.copyOf(new TreeSet<>(values));
  }
}
