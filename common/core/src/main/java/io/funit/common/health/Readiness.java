package io.funit.common.health;

import io.funit.common.kafka.JobStateProjection;
import io.funit.common.storage.ObjectStore;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;

/**
 * Whether a process can take work: Kafka answers, the bucket answers, the job-state projection has caught up,
 * every extra check of the process passes (a translate worker: its default model is loaded), and the process is
 * not draining. Results are cached briefly so that frequent probes don't turn into load on Kafka and S3; a drain
 * shows at once. Blocking: run it off an event loop.
 */
public final class Readiness {
  private static final Duration CACHE = Duration.ofSeconds(2);
  /** The value of a passing check; anything else says why it fails. */
  public static final String OK = "ok";

  private final Admin admin;
  private final ObjectStore store;
  private final BooleanSupplier jobsCaughtUp;
  private final Supplier<List<Check>> extra;
  private volatile Report cached;
  private volatile boolean draining;

  /** An extra readiness check: {@link #OK} or the reason it fails. */
  public record Check(String name, Supplier<String> status) {}

  /** The outcome of each check, and whether all passed. */
  public record Report(boolean ready, Map<String, String> checks, Instant at) {}

  public Readiness(Admin admin, ObjectStore store, JobStateProjection jobs, List<Check> extra) {
    this(admin, store, jobs::healthy, () -> extra);
  }

  /**
   * For a process whose job-state projection and extra checks exist only once it has started (a worker serves its
   * probes from the start, so that a port conflict stops it before it takes work).
   */
  public Readiness(Admin admin, ObjectStore store, BooleanSupplier jobsCaughtUp, Supplier<List<Check>> extra) {
    this.admin = admin;
    this.store = store;
    this.jobsCaughtUp = jobsCaughtUp;
    this.extra = extra;
  }

  /** From now on the process is not ready (SIGTERM): load balancers and orchestrators stop sending work. */
  public void startDraining() {
    draining = true;
  }

  public boolean draining() {
    return draining;
  }

  public Report check() {
    Report last = cached;
    if (!draining && last != null && last.at().isAfter(Instant.now().minus(CACHE))) {
      return last;
    }
    Map<String, String> checks = new LinkedHashMap<>();
    if (draining) {
      checks.put("drain", "draining: the process is shutting down");
    }
    checks.put("kafka", kafka());
    checks.put("storage", store.reachable() ? OK : "bucket " + store.bucket() + " not reachable");
    checks.put("job_state", jobsCaughtUp.getAsBoolean() ? OK : "job-event topic not caught up");
    for (Check check : extra.get()) {
      String status;
      try {
        status = check.status().get();
      } catch (RuntimeException e) {
        status = "check failed: " + e;
      }
      checks.put(check.name(), status);
    }
    Report report = new Report(checks.values().stream().allMatch(OK::equals), checks, Instant.now());
    cached = report;
    return report;
  }

  private String kafka() {
    try {
      admin.describeCluster().clusterId().get(2, TimeUnit.SECONDS);
      return OK;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    } catch (Exception e) {
      return "not reachable: " + e.getClass().getSimpleName();
    }
  }
}
