package io.funit.common.eval;

import io.funit.common.contract.Checks;
import io.funit.common.contract.InvalidRequestException;
import io.funit.common.contract.JobRequest;
import io.funit.common.translate.TranslateRequest;
import java.util.List;

/**
 * Evaluate a model on a dataset's held-out classes.
 *
 * @param model model id
 * @param dataset dataset id
 * @param k the shot counts to evaluate, e.g. [1, 5, 10, 20]
 * @param contents content images per class and K
 * @param metrics which metrics to compute; empty means all
 */
public record EvalRequest(String model, String dataset, List<Integer> k, int contents, List<String> metrics)
    implements JobRequest {
  public EvalRequest {
    Checks.required("model", model);
    Checks.required("dataset", dataset);
    k = k == null || k.isEmpty() ? List.of(1, 5, 10, 20) : Checks.size("k", k, 1, 16);
    for (int i = 0; i < k.size(); i++) {
      if (k.get(i) == null) {
        throw new InvalidRequestException("k[" + i + "]", "must be a whole number, got null");
      }
      Checks.range("k[" + i + "]", k.get(i), 1, TranslateRequest.MAX_CLASS_IMAGES);
    }
    k = List.copyOf(k);
    contents = contents == 0 ? 100 : (int) Checks.range("contents", contents, 1, 100_000);
    metrics = metrics == null ? List.of() : List.copyOf(metrics);
  }
}
