package io.funit.deploy.serve;

import io.funit.common.embedded.EmbeddedKafka;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./funit serve kafka}: a single-node KRaft broker on one address, its log in a directory. */
@Command(name = "kafka", mixinStandardHelpOptions = true,
    description = "A single-node Kafka broker (KRaft) listening on --host; restarting on the same --dir keeps every "
        + "record.")
public final class KafkaServerCommand implements Callable<Integer> {
  @Option(names = "--host", description = "Address to listen on and advertise. Default: ${DEFAULT-VALUE}",
      defaultValue = "127.0.0.1")
  String host;

  @Option(names = "--port", description = "Broker port. Default: ${DEFAULT-VALUE}", defaultValue = "9092")
  int port;

  @Option(names = "--controller-port", description = "Controller port. Default: ${DEFAULT-VALUE}",
      defaultValue = "9093")
  int controllerPort;

  @Option(names = "--dir", required = true, description = "Directory of the broker's log and configuration.")
  Path dir;

  @Override
  public Integer call() throws Exception {
    EmbeddedKafka kafka = EmbeddedKafka.start(dir.toAbsolutePath(), host, port, controllerPort);
    ServeCommand.runUntilShutdown(kafka, "Kafka on " + kafka.bootstrapServers());
    return 0;
  }
}
