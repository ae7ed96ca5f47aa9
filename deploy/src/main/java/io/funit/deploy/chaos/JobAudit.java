package io.funit.deploy.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.config.KafkaSettings;
import io.funit.common.config.S3Settings;
import io.funit.common.config.Settings;
import io.funit.common.contract.JobEvent;
import io.funit.common.json.Json;
import io.funit.common.kafka.KafkaClients;
import io.funit.common.kafka.TopicReader;
import io.funit.common.storage.ObjectInfo;
import io.funit.common.storage.ObjectStore;
import io.funit.deploy.load.ApiClient;
import io.funit.deploy.load.MixedLoad;
import io.funit.deploy.serve.ReceivedWebhook;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Holds the system to every job the API accepted, after a scenario: from the job-event log (Kafka), the object
 * store and the webhook receiver's log, never from the system's own summary of itself.
 * <ul>
 *   <li>lost: no terminal event by the deadline, or a result naming an output that is not stored;</li>
 *   <li>duplicated: two different terminal outcomes for one job, a translation with stored outputs its result does
 *     not name (a second result), or a training iteration with two metric rows;</li>
 *   <li>webhooks: every message the events promise delivered at least once (lost otherwise), repeats counted,
 *     and per job in the order of the events.</li>
 * </ul>
 */
final class JobAudit {
  private static final int MAX_JSON_BYTES = 16 << 20;

  private final ApiClient api;
  private final Settings settings;
  private final Path receiverLog;
  private final Map<String, Object> problems = new LinkedHashMap<>();

  JobAudit(ApiClient api, Settings settings, Path receiverLog) {
    this.api = api;
    this.settings = settings;
    this.receiverLog = receiverLog;
  }

  /** Polls the API until every accepted job is terminal or the deadline passes; returns the ones that are not. */
  List<String> awaitTerminal(List<MixedLoad.Accepted> jobs, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> open = new ArrayList<>(jobs.stream().map(MixedLoad.Accepted::id).toList());
    while (!open.isEmpty() && System.nanoTime() < deadline) {
      open.removeIf(id -> {
        ApiClient.Reply reply = api.get("/v1/jobs/" + id);
        String state = reply.json().path("state").asText("");
        return reply.ok() && (state.equals("succeeded") || state.equals("failed") || state.equals("canceled"));
      });
      if (!open.isEmpty()) {
        Thread.sleep(2_000);
      }
    }
    return open;
  }

