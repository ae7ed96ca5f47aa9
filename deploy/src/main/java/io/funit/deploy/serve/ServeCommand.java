package io.funit.deploy.serve;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./funit serve}: one server in this process, until SIGTERM. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run one server (Kafka broker, S3 server, webhook receiver) in this process until SIGTERM.",
    subcommands = {KafkaServerCommand.class, S3ServerCommand.class, WebhookReceiverCommand.class,
        DelayProxyCommand.class})
public final class ServeCommand implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  /** Blocks until the JVM shuts down (SIGTERM, Ctrl-C), then closes {@code server}. */
  static void runUntilShutdown(AutoCloseable server, String what) throws InterruptedException {
    java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        server.close();
      } catch (Exception e) {
        System.err.println(what + " did not stop cleanly: " + e);
      }
      done.countDown();
    }, "serve-shutdown"));
    System.out.println(what + " ready");
    System.out.flush();
    done.await();
  }
}
