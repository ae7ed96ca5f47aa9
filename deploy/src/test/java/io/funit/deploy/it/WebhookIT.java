package io.funit.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;
import io.funit.common.config.S3Settings;
import io.funit.common.json.Json;
import io.funit.common.storage.ObjectStore;
import io.funit.common.testing.Infra;
import io.funit.common.testing.InfraExtension;
import io.funit.gateway.Gateway;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Webhooks end to end on real Kafka and S3: receivers built on the Standard Webhooks reference library verify every
 * signature; a receiver that is down gets every event once it is back, in order, each webhook-id once, across a
 * gateway restart; 410 disables an endpoint; private targets are refused unless allowed; the delivery log and a
 * manual redelivery.
 */
@ExtendWith(InfraExtension.class)
class WebhookIT {
  private static final String SECRET = "whsec_" + java.util.Base64.getEncoder().encodeToString(
      "funit-webhook-it-secret-32-bytes".getBytes(StandardCharsets.UTF_8));
  private static final Map<String, String> WEBHOOKS = Map.of("FUNIT_WEBHOOK_SECRETS", SECRET,
      "FUNIT_WEBHOOK_ALLOW_PRIVATE", "true", "FUNIT_WEBHOOK_BACKOFF_SCALE", "0.002");

  /** A receiver on 127.0.0.1 that verifies with the reference library and answers what {@code status} says. */
  static final class Receiver implements AutoCloseable {
    record Received(String webhookId, String type, String jobId, int answered) {}

    final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    final List<String> unverified = Collections.synchronizedList(new ArrayList<>());
    /** A {@link #status} that answers nothing: the connection is dropped. */
    static final int DOWN = -1;
    final AtomicInteger status = new AtomicInteger(200);
    private final java.util.concurrent.ExecutorService executor = Executors.newCachedThreadPool();
    /** How long each request is held before the answer: attempts stay in flight this long. */
    final AtomicInteger delayMillis = new AtomicInteger(0);
    final AtomicInteger arrived = new AtomicInteger();
    private final HttpServer server;

