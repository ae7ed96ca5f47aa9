package io.funit.deploy.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServeTargetsTest {
  /** The model alone: 20 ms at batch 1 (50 images/s), its best short round 100 images/s. */
  private static final TranslateBenchmark.ModelSpeed MODEL =
      new TranslateBenchmark.ModelSpeed(0.03, 0.02, 0.04, Map.of(8, 90.0), 100.0);

  private static Map<String, Map<String, Object>> busiestAt(double jobsPerSecond) {
    return Map.of("batched", Map.of("levels", List.of(
        Map.of("clients", 32, "jobs_per_second", jobsPerSecond, "latency_ms_p99", 900.0))));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> throughput(Map<String, Object> targets) {
    return (Map<String, Object>) targets.get("clients_32_jobs_per_second");
  }

  @Test
  void theThroughputTargetIsStatedAgainstTheSustainedReferenceAroundTheLevels() {
    Map<String, Object> target = throughput(ServeTargets.check(MODEL, 80.0, busiestAt(60)));
    assertEquals(56.0, target.get("at_least"));
    assertEquals(true, target.get("met"));
    assertEquals("sustained_before_and_after", target.get("reference"));
    assertEquals(0.75, target.get("share_of_reference"));
    // the start's best short round is shown beside it
    assertEquals(0.6, target.get("share_of_best_short_round"));
  }

  @Test
  void withoutAReferenceTheStartsBestShortRoundIsTheBound() {
    Map<String, Object> target = throughput(ServeTargets.check(MODEL, null, busiestAt(60)));
    assertEquals(70.0, target.get("at_least"));
    assertEquals(false, target.get("met"));
    assertEquals("best_short_round", target.get("reference"));
  }
}