  /** Waits until every promised webhook message was accepted by the receiver, or the deadline passes. */
  void awaitWebhooks(Map<String, List<JobEvent>> events, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Set<String> delivered = new HashSet<>();
      ReceivedWebhook.readAll(receiverLog).stream().filter(ReceivedWebhook::accepted)
          .forEach(r -> delivered.add(r.webhookId()));
      boolean all = events.values().stream().allMatch(e -> delivered.containsAll(ExpectedWebhooks.of(e)));
      if (all) {
        return;
      }
      Thread.sleep(2_000);
    }
  }

  /** Every accepted job's events, in log order. */
  Map<String, List<JobEvent>> events(List<MixedLoad.Accepted> jobs) {
    Set<String> ids = new HashSet<>(jobs.stream().map(MixedLoad.Accepted::id).toList());
    KafkaClients kafka = new KafkaClients(KafkaSettings.from(settings));
    Map<String, List<JobEvent>> byJob = new LinkedHashMap<>();
    jobs.forEach(job -> byJob.put(job.id(), new ArrayList<>()));
    TopicReader.readAll(kafka, kafka.topics().jobEvents()).stream()
        .filter(r -> ids.contains(r.key()))
        .sorted(java.util.Comparator.comparingInt((org.apache.kafka.clients.consumer.ConsumerRecord<String, String> r)
            -> r.partition()).thenComparingLong(r -> r.offset()))
        .forEach(r -> {
          try {
            byJob.get(r.key()).add(Json.MAPPER.readValue(r.value(), JobEvent.class));
          } catch (IOException e) {
            throw new IllegalStateException("unreadable job event of " + r.key() + ": " + e.getMessage(), e);
          }
        });
    return byJob;
  }

  /** The audit's figures; {@code lost} and {@code duplicated} must be 0. */
  Map<String, Object> check(List<MixedLoad.Accepted> jobs, Map<String, List<JobEvent>> events, List<String> open) {
    ObjectStore store = new ObjectStore(S3Settings.from(settings));
    Map<String, Integer> accepted = new TreeMap<>();
    Map<String, Integer> completed = new TreeMap<>();
    Map<String, Integer> failed = new TreeMap<>();
    Map<String, String> failureReasons = new TreeMap<>();
    List<String> lost = new ArrayList<>(open);
    List<String> duplicated = new ArrayList<>();
    for (MixedLoad.Accepted job : jobs) {
      accepted.merge(job.type(), 1, Integer::sum);
      List<JobEvent> log = events.getOrDefault(job.id(), List.of());
      List<JobEvent> terminal = log.stream().filter(e -> e.state().terminal()).toList();
      if (terminal.isEmpty()) {
        if (!lost.contains(job.id())) {
          lost.add(job.id());
        }
        continue;
      }
      Set<String> outcomes = new HashSet<>();
      terminal.forEach(e -> outcomes.add(e.state() + " " + e.result() + " " + (e.error() == null ? ""
          : e.error().code())));
      if (outcomes.size() > 1) {
        duplicated.add(job.id() + ": " + outcomes.size() + " different outcomes");
      }
      JobEvent last = terminal.get(terminal.size() - 1);
      switch (last.state()) {
        case SUCCEEDED -> {
          completed.merge(job.type(), 1, Integer::sum);
          checkOutputs(store, job, last, lost, duplicated);
        }
        case FAILED, CANCELED -> {
          failed.merge(job.type(), 1, Integer::sum);
          String reason = last.error() == null ? last.state().toString() : last.error().code();
          failureReasons.merge(reason, job.type() + " " + job.id(), (a, b) -> a);
        }
        default -> { }
      }
    }
    Map<String, Object> webhooks = checkWebhooks(events);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("datasets_listed_incomplete", checkDatasets(store, duplicated));
    result.put("accepted", accepted);
    result.put("completed", completed);
    result.put("failed", failed);
    result.put("failure_reasons", failureReasons);
    result.put("lost", lost.size());
    result.put("duplicated", duplicated.size());
    if (!lost.isEmpty()) {
      problems.put("lost_jobs", lost.subList(0, Math.min(10, lost.size())));
    }
    if (!duplicated.isEmpty()) {
      problems.put("duplicated_jobs", duplicated.subList(0, Math.min(10, duplicated.size())));
    }
    result.put("webhooks", webhooks);
    result.put("problems", problems);
    return result;
  }

  /**
   * A result's outputs are stored, and (for a translation, whose outputs are all named in its result) nothing else
   * is; a training's metric history holds each iteration once, and as many as its result counts.
   */
  private void checkOutputs(ObjectStore store, MixedLoad.Accepted job, JobEvent last, List<String> lost,
      List<String> duplicated) {
    Set<String> named = new HashSet<>();
    collectOutputKeys(last.result(), job.id(), named);
    Set<String> stored = new HashSet<>();
    store.list("outputs/" + job.id() + "/").forEach(info -> stored.add(info.key()));
    for (String key : named) {
      if (!stored.contains(key) && store.stat(key).isEmpty()) {
        lost.add(job.id() + ": output " + key + " missing");
      }
    }
    if (job.type().equals("translate")) {
      Set<String> extra = new HashSet<>(stored);
      extra.removeAll(named);
      if (!extra.isEmpty()) {
        duplicated.add(job.id() + ": outputs no result names: " + extra);
      }
    }
    if (job.type().equals("train")) {
      checkTrainingMetrics(store, job, last, lost, duplicated);
    }
  }

  private void checkTrainingMetrics(ObjectStore store, MixedLoad.Accepted job, JobEvent last, List<String> lost,
      List<String> duplicated) {
    Map<Long, Integer> rows = new HashMap<>();
    for (ObjectInfo segment : store.list("outputs/" + job.id() + "/metrics/")) {
      String text = new String(store.readBytes(segment.key(), MAX_JSON_BYTES), StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        if (!line.isBlank()) {
          try {
            rows.merge(Json.MAPPER.readTree(line).path("iteration").asLong(), 1, Integer::sum);
          } catch (IOException e) {
            lost.add(job.id() + ": unreadable metric row in " + segment.key());
          }
        }
      }
    }
    long twice = rows.values().stream().filter(n -> n > 1).count();
    if (twice > 0) {
      duplicated.add(job.id() + ": " + twice + " iterations with more than one metric row");
    }
    long iterations = last.result() == null ? 0 : last.result().path("iterations").asLong();
    for (long i = 1; i <= iterations; i++) {
      if (!rows.containsKey(i)) {
        lost.add(job.id() + ": no metric row for iteration " + i + " of " + iterations);
        break;
      }
    }
  }

  /**
   * Every dataset the API lists as built has its manifest (written last) stored, so none is visible half-written;
   * and no name appears twice (each upload of the load has a name of its own, so two would be one upload twice).
   * Returns how many listed datasets were incomplete.
   */
  private int checkDatasets(ObjectStore store, List<String> duplicated) {
    int incomplete = 0;
    Map<String, Integer> names = new HashMap<>();
    for (JsonNode dataset : api.get("/v1/datasets").json().path("items")) {
      if (!dataset.path("status").asText().equals("succeeded")) {
        continue;
      }
      String id = dataset.path("id").asText();
      if (store.stat("datasets/" + id + "/manifest.json").isEmpty()) {
        incomplete++;
        problems.put("dataset_listed_without_manifest", id);
      }
      names.merge(dataset.path("name").asText(), 1, Integer::sum);
    }
    names.forEach((name, n) -> {
      if (n > 1) {
        duplicated.add("dataset '" + name + "': " + n + " datasets");
      }
    });
    return incomplete;
  }

  private static void collectOutputKeys(JsonNode node, String jobId, Set<String> keys) {
    if (node == null) {
      return;
    }
    if (node.isTextual() && node.asText().startsWith("outputs/" + jobId + "/")) {
      keys.add(node.asText());
    }
    node.elements().forEachRemaining(child -> collectOutputKeys(child, jobId, keys));
  }

  private Map<String, Object> checkWebhooks(Map<String, List<JobEvent>> events) {
    List<ReceivedWebhook> received = ReceivedWebhook.readAll(receiverLog);
    Map<String, List<String>> acceptedOrder = new HashMap<>();
    Map<String, Integer> acceptedCount = new HashMap<>();
    for (ReceivedWebhook r : received) {
      if (!r.accepted()) {
        continue;
      }
      acceptedCount.merge(r.webhookId(), 1, Integer::sum);
      List<String> order = acceptedOrder.computeIfAbsent(r.jobId(), j -> new ArrayList<>());
      if (!order.contains(r.webhookId())) {
        order.add(r.webhookId());
      }
    }
    int expected = 0;
    int lost = 0;
    int outOfOrder = 0;
    List<String> lostIds = new ArrayList<>();
    for (Map.Entry<String, List<JobEvent>> job : events.entrySet()) {
      List<String> promised = ExpectedWebhooks.of(job.getValue());
      expected += promised.size();
      List<String> got = acceptedOrder.getOrDefault(job.getKey(), List.of());
      for (String id : promised) {
        if (!got.contains(id)) {
          lost++;
          lostIds.add(id);
        }
      }
      List<String> promisedAndGot = promised.stream().filter(got::contains).toList();
      List<String> gotPromised = got.stream().filter(promised::contains).toList();
      if (!promisedAndGot.equals(gotPromised)) {
        outOfOrder++;
      }
    }
    int repeats = acceptedCount.values().stream().mapToInt(n -> n - 1).sum();
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("expected", expected);
    summary.put("lost", lost);
    summary.put("repeated_same_id", repeats);
    summary.put("jobs_out_of_order", outOfOrder);
    summary.put("unverified", received.stream().filter(r -> !r.verified()).count());
    if (!lostIds.isEmpty()) {
      problems.put("lost_webhooks", lostIds.subList(0, Math.min(10, lostIds.size())));
    }
    return summary;
  }
}
