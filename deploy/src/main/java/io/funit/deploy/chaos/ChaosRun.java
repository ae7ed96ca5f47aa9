package io.funit.deploy.chaos;

import io.funit.common.config.S3Settings;
import io.funit.common.contract.JobEvent;
import io.funit.common.models.ModelRegistry;
import io.funit.common.storage.ObjectStore;
import io.funit.deploy.load.ApiClient;
import io.funit.deploy.load.MixedLoad;
import io.funit.deploy.up.Installation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scenario from start to verdict, on a fresh stack: the mixed load, the fault, the time until a translation
 * succeeds end to end again, the load's end, and the audit of every accepted job.
 */
final class ChaosRun {
  /** The promise docs/reliability.md states: serving again at most this long after a fault ends. */
  static final Duration RECOVERY_LIMIT = Duration.ofSeconds(60);
  private static final Logger LOG = LoggerFactory.getLogger(ChaosRun.class);
  private static final Duration JOBS_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration WEBHOOKS_TIMEOUT = Duration.ofMinutes(4);
  private static final int TRAINING_ITERATIONS = 150;
  private static final int CHECKPOINT_EVERY = 25;
  private static final int TRANSLATION_CLIENTS = 2;

  private final NetworkLab lab;
  private final LabLayout layout;
  private final Installation installation;
  private final String apiKey;
  private final String webhookSecret;

  ChaosRun(NetworkLab lab, LabLayout layout, Installation installation, String apiKey, String webhookSecret) {
    this.lab = lab;
    this.layout = layout;
    this.installation = installation;
    this.apiKey = apiKey;
    this.webhookSecret = webhookSecret;
  }

  Map<String, Object> run(Scenario scenario, Path dataDir) throws Exception {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("scenario", scenario.name());
    result.put("fault", scenario.description());
    long started = System.nanoTime();
    ChaosStack stack = new ChaosStack(lab, layout, dataDir, installation, apiKey, webhookSecret,
        scenario.serviceEnv(), scenario::hostEnv);
    scenario.prepare(stack);
    try (stack) {
      stack.startAll();
      ApiClient api = new ApiClient(layout.gatewayHosts().stream().map(stack::gatewayUrl).toList(), apiKey);
      MixedLoad load = new MixedLoad(api, stack.receiverUrl());
      String dataset = load.uploadDataset();
      if (dataset == null || !ScenarioContext.await(() -> api.get("/v1/jobs/" + dataset).json().path("state")
          .asText().equals("succeeded"), Duration.ofMinutes(3))) {
        throw new IllegalStateException("the load's dataset was not built: " + api.get("/v1/jobs/" + dataset).body());
      }
      String model = new ModelRegistry(new ObjectStore(S3Settings.from(stack.clientSettings()))).defaultModel()
          .orElseThrow(() -> new IllegalStateException("no default model in the store"));
      String training = load.startTraining(dataset, TRAINING_ITERATIONS, CHECKPOINT_EVERY);
      String evaluation = load.startEvaluation(model, dataset);
      load.startTranslations(TRANSLATION_CLIENTS);
      ScenarioContext context = new ScenarioContext(lab, stack, api, load, training, evaluation);
      LOG.info("{}: load running, injecting the fault", scenario.name());
      scenario.inject(context);
      double faultEnded = context.elapsedSeconds();
      LOG.info("{}: fault over at {} s; measuring recovery", scenario.name(), faultEnded);
      result.put("recovery_seconds", recoverySeconds(load));
      Thread.sleep(10_000); // the load goes on a while after recovery, on the recovered system
      load.stopTranslations();
      result.put("notes", context.notes());
      result.put("fault_ended_at_s", faultEnded);
      result.put("answers", api.answers().summary());

      List<MixedLoad.Accepted> jobs = load.accepted();
      JobAudit audit = new JobAudit(api, stack.clientSettings(), stack.receiverLog());
      List<String> open = audit.awaitTerminal(jobs, JOBS_TIMEOUT);
      Map<String, List<JobEvent>> events = audit.events(jobs);
      audit.awaitWebhooks(events, WEBHOOKS_TIMEOUT);
      result.putAll(audit.check(jobs, events, open));
    } finally {
      scenario.cleanUp(stack);
    }
    result.put("seconds", Math.round((System.nanoTime() - started) / 1e9));
    result.put("passed", passed(result));
    return result;
  }

  /**
   * Seconds from the end of the fault until a translation sent with {@code Prefer: wait} comes back succeeded: the
   * whole path works again (gateway, Kafka, worker, S3). -1 when it did not within twice the promised limit.
   */
  private static double recoverySeconds(MixedLoad load) throws Exception {
    long start = System.nanoTime();
    long deadline = start + RECOVERY_LIMIT.multipliedBy(2).toNanos();
    while (System.nanoTime() < deadline) {
      if (load.translateOnce()) {
        return Math.round((System.nanoTime() - start) / 1e8) / 10.0;
      }
      Thread.sleep(1_000);
    }
    return -1;
  }

  @SuppressWarnings("unchecked")
  private static boolean passed(Map<String, Object> result) {
    Map<String, Object> webhooks = (Map<String, Object>) result.get("webhooks");
    double recovery = ((Number) result.get("recovery_seconds")).doubleValue();
    // a worker fault whose job never ran on a host in time hit an idle host: it proved nothing, so it does not pass
    boolean faultHitItsJob = !Boolean.FALSE.equals(((Map<String, Object>) result.get("notes"))
        .get("job_was_running_on_host"));
    return faultHitItsJob && ((Number) result.get("lost")).intValue() == 0
        && ((Number) result.get("duplicated")).intValue() == 0
        && ((Number) result.get("datasets_listed_incomplete")).intValue() == 0
        && ((Number) webhooks.get("lost")).intValue() == 0
        && ((Number) webhooks.get("jobs_out_of_order")).intValue() == 0
        && recovery >= 0 && recovery <= RECOVERY_LIMIT.toSeconds();
  }
}
