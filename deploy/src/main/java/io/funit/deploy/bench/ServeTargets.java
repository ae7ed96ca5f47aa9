package io.funit.deploy.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue 24's targets, checked against one {@code bench serve} run: the model-only reference measured in the same run,
 * and the levels of each mode. Each target shows its figure, its bound and whether it was met; a target whose
 * levels did not run is left out.
 */
final class ServeTargets {
  /** What the path may add to the model's batch-1 latency at one client. */
  static final double ONE_CLIENT_PATH_MS = 25;
  static final double THROUGHPUT_SHARE = 0.7;
  static final double P99_MS = 2000;
  static final double CPU_OUTSIDE_MODEL_MS = 10;

  private ServeTargets() {}

  /**
   * @param throughputReference the model alone's sustained images a second around the batched levels (the mean of the
   *     measurements before and after them), or null: then the start's best short round, {@link
   *     TranslateBenchmark.ModelSpeed#bestImagesPerSecond}. The figure against that best round is shown either way.
   */
  static Map<String, Object> check(TranslateBenchmark.ModelSpeed model, Double throughputReference,
      Map<String, Map<String, Object>> modes) {
    Map<String, Object> targets = new LinkedHashMap<>();
    List<Map<String, Object>> batched = levels(modes.get("batched"));
    List<Map<String, Object>> unbatched = levels(modes.get("unbatched"));
    level(batched, 1).ifPresent(one -> targets.put("one_client_p50_ms", target(number(one, "latency_ms_p50"),
        model.batch1P50Seconds() * 1000 + ONE_CLIENT_PATH_MS, true)));
    if (!batched.isEmpty()) {
      Map<String, Object> busiest = batched.get(batched.size() - 1);
      String at = "clients_" + busiest.get("clients");
      double jobsPerSecond = number(busiest, "jobs_per_second");
      double reference = throughputReference != null ? throughputReference : model.bestImagesPerSecond();
      Map<String, Object> throughput = target(jobsPerSecond, THROUGHPUT_SHARE * reference, false);
      throughput.put("reference", throughputReference != null ? "sustained_before_and_after" : "best_short_round");
      throughput.put("reference_images_per_second", TrainBenchmark.round(reference, 2));
      throughput.put("share_of_reference", TrainBenchmark.round(jobsPerSecond / reference, 3));
      throughput.put("share_of_best_short_round",
          TrainBenchmark.round(jobsPerSecond / model.bestImagesPerSecond(), 3));
      targets.put(at + "_jobs_per_second", throughput);
      targets.put(at + "_p99_ms", target(number(busiest, "latency_ms_p99"), P99_MS, true));
      @SuppressWarnings("unchecked")
      Map<String, Object> cpu = (Map<String, Object>) busiest.get("cpu_ms_per_job");
      if (cpu != null && cpu.containsKey("outside_model")) {
        targets.put(at + "_cpu_ms_outside_model", target(number(cpu, "outside_model"), CPU_OUTSIDE_MODEL_MS, true));
      }
    }
    if (!batched.isEmpty() && !unbatched.isEmpty()) {
      Map<String, Object> byClients = new LinkedHashMap<>();
      boolean met = true;
      for (Map<String, Object> level : batched) {
        Object clients = level.get("clients");
        var other = level(unbatched, ((Number) clients).intValue());
        if (other.isPresent()) {
          double on = number(level, "jobs_per_second");
          double off = number(other.get(), "jobs_per_second");
          byClients.put(clients.toString(), Map.of("batched", on, "unbatched", off));
          met &= on >= off;
        }
      }
      byClients.put("met", met);
      targets.put("batched_at_least_unbatched", byClients);
    }
    return targets;
  }

  private static Map<String, Object> target(double value, double bound, boolean atMost) {
    Map<String, Object> target = new LinkedHashMap<>();
    target.put("value", value);
    target.put(atMost ? "at_most" : "at_least", TrainBenchmark.round(bound, 2));
    target.put("met", atMost ? value <= bound : value >= bound);
    return target;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> levels(Map<String, Object> mode) {
    return mode == null ? List.of() : (List<Map<String, Object>>) mode.get("levels");
  }

  private static java.util.Optional<Map<String, Object>> level(List<Map<String, Object>> levels, int clients) {
    return levels.stream().filter(l -> ((Number) l.get("clients")).intValue() == clients).findFirst();
  }

  private static double number(Map<String, Object> values, String key) {
    Object value = values.get(key);
    return value instanceof Number n ? n.doubleValue() : Double.NaN;
  }
}
