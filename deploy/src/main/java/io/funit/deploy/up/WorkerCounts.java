package io.funit.deploy.up;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Worker processes per worker kind, from {@code translate=1,train=1,eval=1}. */
public record WorkerCounts(Map<String, Integer> counts) {
  static final Set<String> KINDS = Set.of("translate", "train", "eval");

  public static WorkerCounts parse(String spec) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String part : spec.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      String[] kv = part.trim().split("=", 2);
      if (kv.length != 2 || !KINDS.contains(kv[0].trim())) {
        throw new IllegalArgumentException("--workers: '" + part + "' is not kind=count with kind one of " + KINDS);
      }
      try {
        int count = Integer.parseInt(kv[1].trim());
        if (count < 0 || count > 16) {
          throw new NumberFormatException();
        }
        counts.put(kv[0].trim(), count);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--workers: the count in '" + part + "' must be 0 to 16");
      }
    }
    return new WorkerCounts(Map.copyOf(counts));
  }
}
