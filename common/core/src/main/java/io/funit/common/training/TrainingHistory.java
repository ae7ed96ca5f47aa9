package io.funit.common.training;

import io.funit.common.contract.JobEvent;
import io.funit.common.storage.ObjectStore;
import io.funit.common.storage.StorageKeys;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The whole metric history of a model trained in several runs: the rows of the trainings a training continues
 * ({@code continue_from}, back to the first), preceded by the rows its first run was imported with from another
 * deployment ({@link TrainingBundle}), oldest first. A job's own rows stay where {@link TrainingMetrics} keeps them;
 * this only joins them, each later run's rows replacing any earlier rows from its first iteration on (a run
 * continues from its parent's last checkpoint, which may precede rows the parent logged after it).
 */
public final class TrainingHistory {
  /** A continuation chain is short; the bound only guards against a corrupted projection. */
  private static final int MAX_CHAIN = 10_000;
  private static final int MAX_IMPORTED_BYTES = 512 << 20;

  private final ObjectStore store;
  private final TrainingMetrics metrics;
  private final Function<String, Optional<JobEvent>> jobs;

  public TrainingHistory(ObjectStore store, Function<String, Optional<JobEvent>> jobs) {
    this.store = store;
    this.metrics = new TrainingMetrics(store);
    this.jobs = jobs;
  }

  /** Where an imported training keeps the history it came with. */
  public static String importedKey(String jobId) {
    return StorageKeys.output(jobId, "history.jsonl");
  }

  /** Every row of {@code jobId}'s model up to the job's own last row, oldest first. */
  public List<MetricRow> rows(String jobId) {
    List<String> chain = chain(jobId);
    List<MetricRow> rows = new ArrayList<>(imported(chain.get(0)));
    for (String job : chain) {
      append(rows, metrics.read(job));
    }
    return rows;
  }

  /** Stores rows an imported training {@code jobId} came with. */
  public static void storeImported(ObjectStore store, String jobId, List<MetricRow> rows) {
    store.putBytes(importedKey(jobId), TrainingMetrics.toJsonLines(rows), "application/x-ndjson");
  }

  private List<MetricRow> imported(String jobId) {
    return store.readIfPresent(importedKey(jobId), MAX_IMPORTED_BYTES).map(TrainingMetrics::fromJsonLines)
        .orElse(List.of());
  }

  /** The first training of the chain first, {@code jobId} last. */
  private List<String> chain(String jobId) {
    Deque<String> chain = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    String current = jobId;
    while (current != null && seen.add(current) && chain.size() < MAX_CHAIN) {
      chain.addFirst(current);
      current = jobs.apply(current).map(job -> job.request().path("continue_from"))
          .filter(node -> node.isTextual()).map(node -> node.asText()).orElse(null);
    }
    return List.copyOf(chain);
  }

  private static void append(List<MetricRow> rows, List<MetricRow> later) {
    if (later.isEmpty()) {
      return;
    }
    long from = later.get(0).iteration();
    rows.removeIf(row -> row.iteration() >= from);
    rows.addAll(later);
  }
}
