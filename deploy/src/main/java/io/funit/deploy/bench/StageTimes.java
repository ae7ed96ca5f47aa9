package io.funit.deploy.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a translation's wall time goes, from the translate worker's own timers ({@code /metrics}, scraped before and
 * after a benchmark level): the wait in the queue, the job's stages (inputs, the batch: waiting for one and the
 * forward pass, outputs), the rest of the job (events, commit), and what the worker never sees (the gateway's
 * intake, storage and enqueue, the completion event's way back, the answer), as the end-to-end mean less the rest.
 */
final class StageTimes {
  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? (\\S+)$");

  private final HttpClient http = HttpClient.newHttpClient();
  private final URI metrics;

  StageTimes(String workerUrl) {
    this.metrics = URI.create(workerUrl + "/metrics");
  }

  /** Every sample of the worker's scrape, by series. */
  Map<String, Double> scrape() throws IOException, InterruptedException {
    String text = http.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()).body();
    Map<String, Double> samples = new HashMap<>();
    for (String line : text.split("\n")) {
      Matcher m = SAMPLE.matcher(line.trim());
      if (!line.startsWith("#") && m.matches()) {
        try {
          samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
        } catch (NumberFormatException ignored) {
          // NaN and the like
        }
      }
    }
    return samples;
  }

  /** Mean milliseconds per job of each part between two scrapes, with the clients' mean end-to-end latency. */
  static Map<String, Double> perJob(Map<String, Double> before, Map<String, Double> after, double endToEndMeanMs) {
    Map<String, Double> parts = new LinkedHashMap<>();
    double queue = mean(before, after, "funit_job_queue_wait_seconds", "type=\"translate\"");
    double job = mean(before, after, "funit_job_duration_seconds", "outcome=\"succeeded\",type=\"translate\"");
    double inputs = mean(before, after, "funit_translate_stage_seconds", "stage=\"inputs\"");
    double batch = mean(before, after, "funit_translate_stage_seconds", "stage=\"batch\"");
    double outputs = mean(before, after, "funit_translate_stage_seconds", "stage=\"outputs\"");
    parts.put("queue_wait", ms(queue));
    parts.put("inputs", ms(inputs));
    parts.put("batch_wait_and_forward", ms(batch));
    parts.put("forward_pass_mean", ms(mean(before, after, "funit_translate_forward_seconds", "")));
    parts.put("outputs", ms(outputs));
    parts.put("rest_of_job", ms(job - inputs - batch - outputs));
    // a difference of two means over slightly different jobs (the worker's finished in the level, the clients'
    // answered in it): at high load, with seconds-long waits, it can come out somewhat off, even below zero
    parts.put("gateway_events_and_answer", Math.round((endToEndMeanMs - (queue + job) * 1000) * 10) / 10.0);
    parts.put("end_to_end_mean", Math.round(endToEndMeanMs * 10) / 10.0);
    return parts;
  }

  /** Content images per forward pass between two scrapes (the batcher's mean batch). */
  static double imagesPerPass(Map<String, Double> before, Map<String, Double> after) {
    double perPass = mean(before, after, "funit_translate_batch_size", "");
    return Double.isNaN(perPass) ? perPass : Math.round(perPass * 100) / 100.0;
  }

  /** The share of forward passes between two scrapes that ran alone, on every thread (the batcher's lone passes). */
  static double lonePassShare(Map<String, Double> before, Map<String, Double> after) {
    double passes = delta(before, after, "funit_translate_batch_size_count", "");
    double lone = delta(before, after, "funit_translate_lone_passes_total", "");
    return passes > 0 ? Math.round(lone / passes * 1000) / 1000.0 : Double.NaN;
  }

  /** The mean of a timer's observations between the scrapes, in seconds, over series whose labels hold {@code labels}. */
  private static double mean(Map<String, Double> before, Map<String, Double> after, String timer, String labels) {
    double sum = delta(before, after, timer + "_sum", labels);
    double count = delta(before, after, timer + "_count", labels);
    return count > 0 ? sum / count : Double.NaN;
  }

  private static double delta(Map<String, Double> before, Map<String, Double> after, String name, String labels) {
    double total = 0;
    for (Map.Entry<String, Double> sample : after.entrySet()) {
      String series = sample.getKey();
      if ((series.equals(name) || series.startsWith(name + "{")) && series.contains(labels)) {
        total += sample.getValue() - before.getOrDefault(series, 0.0);
      }
    }
    return total;
  }

  private static double ms(double seconds) {
    return Double.isNaN(seconds) ? Double.NaN : Math.round(seconds * 10_000) / 10.0;
  }
}
