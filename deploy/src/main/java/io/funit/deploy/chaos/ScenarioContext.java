package io.funit.deploy.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.funit.deploy.load.ApiClient;
import io.funit.deploy.load.MixedLoad;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** What a scenario acts on: the lab, the stack on it, the load and its jobs; and what it noted while acting. */
final class ScenarioContext {
  private final NetworkLab lab;
  private final ChaosStack stack;
  private final ApiClient api;
  private final MixedLoad load;
  private final String training;
  private final String evaluation;
  private final long startedNanos = System.nanoTime();
  private final Map<String, Object> notes = new LinkedHashMap<>();

  ScenarioContext(NetworkLab lab, ChaosStack stack, ApiClient api, MixedLoad load, String training,
      String evaluation) {
    this.lab = lab;
    this.stack = stack;
    this.api = api;
    this.load = load;
    this.training = training;
    this.evaluation = evaluation;
  }

  NetworkLab lab() {
    return lab;
  }

  ChaosStack stack() {
    return stack;
  }

  ApiClient api() {
    return api;
  }

  /** A job the scenario got accepted itself: the audit holds the system to it as to the load's. */
  void accepted(MixedLoad.Accepted job) {
    load.add(job);
  }

  /** The load's training (null when the load has none). */
  String training() {
    return training;
  }

  String evaluation() {
    return evaluation;
  }

  /** Something the report should say about this run (a job's iteration at the kill, how long a wait took). */
  void note(String key, Object value) {
    notes.put(key, value);
  }

  Map<String, Object> notes() {
    return notes;
  }

  /** Seconds since the scenario began, for notes. */
  double elapsedSeconds() {
    return Math.round((System.nanoTime() - startedNanos) / 1e8) / 10.0;
  }

  /** A job as the API shows it now (empty when no gateway answered). */
  JsonNode job(String id) {
    return api.get("/v1/jobs/" + id).json();
  }

  /**
   * The worker host a job runs on, once it runs there with at least {@code minDone} units of progress done (its
   * events name the worker, which is its host); empty when it did not within the timeout. With two workers of a kind
   * the job may land on either, and a fault aimed at the other one would test nothing.
   */
  Optional<String> awaitRunningHost(String id, long minDone, Duration timeout) throws InterruptedException {
    String[] host = new String[1];
    boolean running = await(() -> {
      JsonNode job = job(id);
      host[0] = job.path("worker_id").asText("");
      return job.path("state").asText().equals("running") && !host[0].isEmpty()
          && job.path("progress").path("done").asLong() >= minDone;
    }, timeout);
    return running ? Optional.of(host[0]) : Optional.empty();
  }

  static boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(500);
    }
    return condition.getAsBoolean();
  }
}
