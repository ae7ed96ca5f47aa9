package io.funit.gateway.health;

import io.funit.common.kafka.JobStateProjection;
import io.funit.common.storage.ObjectStore;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;

/**
 * Whether the gateway can serve: Kafka answers, the bucket answers, and the job-state projection has caught up.
 * Results are cached briefly so that frequent probes don't turn into load on Kafka and S3. Blocking: run it off
 * the event loop.
 */
public final class ReadinessProbe {
  private static final Duration CACHE = Duration.ofSeconds(2);
  private final Admin admin;
  private final ObjectStore store;
  private final JobStateProjection jobs;
  private volatile Report cached;

  /** The outcome of each check, and whether all passed. */
  public record Report(boolean ready, Map<String, String> checks, Instant at) {}

  public ReadinessProbe(Admin admin, ObjectStore store, JobStateProjection jobs) {
    this.admin = admin;
    this.store = store;
    this.jobs = jobs;
  }

  public Report check() {
    Report last = cached;
    if (last != null && last.at().isAfter(Instant.now().minus(CACHE))) {
      return last;
    }
    Map<String, String> checks = new LinkedHashMap<>();
    checks.put("kafka", kafka());
    checks.put("storage", store.reachable() ? "ok" : "bucket " + store.bucket() + " not reachable");
    checks.put("job_state", jobs.healthy() ? "ok" : "job-event topic not caught up");
    Report report = new Report(checks.values().stream().allMatch("ok"::equals), checks, Instant.now());
    cached = report;
    return report;
  }

  private String kafka() {
    try {
      admin.describeCluster().clusterId().get(2, TimeUnit.SECONDS);
      return "ok";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    } catch (Exception e) {
      return "not reachable: " + e.getClass().getSimpleName();
    }
  }
}
