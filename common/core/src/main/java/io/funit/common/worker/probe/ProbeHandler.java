package io.funit.common.worker.probe;

import com.google.auto.service.AutoService;
import io.funit.common.jobs.JobDescriptor;
import io.funit.common.json.Json;
import io.funit.common.storage.ObjectInfo;
import io.funit.common.storage.ObjectStore;
import io.funit.common.storage.Sha256;
import io.funit.common.storage.StorageException;
import io.funit.common.worker.InvalidJobException;
import io.funit.common.worker.JobContext;
import io.funit.common.worker.JobHandler;
import io.funit.common.worker.JobHandlerFactory;
import io.funit.common.worker.RetryableJobException;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Runs {@link ProbeRequest} jobs: the whole pipeline without a model. Its output object depends only on the
 * request (no time, no worker id), so a redelivered probe finds the same bytes already stored.
 */
public final class ProbeHandler implements JobHandler<ProbeRequest> {
  private static final ProbeJob DESCRIPTOR = new ProbeJob();
  public static final String OUTPUT_NAME = "probe.json";
  private final ObjectStore store;

  public ProbeHandler(ObjectStore store) {
    this.store = store;
  }

  /** The result in the succeeded event. */
  public record ProbeResult(String outputKey, String outputSha256, int steps, String inputSha256) {}

  /** The stored output. */
  record ProbeOutput(String jobId, int steps, String message, String inputKey, String inputSha256) {}

  @Override
  public JobDescriptor<ProbeRequest> descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Object handle(ProbeRequest request, JobContext context) {
    String inputSha256 = request.inputKey() == null ? null : checksum(request.inputKey());
    for (int step = 1; step <= request.steps(); step++) {
      context.sleep(Duration.ofMillis(request.stepMillis()));
      context.progress(step, request.steps(), "step " + step + " of " + request.steps());
    }
    if (context.attempt() <= request.failAttempts()) {
      throw new RetryableJobException("probe: simulated failure on attempt " + context.attempt());
    }
    byte[] output = Json.writeBytes(new ProbeOutput(context.jobId(), request.steps(), request.message(),
        request.inputKey(), inputSha256));
    ObjectInfo stored = store.putBytesIfAbsent(context.outputKey(OUTPUT_NAME), output, "application/json");
    return new ProbeResult(stored.key(), stored.sha256(), request.steps(), inputSha256);
  }

  private String checksum(String key) {
    if (store.stat(key).isEmpty()) {
      throw new InvalidJobException("input_key: no object '" + key + "' in bucket " + store.bucket());
    }
    MessageDigest digest = Sha256.digest();
    try (InputStream in = new DigestInputStream(store.open(key), digest)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    } catch (IOException | StorageException e) {
      throw new RetryableJobException("cannot read " + key + ": " + e.getMessage(), e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** Registers this handler with its worker. */
  @AutoService(JobHandlerFactory.class)
  public static final class Factory extends JobHandlerFactory {
    public Factory() {
      super(JobHandlerFactory.EVERY_WORKER, services -> new ProbeHandler(services.store()));
    }
  }
}
