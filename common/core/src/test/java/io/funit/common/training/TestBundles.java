package io.funit.common.training;

import io.funit.common.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Training bundles made by hand, for tests of what reads them: a header-only checkpoint, a short history. */
public final class TestBundles {
  private TestBundles() {}

  /** A manifest of a font-32 training of {@code classes}, exported at {@code iteration}. */
  public static TrainingBundle.Manifest manifest(long iteration, List<String> classes) {
    return new TrainingBundle.Manifest(TrainingBundle.FORMAT, "t-1", iteration, "funit-checkpoint/1",
        Json.MAPPER.createObjectNode().put("dataset", "d-1").put("preset", "font-32"), "d-1", "fonts", classes,
        Instant.parse("2026-12-06T19:00:00Z"));
  }

  /** A safetensors file with no tensors and the metadata a checkpoint of {@code iteration} carries. */
  public static byte[] checkpoint(long iteration) {
    Map<String, Object> header = Map.of(SafeTensorsHeader.METADATA,
        Map.of("format", "funit-checkpoint/1", "iteration", Long.toString(iteration)));
    byte[] json = Json.writeBytes(header);
    return ByteBuffer.allocate(8 + json.length).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).put(json).array();
  }

  /** The three entries of a consistent bundle, in order, to change before {@link #zip}. */
  public static Map<String, byte[]> entries(TrainingBundle.Manifest manifest, byte[] checkpoint) {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put(TrainingBundle.MANIFEST, Json.writeBytes(manifest));
    entries.put(TrainingBundle.CHECKPOINT, checkpoint);
    entries.put(TrainingBundle.HISTORY, TrainingMetrics.toJsonLines(List.of(
        new MetricRow(1, 1.5, Map.of("loss_gen_total", 3.0)), new MetricRow(2, 1.4, Map.of("loss_gen_total", 2.5)))));
    return entries;
  }

  /** A consistent bundle of {@code classes} at {@code iteration}. */
  public static byte[] bundle(long iteration, List<String> classes) {
    return zip(entries(manifest(iteration, classes), checkpoint(iteration)));
  }

  public static byte[] zip(Map<String, byte[]> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        out.putNextEntry(new ZipEntry(entry.getKey()));
        out.write(entry.getValue());
        out.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
