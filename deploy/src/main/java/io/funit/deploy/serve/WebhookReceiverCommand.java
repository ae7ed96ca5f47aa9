package io.funit.deploy.serve;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./funit serve webhook-receiver}: a verifying webhook endpoint that logs what it takes. */
@Command(name = "webhook-receiver", mixinStandardHelpOptions = true,
    description = "A webhook endpoint at http://HOST:PORT/hook that verifies signatures (Standard Webhooks) and "
        + "appends every delivery to --log as a JSON line before it answers.")
public final class WebhookReceiverCommand implements Callable<Integer> {
  @Option(names = "--host", description = "Address to listen on. Default: ${DEFAULT-VALUE}", defaultValue = "127.0.0.1")
  String host;

  @Option(names = "--port", description = "Port. Default: ${DEFAULT-VALUE}", defaultValue = "8088")
  int port;

  @Option(names = "--log", required = true, description = "File the deliveries are appended to.")
  Path log;

  @Override
  public Integer call() throws Exception {
    // the secret comes from the environment, as the gateway's does, never from a command line others can read
    String secret = System.getenv("FUNIT_WEBHOOK_SECRETS");
    if (secret == null || secret.isBlank()) {
      System.err.println("FUNIT_WEBHOOK_SECRETS must hold the signing secret (whsec_...) the gateway signs with");
      return 2;
    }
    WebhookReceiver receiver = WebhookReceiver.start(host, port, secret.split(",")[0].trim(), log);
    ServeCommand.runUntilShutdown(receiver, "webhook receiver on http://" + host + ":" + receiver.port() + "/hook");
    return 0;
  }
}
