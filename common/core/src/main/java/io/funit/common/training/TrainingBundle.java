package io.funit.common.training;

import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.contract.InvalidRequestException;
import io.funit.common.contract.JobEvent;
import io.funit.common.dataset.DatasetClass;
import io.funit.common.dataset.DatasetManifest;
import io.funit.common.dataset.StoredDatasets;
import io.funit.common.jobs.JobConflictException;
import io.funit.common.json.Json;
import io.funit.common.storage.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A training carried from one deployment to another (a laptop's run continued on a GPU host, or tomorrow's machine),
 * as a zip of three entries:
 * <ul>
 *   <li>{@code training.json}: {@link Manifest}, the training's request and its dataset's training classes in label
 *       order (the discriminator's class heads follow that order, so the dataset it continues on must have the same);
 *   <li>{@code checkpoint.safetensors}: its newest checkpoint as the worker wrote it (networks, optimizer state,
 *       iteration, sampler seed), so the continued run draws the same batches it would have drawn here;
 *   <li>{@code history.jsonl}: the model's metric rows so far ({@link TrainingHistory}), so its curves go on.
 * </ul>
 * An import stores the checkpoint as a new training's own, which a worker resumes like a training whose worker
 * died after that checkpoint.
 */
public final class TrainingBundle {
  public static final String FORMAT = "funit-training-bundle/1";
  public static final String MANIFEST = "training.json";
  public static final String CHECKPOINT = "checkpoint.safetensors";
  public static final String HISTORY = "history.jsonl";
  private static final Set<String> ENTRIES = Set.of(MANIFEST, CHECKPOINT, HISTORY);
  private static final int MAX_MANIFEST_BYTES = 16 << 20;
  private static final int MAX_HISTORY_BYTES = 512 << 20;
  /** Far above any checkpoint we train; only stops a zip bomb from filling the disk. */
  private static final long MAX_CHECKPOINT_BYTES = 16L << 30;
  private static final String FIELD = "file";

  private TrainingBundle() {}

  /**
   * What a bundle says about itself.
   *
   * @param training the exported training's id
   * @param iteration the checkpoint's iteration
   * @param checkpointFormat the checkpoint's {@code format} metadata (its model family's)
   * @param request the exported training's request
   * @param dataset the id of the dataset it trained on, where it was exported
   * @param datasetName that dataset's name
   * @param trainClasses that dataset's training classes in label order
   */
  public record Manifest(String format, String training, long iteration, String checkpointFormat, JsonNode request,
      String dataset, String datasetName, List<String> trainClasses, Instant exportedAt) {}

  /** A read and checked bundle; closing it deletes the unpacked checkpoint. */
  public record Unpacked(Manifest manifest, Path checkpoint, List<MetricRow> history) implements AutoCloseable {
    /** Stores the checkpoint and the history as training {@code jobId}'s. */
    public void store(ObjectStore store, String jobId) {
      store.put(CheckpointKeys.key(jobId, manifest.iteration()), checkpoint, "application/octet-stream");
      TrainingHistory.storeImported(store, jobId, history);
    }

    /** Removes what {@link #store} wrote (the job it was for was never enqueued). */
    public void unstore(ObjectStore store, String jobId) {
      store.delete(CheckpointKeys.key(jobId, manifest.iteration()));
      store.delete(TrainingHistory.importedKey(jobId));
    }

    @Override
    public void close() {
      try {
        Files.deleteIfExists(checkpoint);
      } catch (IOException ignored) {
        // a leftover temporary file is harmless
      }
    }
  }

  /**
   * Writes the bundle of an ended training to {@code zip}.
   *
   * @throws JobConflictException the training has not ended, has no checkpoint, or its dataset is gone
   */
  public static Manifest write(ObjectStore store, TrainingHistory history, JobEvent training, Path zip)
      throws IOException {
    TrainJob.requireContinuable(training);
    String id = training.jobId();
    long iteration = CheckpointKeys.latestIteration(store, id).orElseThrow(() ->
        new JobConflictException("training " + id + " has no checkpoint to export"));
    String datasetId = training.request().path("dataset").asText();
    DatasetManifest dataset = new StoredDatasets(store).manifest(datasetId).orElseThrow(() ->
        new JobConflictException("training " + id + "'s dataset " + datasetId + " is no longer stored"));
    Path checkpoint = Files.createTempFile("funit-export-", ".safetensors");
    try {
      store.download(CheckpointKeys.key(id, iteration), checkpoint);
      String checkpointFormat = SafeTensorsHeader.read(checkpoint).metadata().get("format");
      Manifest manifest = new Manifest(FORMAT, id, iteration, checkpointFormat, training.request(), dataset.id(),
          dataset.name(), classNames(dataset), Instant.now());
      List<MetricRow> rows = history.rows(id).stream().filter(row -> row.iteration() <= iteration).toList();
      try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
        out.setLevel(Deflater.BEST_SPEED); // a checkpoint's floats barely compress; the JSON does at any level
        entry(out, MANIFEST, Json.writeBytes(manifest));
        out.putNextEntry(new ZipEntry(CHECKPOINT));
        Files.copy(checkpoint, out);
        out.closeEntry();
        entry(out, HISTORY, TrainingMetrics.toJsonLines(rows));
      }
      return manifest;
    } finally {
      Files.deleteIfExists(checkpoint);
    }
  }

  /**
   * Reads and checks a bundle; every refusal is an {@link InvalidRequestException} of the field {@code file}.
   * The checkpoint is unpacked to a temporary file that closing the result deletes.
   */
  public static Unpacked read(Path zip) {
    try (ZipFile file = new ZipFile(zip.toFile())) {
      for (Enumeration<? extends ZipEntry> e = file.entries(); e.hasMoreElements(); ) {
        String name = e.nextElement().getName();
        if (!ENTRIES.contains(name)) {
          throw refused("unexpected entry '" + name + "' (a training bundle holds " + MANIFEST + ", " + CHECKPOINT
              + " and " + HISTORY + ")");
        }
      }
      Manifest manifest = manifest(bytes(file, MANIFEST, MAX_MANIFEST_BYTES));
      List<MetricRow> history;
      try {
        history = TrainingMetrics.fromJsonLines(bytes(file, HISTORY, MAX_HISTORY_BYTES));
      } catch (IllegalArgumentException e) {
        throw refused(HISTORY + ": " + e.getMessage());
      }
      Path checkpoint = unpackCheckpoint(file, manifest);
      return new Unpacked(manifest, checkpoint, history);
    } catch (ZipException e) {
      throw refused("not a zip archive (" + e.getMessage() + ")");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the uploaded bundle", e);
    }
  }

  /** The dataset a bundle continues on must have the exported dataset's training classes, in the same order. */
  public static void requireSameClasses(Manifest manifest, DatasetManifest dataset) {
    List<String> here = classNames(dataset);
    List<String> there = manifest.trainClasses();
    if (here.size() != there.size()) {
      throw new InvalidRequestException("dataset", "has " + here.size() + " training classes; the exported "
          + "training's dataset '" + manifest.datasetName() + "' had " + there.size());
    }
    for (int i = 0; i < here.size(); i++) {
      if (!here.get(i).equals(there.get(i))) {
        throw new InvalidRequestException("dataset", "training class " + i + " is '" + here.get(i) + "'; the "
            + "exported training's was '" + there.get(i) + "' (its class heads follow that order)");
      }
    }
  }

  private static List<String> classNames(DatasetManifest dataset) {
    return dataset.split(DatasetManifest.SPLIT_TRAIN).stream().map(DatasetClass::name).toList();
  }

  private static Manifest manifest(byte[] json) {
    Manifest manifest;
    try {
      manifest = Json.MAPPER.readValue(json, Manifest.class);
    } catch (IOException e) {
      throw refused(MANIFEST + " is not a training bundle's manifest: " + e.getMessage());
    }
    if (!FORMAT.equals(manifest.format())) {
      throw refused(MANIFEST + " has format '" + manifest.format() + "', expected " + FORMAT);
    }
    if (manifest.iteration() < 1 || manifest.request() == null || !manifest.request().isObject()
        || manifest.trainClasses() == null || manifest.trainClasses().isEmpty()) {
      throw refused(MANIFEST + " lacks the iteration, the request or the training classes");
    }
    return manifest;
  }

  private static Path unpackCheckpoint(ZipFile file, Manifest manifest) throws IOException {
    ZipEntry entry = required(file, CHECKPOINT);
    Path checkpoint = Files.createTempFile("funit-import-", ".safetensors");
    try {
      try (InputStream in = file.getInputStream(entry); OutputStream out = Files.newOutputStream(checkpoint)) {
        if (copyAtMost(in, out, MAX_CHECKPOINT_BYTES) > MAX_CHECKPOINT_BYTES) {
          throw refused(CHECKPOINT + " is larger than " + (MAX_CHECKPOINT_BYTES >> 30) + " GiB");
        }
      }
      SafeTensorsHeader header;
      try {
        header = SafeTensorsHeader.read(checkpoint);
      } catch (IOException e) {
        throw refused(CHECKPOINT + ": " + e.getMessage());
      }
      String iteration = header.metadata().get("iteration");
      if (!Long.toString(manifest.iteration()).equals(iteration)
          || !java.util.Objects.equals(manifest.checkpointFormat(), header.metadata().get("format"))) {
        throw refused(CHECKPOINT + " is of iteration " + iteration + " and format " + header.metadata().get("format")
            + "; " + MANIFEST + " says " + manifest.iteration() + " and " + manifest.checkpointFormat());
      }
      return checkpoint;
    } catch (RuntimeException | IOException e) {
      Files.deleteIfExists(checkpoint);
      throw e;
    }
  }

  private static byte[] bytes(ZipFile file, String name, int maxBytes) throws IOException {
    try (InputStream in = file.getInputStream(required(file, name))) {
      byte[] content = in.readNBytes(maxBytes + 1);
      if (content.length > maxBytes) {
        throw refused(name + " is larger than " + (maxBytes >> 20) + " MiB");
      }
      return content;
    }
  }

  private static ZipEntry required(ZipFile file, String name) {
    ZipEntry entry = file.getEntry(name);
    if (entry == null) {
      throw refused("the archive has no " + name + " (is it a training bundle, from GET /v1/trainings/{id}/export?)");
    }
    return entry;
  }

  private static long copyAtMost(InputStream in, OutputStream out, long limit) throws IOException {
    byte[] buffer = new byte[1 << 16];
    long total = 0;
    for (int n; (n = in.read(buffer)) > 0 && total <= limit; ) {
      out.write(buffer, 0, n);
      total += n;
    }
    return total;
  }

  private static void entry(ZipOutputStream out, String name, byte[] content) throws IOException {
    out.putNextEntry(new ZipEntry(name));
    out.write(content);
    out.closeEntry();
  }

  private static InvalidRequestException refused(String message) {
    return new InvalidRequestException(FIELD, message);
  }
}
