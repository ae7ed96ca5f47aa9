package io.funit.worker.train.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.auto.service.AutoService;
import io.funit.common.config.Settings;
import io.funit.common.dataset.DatasetDirectory;
import io.funit.common.dataset.DatasetManifest;
import io.funit.common.dataset.StoredDatasets;
import io.funit.common.dataset.imports.ImportLimits;
import io.funit.common.dataset.job.DatasetJob;
import io.funit.common.dataset.job.DatasetRequest;
import io.funit.common.jobs.JobDescriptor;
import io.funit.common.json.Json;
import io.funit.common.storage.ObjectStore;
import io.funit.common.worker.JobContext;
import io.funit.common.worker.JobHandler;
import io.funit.common.worker.JobHandlerFactory;
import io.funit.worker.train.TrainWorkerMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Runs dataset jobs: builds into a local staging directory, publishes under {@code datasets/{jobId}/} with the
 * manifest last, and cleans up. Idempotent: a redelivered job whose manifest is already stored returns the
 * stored dataset; a failed, canceled or interrupted build leaves no dataset objects behind.
 */
public final class DatasetJobHandler implements JobHandler<DatasetRequest> {
  private static final DatasetJob DESCRIPTOR = new DatasetJob();
  private final ObjectStore store;
  private final StoredDatasets datasets;
  private final Path workDir;
  private final Map<String, DatasetBuilder> builders;

  public DatasetJobHandler(ObjectStore store, Path workDir, Path fontCacheDir, ImportLimits limits) {
    this.store = store;
    this.datasets = new StoredDatasets(store);
    this.workDir = workDir;
    ImportBuilder imports = new ImportBuilder(store, limits);
    this.builders = Map.of(DatasetRequest.KIND_UPLOAD, imports, DatasetRequest.KIND_S3, imports,
        DatasetRequest.KIND_FONTS, new FontsBuilder(fontCacheDir), DatasetRequest.KIND_UNFAIR,
        new UnfairBuilder(datasets));
  }

  /** Work dir FUNIT_WORK_DIR (default: the temp dir), font cache FUNIT_CACHE_DIR/fonts. */
  public static DatasetJobHandler fromSettings(ObjectStore store, Settings settings) {
    return new DatasetJobHandler(store, settings.workDir(), settings.cacheDir().resolve("fonts"),
        ImportLimits.from(settings));
  }

  @Override
  public JobDescriptor<DatasetRequest> descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Object handle(DatasetRequest request, JobContext context) throws Exception {
    String id = context.jobId();
    Optional<DatasetManifest> existing = datasets.manifest(id);
    if (existing.isPresent()) {
      return summaryOfStored(existing.get());
    }
    datasets.deleteIncomplete(id); // what an attempt that crashed mid-publish left behind
    long start = System.nanoTime();
    Path staging = workDir.resolve("datasets").resolve(id);
    deleteRecursively(staging);
    Files.createDirectories(staging);
    try {
      DatasetDirectory out = new DatasetDirectory(staging.resolve("dataset"));
      DatasetBuilder.Outcome outcome = builders.get(request.kind()).build(request, context, staging, out);
      context.checkStop();
      DatasetManifest published = datasets.publish(out, id,
          (done, total) -> context.progress(done, total, "publishing class shards"));
      return DatasetSummary.of(published, outcome.skipped(), outcome.skippedByReason(),
          (System.nanoTime() - start) / 1e9);
    } catch (io.funit.common.worker.JobStoppedException e) {
      if (!e.superseded()) {
        cleanUp(id, e);
      }
      throw e;
    } catch (Exception | Error e) {
      cleanUp(id, e);
      throw e;
    } finally {
      deleteRecursively(staging);
    }
  }

  private void cleanUp(String id, Throwable cause) {
    try {
      datasets.deleteIncomplete(id);
    } catch (RuntimeException e) {
      cause.addSuppressed(e); // the next attempt cleans up first
    }
  }

  /** A redelivered job: the summary from what is stored (skips counted from the stored report). */
  private DatasetSummary summaryOfStored(DatasetManifest manifest) throws IOException {
    Map<String, Integer> byReason = new TreeMap<>();
    String reportKey = StoredDatasets.key(manifest.id(), DatasetDirectory.REPORT);
    if (store.stat(reportKey).isPresent()) {
      JsonNode report = Json.MAPPER.readTree(store.readBytes(reportKey, 64 << 20));
      report.path("skipped_by_reason").fields().forEachRemaining(e -> byReason.put(e.getKey(), e.getValue().asInt()));
    }
    return DatasetSummary.of(manifest, byReason.values().stream().mapToInt(Integer::intValue).sum(), byReason, 0);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Registers this handler with its worker. */
  @AutoService(JobHandlerFactory.class)
  public static final class Factory extends JobHandlerFactory {
    public Factory() {
      super(TrainWorkerMain.NAME, services -> fromSettings(services.store(), services.settings()));
    }
  }
}
