package io.funit.common.training;

import io.funit.common.json.Json;
import io.funit.common.storage.ObjectInfo;
import io.funit.common.storage.ObjectStore;
import io.funit.common.storage.StorageKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A training's metric history as JSON-lines segments {@code outputs/{job}/metrics/{first}-{last}.jsonl}, one per
 * checkpoint interval. A segment is written just before the checkpoint that ends it; a run resumed from checkpoint
 * N first deletes segments that end after N (written by a run that died before its checkpoint) and then replays
 * those iterations, which are deterministic, so the history has no gap and no duplicate.
 */
public final class TrainingMetrics {
  private static final Pattern SEGMENT = Pattern.compile(".*/metrics/(\\d{8})-(\\d{8})\\.jsonl$");
  private static final int MAX_SEGMENT_BYTES = 256 << 20;

  private final ObjectStore store;

  public TrainingMetrics(ObjectStore store) {
    this.store = store;
  }

  /** A stored segment: the key and its iteration range. */
  public record Segment(String key, long first, long last) {}

  public static String segmentKey(String jobId, long first, long last) {
    return StorageKeys.output(jobId, String.format("metrics/%08d-%08d.jsonl", first, last));
  }

  public void write(String jobId, List<MetricRow> rows) {
    if (rows.isEmpty()) {
      return;
    }
    store.putBytes(segmentKey(jobId, rows.get(0).iteration(), rows.get(rows.size() - 1).iteration()),
        toJsonLines(rows), "application/x-ndjson");
  }

  /** Rows as JSON lines: a segment's format, and a training bundle's history's. */
  public static byte[] toJsonLines(List<MetricRow> rows) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (MetricRow row : rows) {
      out.writeBytes(Json.writeBytes(row));
      out.write('\n');
    }
    return out.toByteArray();
  }

  /** Rows from JSON lines; a line that is not a row is an error naming its number. */
  public static List<MetricRow> fromJsonLines(byte[] text) {
    List<MetricRow> rows = new ArrayList<>();
    String[] lines = new String(text, StandardCharsets.UTF_8).split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (!lines[i].isBlank()) {
        try {
          rows.add(Json.MAPPER.readValue(lines[i], MetricRow.class));
        } catch (IOException e) {
          throw new IllegalArgumentException("line " + (i + 1) + " is not a metric row: " + e.getMessage(), e);
        }
      }
    }
    return rows;
  }

  public List<Segment> segments(String jobId) {
    List<Segment> segments = new ArrayList<>();
    for (ObjectInfo object : store.list(StorageKeys.prefix("outputs", jobId) + "metrics/")) {
      Matcher m = SEGMENT.matcher(object.key());
      if (m.matches()) {
        segments.add(new Segment(object.key(), Long.parseLong(m.group(1)), Long.parseLong(m.group(2))));
      }
    }
    segments.sort(Comparator.comparingLong(Segment::first));
    return segments;
  }

  /** Removes segments that end after {@code iteration}: the resumed run will log those iterations again. */
  public void truncateAfter(String jobId, long iteration) {
    for (Segment segment : segments(jobId)) {
      if (segment.last() > iteration) {
        store.delete(segment.key());
      }
    }
  }

  /** Every stored row in iteration order. */
  public List<MetricRow> read(String jobId) {
    List<MetricRow> rows = new ArrayList<>();
    for (Segment segment : segments(jobId)) {
      try {
        rows.addAll(fromJsonLines(store.readBytes(segment.key(), MAX_SEGMENT_BYTES)));
      } catch (IllegalArgumentException e) {
        throw new UncheckedIOException(new IOException(segment.key() + ": " + e.getMessage(), e));
      }
    }
    return rows;
  }

  /**
   * At most {@code points} rows: consecutive rows are averaged in equal buckets (the last row of a bucket gives
   * the iteration), so a long history keeps its shape.
   */
  public static List<MetricRow> downsample(List<MetricRow> rows, int points) {
    if (points <= 0 || rows.size() <= points) {
      return rows;
    }
    List<MetricRow> out = new ArrayList<>();
    double per = (double) rows.size() / points;
    for (int b = 0; b < points; b++) {
      List<MetricRow> bucket = rows.subList((int) Math.floor(b * per), (int) Math.floor((b + 1) * per));
      double seconds = bucket.stream().mapToDouble(MetricRow::seconds).sum() / bucket.size();
      out.add(new MetricRow(bucket.get(bucket.size() - 1).iteration(), seconds, mean(bucket)));
    }
    return out;
  }

  /**
   * Each scalar's mean over the rows that logged it: the losses are in every row, the held-out validation only in
   * the rows of the iterations it ran at.
   */
  public static Map<String, Double> mean(List<MetricRow> rows) {
    Map<String, double[]> sums = new TreeMap<>();
    for (MetricRow row : rows) {
      row.values().forEach((k, v) -> {
        double[] sum = sums.computeIfAbsent(k, x -> new double[2]);
        sum[0] += v;
        sum[1]++;
      });
    }
    Map<String, Double> mean = new TreeMap<>();
    sums.forEach((k, sum) -> mean.put(k, sum[0] / sum[1]));
    return mean;
  }
}
