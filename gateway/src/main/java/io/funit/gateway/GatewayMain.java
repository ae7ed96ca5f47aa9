package io.funit.gateway;

import io.funit.common.config.KafkaSettings;
import io.funit.common.config.S3Settings;
import io.funit.common.config.Settings;
import io.funit.common.kafka.KafkaClients;
import io.funit.common.kafka.TopicInitializer;
import io.funit.common.storage.ObjectStore;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar funit-gateway.jar}: the gateway process, configured by environment variables. */
public final class GatewayMain {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayMain.class);

  private GatewayMain() {}

  public static void main(String[] args) throws InterruptedException {
    io.funit.common.jvm.CommonPool.keepThreads();
    Settings settings = Settings.fromEnvironment();
    GatewaySettings gatewaySettings;
    try {
      io.funit.common.logging.LogFormat.check();
      gatewaySettings = GatewaySettings.from(settings);
      if (!gatewaySettings.hasKeys()) {
        throw new IllegalArgumentException("no API keys: set FUNIT_API_KEYS or FUNIT_API_KEYS_FILE");
      }
    } catch (IllegalArgumentException e) {
      System.err.println("funit-gateway: " + e.getMessage());
      System.exit(2);
      return;
    }
    KafkaClients kafka = new KafkaClients(KafkaSettings.from(settings));
    ObjectStore store = new ObjectStore(S3Settings.from(settings));
    TopicInitializer.ensureTopics(kafka);
    store.ensureBucket();
    Gateway gateway = Gateway.start(gatewaySettings, kafka, store);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      // SIGTERM: not ready at once; requests keep being served for the drain delay, while load balancers notice
      gateway.startDraining();
      LOG.info("gateway draining: not ready; closing in {} ms", gatewaySettings.drainDelay().toMillis());
      sleep(gatewaySettings.drainDelay());
      gateway.close();
      stopped.countDown();
    }, "shutdown"));
    LOG.info("gateway listening on http://{}:{} (job types {})", gatewaySettings.host(), gateway.port(),
        gatewaySettings.enabledTypes());
    stopped.await();
  }

  private static void sleep(java.time.Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
