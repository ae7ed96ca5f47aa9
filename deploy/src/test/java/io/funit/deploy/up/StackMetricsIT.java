package io.funit.deploy.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.funit.common.embedded.FreePorts;
import io.funit.common.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics of {@code ./funit up}, scraped as an operator would: every process (the gateway and one worker of
 * each type, the real jars as child processes) answers /metrics with Prometheus text; job counters, duration
 * histograms and the batch-size histogram move by what a few translations did; every metric the README's table
 * names is exported by some process.
 */
class StackMetricsIT {
  private static final int TRANSLATIONS = 3;
  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)})? (\\S+)");
  private static final Pattern README_ROW = Pattern.compile("^\\| `([a-z_:]+)`");

  @TempDir Path data;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void everyProcessExportsItsMetricsAndTheyMoveWithTranslations() throws Exception {
    StackLayout layout = new StackLayout(data, FreePorts.pick(), FreePorts.pick(), FreePorts.pick(),
        FreePorts.pick(), WorkerCounts.parse("translate=1,train=1,eval=1"), 180);
    Installation installation = new Installation(Path.of("..").toAbsolutePath().normalize());
    try (EmbeddedStack stack = EmbeddedStack.start(layout, installation, Map.of(EmbeddedStack.REBUILD_DATASET, "false"))) {
      Map<String, String> processes = new LinkedHashMap<>();
      processes.put("gateway", stack.gatewayUrl());
      processes.putAll(stack.workerUrls());
      assertThat(processes).containsKeys("translate-1", "train-1", "eval-1");
      for (String url : stack.workerUrls().values()) {
        // ready: Kafka, storage, job state; the translate worker also has the default model loaded
        // a worker opens its port a moment after the gateway is ready: refused connections are "not yet"
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
            .until(() -> get(url + "/readyz").statusCode() == 200);
        assertThat(get(url + "/healthz").statusCode()).isEqualTo(200);
      }

      Map<String, Map<String, Double>> before = scrapeAll(processes);
      for (int i = 0; i < TRANSLATIONS; i++) {
        HttpResponse<String> done = translate(stack, i);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(done.body()).path("status").asText()).isEqualTo("succeeded");
      }
      Map<String, Map<String, Double>> after = scrapeAll(processes);

      String translate = "{type=\"translate\"}";
      String succeeded = "{outcome=\"succeeded\",type=\"translate\"}";
      assertThat(delta(before, after, "gateway", "funit_jobs_submitted_total" + translate)).isEqualTo(TRANSLATIONS);
      assertThat(delta(before, after, "translate-1", "funit_jobs_started_total" + translate))
          .isEqualTo(TRANSLATIONS);
      assertThat(delta(before, after, "translate-1", "funit_jobs_finished_total" + succeeded))
          .isEqualTo(TRANSLATIONS);
      assertThat(delta(before, after, "translate-1", "funit_job_duration_seconds_count" + succeeded))
          .isEqualTo(TRANSLATIONS);
      assertThat(delta(before, after, "translate-1", "funit_job_duration_seconds_sum" + succeeded)).isPositive();
      assertThat(delta(before, after, "translate-1", "funit_job_duration_seconds_bucket"
          + "{outcome=\"succeeded\",type=\"translate\",le=\"+Inf\"}")).isEqualTo(TRANSLATIONS);
      assertThat(delta(before, after, "translate-1", "funit_job_queue_wait_seconds_count" + translate))
          .isEqualTo(TRANSLATIONS);
      // one content image per translation, each waited for (Prefer: wait): one pass each
      assertThat(delta(before, after, "translate-1", "funit_translate_batch_size_count")).isEqualTo(TRANSLATIONS);
      assertThat(delta(before, after, "translate-1", "funit_translate_batch_size_sum")).isEqualTo(TRANSLATIONS);
      assertThat(delta(before, after, "translate-1", "funit_translate_batch_size_bucket{le=\"1.0\"}"))
          .isEqualTo(TRANSLATIONS);
      assertThat(delta(before, after, "translate-1", "funit_translate_forward_seconds_count"))
          .isEqualTo(TRANSLATIONS);
      assertThat(delta(before, after, "translate-1", "funit_model_cache_hits_total")).isEqualTo(TRANSLATIONS);
      assertThat(after.get("translate-1").get("funit_model_cache_bytes")).isPositive();
      assertThat(after.get("train-1")).containsEntry("funit_worker_info{device=\"cpu\",worker=\"train-worker\"}",
          1.0);
      assertThat(after.get("gateway")).containsKey("funit_kafka_consumer_lag{group=\"funit.workers.translate\","
          + "topic=\"funit.jobs.translate\"}");

      Set<String> exported = new LinkedHashSet<>();
      after.values().forEach(samples -> samples.keySet().forEach(key -> exported.add(key.replaceAll("\\{.*", ""))));
      List<String> documented = readmeMetrics();
      assertThat(documented).as("the README's metrics table").hasSizeGreaterThan(20);
      for (String name : documented) {
        assertThat(exported).as("a process exports " + name)
            .containsAnyOf(name, name + "_bucket", name + "_count", name + "_total");
      }
    }
  }

  /** The metric names in the first column of the README's metrics table. */
  private static List<String> readmeMetrics() throws IOException {
    List<String> lines = Files.readAllLines(Path.of("..", "README.md"));
    int start = lines.indexOf("### Metrics");
    assertThat(start).as("README has a ### Metrics section").isNotNegative();
    List<String> names = new java.util.ArrayList<>();
    for (String line : lines.subList(start + 1, lines.size())) {
      if (line.startsWith("#")) {
        break;
      }
      Matcher row = README_ROW.matcher(line);
      if (row.find()) {
        names.add(row.group(1));
      }
    }
    return names;
  }

  private static double delta(Map<String, Map<String, Double>> before, Map<String, Map<String, Double>> after,
      String process, String series) {
    Double now = after.get(process).get(series);
    assertThat(now).as(process + " exports " + series).isNotNull();
    return now - before.get(process).getOrDefault(series, 0.0);
  }

  private Map<String, Map<String, Double>> scrapeAll(Map<String, String> processes) throws Exception {
    Map<String, Map<String, Double>> all = new HashMap<>();
    for (Map.Entry<String, String> process : processes.entrySet()) {
      HttpResponse<String> response = get(process.getValue() + "/metrics");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
      Files.writeString(Path.of("target", "metrics-" + process.getKey() + ".txt"), response.body());
      all.put(process.getKey(), samples(response.body()));
    }
    return all;
  }

  /** Sample lines by series ({@code name{labels}} with the labels as written), comments skipped. */
  private static Map<String, Double> samples(String text) {
    Map<String, Double> samples = new HashMap<>();
    for (String line : text.split("\n")) {
      Matcher sample = SAMPLE.matcher(line);
      if (!line.startsWith("#") && sample.find()) {
        String series = sample.group(1) + (sample.group(2) == null ? "" : sample.group(2));
        samples.put(series, Double.parseDouble(sample.group(4).replace("+Inf", "Infinity")));
      }
    }
    return samples;
  }

  private HttpResponse<String> translate(EmbeddedStack stack, int seed) throws Exception {
    return io.funit.deploy.it.TestTranslations.translate(http, stack.gatewayUrl(), stack.apiKey(), seed);
  }

  private HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
