package io.funit.common.worker;

import io.funit.common.config.KafkaSettings;
import io.funit.common.config.S3Settings;
import io.funit.common.config.Settings;
import io.funit.common.kafka.KafkaClients;
import io.funit.common.kafka.TopicInitializer;
import io.funit.common.storage.ObjectStore;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The common start-up of every worker process: configuration, topics, bucket, runtime, clean shutdown. */
public final class WorkerMain {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerMain.class);

  private WorkerMain() {}

  /** Runs until SIGTERM/SIGINT, then hands running jobs back and exits. */
  public static void run(String name, Function<ObjectStore, List<JobHandler<?>>> handlers) {
    Settings settings = Settings.fromEnvironment();
    KafkaClients kafka = new KafkaClients(KafkaSettings.from(settings));
    ObjectStore store = new ObjectStore(S3Settings.from(settings));
    WorkerSettings workerSettings = WorkerSettings.from(settings);
    TopicInitializer.ensureTopics(kafka);
    store.ensureBucket();
    WorkerRuntime runtime = WorkerRuntime.start(kafka, workerSettings, handlers.apply(store));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("{} {} stopping: handing running jobs back", name, workerSettings.workerId());
      runtime.close();
      stopped.countDown();
    }, "shutdown"));
    LOG.info("{} {} ready (Kafka {}, bucket {})", name, workerSettings.workerId(),
        kafka.settings().bootstrapServers(), store.bucket());
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