    Receiver() throws Exception {
      Webhook verifier = new Webhook(SECRET);
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/hook", exchange -> {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        arrived.incrementAndGet();
        sleep(delayMillis.get());
        Map<String, List<String>> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        int answer = status.get();
        try {
          verifier.verify(body, headers);
          JsonNode payload = Json.MAPPER.readTree(body);
          received.add(new Received(headers.get("webhook-id").get(0), payload.path("type").asText(),
              payload.path("data").path("id").asText(), answer));
        } catch (Exception e) {
          unverified.add(e.toString());
          answer = 400;
        }
        if (answer == DOWN) {
          // the server drops the connection without an answer, as a receiver that is down does
          throw new IllegalStateException("receiver down");
        }
        exchange.sendResponseHeaders(answer, -1);
        exchange.close();
      });
      server.setExecutor(executor); // attempts of different jobs arrive concurrently
      server.start();
    }

    private static void sleep(int millis) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** The accepted (2xx) deliveries of one job, in arrival order. */
    List<Received> accepted(String jobId) {
      synchronized (received) {
        return received.stream().filter(r -> r.jobId().equals(jobId) && r.answered() / 100 == 2).toList();
      }
    }

    @Override
    public void close() {
      server.stop(0);
      executor.shutdownNow();
    }
  }

  private static String submit(TestStack stack, Receiver receiver, String events) throws Exception {
    return stack.submitProbe("{\"steps\": 2, \"step_millis\": 50, \"webhook\": \"" + receiver.url() + "\""
        + (events == null ? "" : ", \"webhook_events\": " + events) + "}");
  }

  @Test
  void deliversSignedEventsInOrderAndEveryOneOnceAfterAnOutageAndARestart(Infra infra) throws Exception {
    try (TestStack stack = new TestStack(infra, WEBHOOKS); Receiver receiver = new Receiver()) {
      Gateway first = stack.startGateway();
      stack.startWorker("worker-w");

      String job = submit(stack, receiver, null);
      await().atMost(Duration.ofSeconds(60)).until(() -> receiver.accepted(job).size() == 4);
      assertThat(receiver.accepted(job)).extracting(Receiver.Received::type)
          .containsExactly("job.queued", "job.started", "job.output", "job.completed");
      assertThat(receiver.unverified).isEmpty();

      // down: 503 for every attempt; the jobs finish meanwhile and the gateway restarts mid-outage
      receiver.status.set(503);
      List<String> jobs = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        jobs.add(submit(stack, receiver, "[\"queued\", \"started\", \"progress\", \"completed\"]"));
      }
      for (String id : jobs) {
        stack.awaitState(id, "succeeded", Duration.ofSeconds(60));
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received.stream().filter(r -> r.answered() == 503)
          .count() >= 6);
      stack.stop(first);
      stack.startGateway();
      Thread.sleep(2_000);
      receiver.status.set(200);

      for (String id : jobs) {
        await().atMost(Duration.ofSeconds(90)).until(() -> receiver.accepted(id).stream()
            .anyMatch(r -> r.type().equals("job.completed")));
        List<Receiver.Received> got = receiver.accepted(id);
        List<String> types = got.stream().map(Receiver.Received::type).toList();
        assertThat(types.get(0)).isEqualTo("job.queued");
        assertThat(types.get(1)).isEqualTo("job.started");
        assertThat(types.subList(2, types.size() - 1)).containsOnly("job.progress").hasSize(2);
        assertThat(types.get(types.size() - 1)).isEqualTo("job.completed");
        assertThat(got.stream().map(Receiver.Received::webhookId).distinct().count()).isEqualTo(got.size());
      }
      assertThat(receiver.unverified).isEmpty();

      // the delivery log shows the outage's failed attempts and the final success
      JsonNode log = stack.get("/v1/jobs/" + jobs.get(0) + "/deliveries").json();
      assertThat(log.path("items")).hasSize(5);
      JsonNode queued = log.path("items").get(0);
      assertThat(queued.path("event").asText()).isEqualTo("queued");
      assertThat(queued.path("state").asText()).isEqualTo("delivered");
      assertThat(queued.path("attempts").size()).isGreaterThan(1);
      assertThat(queued.path("attempts").get(0).path("status").asInt()).isEqualTo(503);

      // manual redelivery: the same webhook-id once more, now
      String webhookId = queued.path("webhook_id").asText();
      TestStack.Response redelivered = stack.post("/v1/jobs/" + jobs.get(0) + "/deliveries/" + webhookId
          + "/redeliver", "");
      assertThat(redelivered.status()).isEqualTo(200);
      assertThat(redelivered.json().path("attempts").get(redelivered.json().path("attempts").size() - 1)
          .path("manual").asBoolean()).isTrue();
      assertThat(receiver.accepted(jobs.get(0)).stream().filter(r -> r.webhookId().equals(webhookId))).hasSize(2);
      assertThat(stack.post("/v1/jobs/" + jobs.get(0) + "/deliveries/msg_nope/redeliver", "").status())
          .isEqualTo(404);
    }
  }

  @Test
  void afterAnOutageTheBacklogFollowsTheFirstDeliveryThatGetsThrough(Infra infra) throws Exception {
    // the real schedule (5 s, 30 s, 2 min, ...): a backlog left to its own retries waits up to 30 s here
    try (TestStack stack = new TestStack(infra, Map.of("FUNIT_WEBHOOK_SECRETS", SECRET,
        "FUNIT_WEBHOOK_ALLOW_PRIVATE", "true")); Receiver receiver = new Receiver()) {
      stack.startGateway();
      stack.startWorker("worker-o");
      receiver.status.set(Receiver.DOWN);
      String waiting = submit(stack, receiver, "[\"completed\"]");
      stack.awaitState(waiting, "succeeded", Duration.ofSeconds(60));
      // no answer at once and on its first retry (at most 5 s later): its next retry is up to 30 s away
      await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received.stream()
          .filter(r -> r.jobId().equals(waiting)).count() >= 2);
      receiver.status.set(200);
      String fresh = submit(stack, receiver, "[\"completed\"]");
      await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.accepted(fresh).isEmpty());
      await().atMost(Duration.ofSeconds(3)).until(() -> !receiver.accepted(waiting).isEmpty());
      assertThat(receiver.accepted(waiting)).hasSize(1);
    }
  }

  @Test
  void aPartitionThatLeavesAndComesBackMidAttemptDoesNotSendItsDeliveryTwice(Infra infra) throws Exception {
    // each attempt is held 25 s (the rebalance below has taken over 8 s here), within the attempt timeout
    Map<String, String> settings = new HashMap<>(WEBHOOKS);
    settings.put("FUNIT_WEBHOOK_TIMEOUT_MS", "60000");
    try (TestStack stack = new TestStack(infra, settings); Receiver receiver = new Receiver()) {
      stack.startGateway();
      stack.startWorker("worker-r");
      receiver.delayMillis.set(25_000);
      List<String> jobs = new ArrayList<>();
      // 5: the webhook HTTP client's connections per host, so that all are held at once
      for (int i = 0; i < 5; i++) {
        jobs.add(submit(stack, receiver, "[\"queued\"]"));
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> receiver.arrived.get() >= jobs.size());
      // another member of the dispatchers' group takes some partitions and leaves: they come back mid-attempt
      String group = stack.kafka.settings().topicPrefix() + "webhooks";
      try (KafkaConsumer<String, String> other = stack.kafka.batchingConsumer(group, "it-other", 500,
          Duration.ofMillis(100))) {
        other.subscribe(List.of(stack.kafka.topics().jobEvents()));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
          other.poll(Duration.ofMillis(100));
          return !other.assignment().isEmpty();
        });
        // the partitions moved while every attempt was still held by the receiver: the case under test
        assertThat(receiver.received).isEmpty();
      }
      await().atMost(Duration.ofSeconds(90))
          .until(() -> jobs.stream().allMatch(id -> !receiver.accepted(id).isEmpty()));
      Thread.sleep(5_000); // a second attempt started after the partitions came back has arrived by now
      for (String id : jobs) {
        assertThat(receiver.accepted(id)).hasSize(1);
      }
      assertThat(receiver.arrived.get()).isEqualTo(jobs.size());
    }
  }

  /**
   * Found by ./funit chaos (full layout, s3-disk-full): the gateway's store refused to record a job's new message
   * while that job's previous message was being attempted; the dispatcher rewound, but the job's queue (kept for its
   * attempt in flight) already counted the message as made, so the replay skipped it and it was never sent.
   */
  @Test
  void aMessageWhoseDeliveryTheStoreRefusedIsSentOnceTheStoreIsBack(Infra infra) throws Exception {
    Map<String, String> settings = new HashMap<>(WEBHOOKS);
    settings.put("FUNIT_WEBHOOK_TIMEOUT_MS", "60000");
    try (TestStack stack = new TestStack(infra, settings); Receiver receiver = new Receiver()) {
      URI s3 = URI.create(S3Settings.from(stack.settings).endpoint());
      try (CuttableRoute route = new CuttableRoute(s3.getHost(), s3.getPort())) {
        stack.startGateway(new ObjectStore(S3Settings.from(
            stack.settings.with(Map.of("FUNIT_S3_ENDPOINT", "http://127.0.0.1:" + route.port())))));
        // the job's first message is held by the receiver (in flight) while the gateway loses its store
        receiver.delayMillis.set(15_000);
        String job = submit(stack, receiver, "[\"queued\", \"started\", \"completed\"]");
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.arrived.get() >= 1);
        route.cut();
        receiver.delayMillis.set(0);
        stack.startWorker("worker-s"); // reaches the store directly: the job runs and emits its next events
        await().atMost(Duration.ofSeconds(30)).until(() -> stack.events(job).stream()
            .anyMatch(e -> e.state().terminal()));
        Thread.sleep(3_000); // the dispatcher reads them, cannot store their deliveries, rewinds, tries again
        route.heal();

        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.accepted(job).stream()
            .anyMatch(r -> r.type().equals("job.completed")));
        // in order, each message once or repeated under its own id (the attempt in flight could not record itself)
        Map<String, String> firstTypeById = new LinkedHashMap<>();
        receiver.accepted(job).forEach(r -> firstTypeById.putIfAbsent(r.webhookId(), r.type()));
        assertThat(firstTypeById.values()).containsExactly("job.queued", "job.started", "job.completed");
        assertThat(receiver.unverified).isEmpty();
      }
    }
  }

  @Test
  void anEndpointThatAnswers410IsDisabled(Infra infra) throws Exception {
    try (TestStack stack = new TestStack(infra, WEBHOOKS); Receiver receiver = new Receiver()) {
      stack.startGateway();
      stack.startWorker("worker-g");
      receiver.status.set(410);
      String job = submit(stack, receiver, null);
      stack.awaitState(job, "succeeded", Duration.ofSeconds(60));
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        JsonNode items = stack.get("/v1/jobs/" + job + "/deliveries").json().path("items");
        return items.size() == 4 && items.get(3).path("state").asText().equals("skipped");
      });
      JsonNode items = stack.get("/v1/jobs/" + job + "/deliveries").json().path("items");
      assertThat(items.get(0).path("state").asText()).isEqualTo("failed");
      assertThat(items.get(0).path("attempts")).hasSize(1);
      assertThat(items.get(1).path("state").asText()).isEqualTo("skipped");
      assertThat(receiver.received).hasSize(1);
    }
  }

  @Test
  void privateTargetsAndBadFieldsAreRefusedAtSubmission(Infra infra) throws Exception {
    try (TestStack stack = new TestStack(infra, Map.of("FUNIT_WEBHOOK_SECRETS", SECRET))) {
      stack.startGateway();
      TestStack.Response loopback = stack.post("/v1/jobs/probe", "{\"webhook\": \"http://127.0.0.1:9/hook\"}");
      assertThat(loopback.status()).isEqualTo(400);
      assertThat(loopback.contentType()).startsWith("application/problem+json");
      assertThat(loopback.json().path("field").asText()).isEqualTo("webhook");
      assertThat(loopback.json().path("detail").asText()).contains("loopback");
      assertThat(stack.post("/v1/jobs/probe", "{\"webhook\": \"http://169.254.169.254/\"}").json()
          .path("detail").asText()).contains("link-local");
      assertThat(stack.post("/v1/jobs/probe", "{\"webhook\": \"ftp://example.com/\"}").json().path("field")
          .asText()).isEqualTo("webhook");
      TestStack.Response badEvent = stack.post("/v1/jobs/probe",
          "{\"webhook\": \"https://example.com/\", \"webhook_events\": [\"finished\"]}");
      assertThat(badEvent.status()).isEqualTo(400);
      assertThat(badEvent.json().path("field").asText()).isEqualTo("webhook_events");
    }
  }
}
