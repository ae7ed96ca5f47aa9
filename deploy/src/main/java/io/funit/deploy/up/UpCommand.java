package io.funit.deploy.up;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./funit up}: the whole system on loopback, with a real Kafka broker and a real S3 server. */
@Command(name = "up", mixinStandardHelpOptions = true,
    description = "Start Kafka, S3, the gateway and the workers on 127.0.0.1. Ctrl-C stops everything.")
public final class UpCommand implements Callable<Integer> {
  @Option(names = "--data", description = "Data directory (Kafka log, S3 objects, API key). Default: ${DEFAULT-VALUE}",
      defaultValue = "${sys:funit.home:-.}/funit-data")
  Path data;

  @Option(names = "--port", description = "Gateway port. Default: ${DEFAULT-VALUE}", defaultValue = "8080")
  int port;

  @Option(names = "--kafka-port", description = "Kafka broker port. Default: ${DEFAULT-VALUE}", defaultValue = "9092")
  int kafkaPort;

  @Option(names = "--kafka-controller-port", description = "Kafka controller port. Default: ${DEFAULT-VALUE}",
      defaultValue = "9093")
  int kafkaControllerPort;

  @Option(names = "--s3-port", description = "S3 port. Default: ${DEFAULT-VALUE}", defaultValue = "9000")
  int s3Port;

  @Option(names = "--workers", description = "Worker processes per type. Default: ${DEFAULT-VALUE}",
      defaultValue = "translate=1,train=1,eval=1")
  String workers;

  @Option(names = "--ready-timeout", description = "Seconds to wait for /readyz. Default: ${DEFAULT-VALUE}",
      defaultValue = "120")
  int readyTimeoutSeconds;

  @Override
  public Integer call() throws Exception {
    StackLayout layout = new StackLayout(data.toAbsolutePath().normalize(), port, kafkaPort, kafkaControllerPort,
        s3Port, WorkerCounts.parse(workers), readyTimeoutSeconds);
    try (EmbeddedStack stack = EmbeddedStack.start(layout, Installation.locate())) {
      stack.awaitShutdown();
    }
    return 0;
  }
}
