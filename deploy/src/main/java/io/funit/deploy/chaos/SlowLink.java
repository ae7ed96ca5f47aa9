package io.funit.deploy.chaos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Added latency on one worker host's connections to Kafka and S3 for a minute. This kernel has no netem qdisc, so
 * the host's connections to the broker and the store are redirected (nftables, from before its worker starts)
 * through a relay on its loopback ({@code ./funit serve delay-proxy}) that holds every chunk for the delay, each
 * way; the delay is 0 before and after the fault, so the fault begins and ends on the open connections.
 */
final class SlowLink implements Scenario {
  private static final String HOST = "translate-1";
  private static final Duration DEGRADED = Duration.ofSeconds(60);
  private static final int DELAY_MILLIS = 100;
  /** The relay's own address on the host's link: its connections are not redirected back to it. */
  private static final String RELAY_ADDRESS = "10.77.0.250";
  private static final int KAFKA_RELAY_PORT = 19092;
  private static final int S3_RELAY_PORT = 19000;
  private Process relay;

  @Override
  public String name() {
    return "slow-link";
  }

  @Override
  public String description() {
    return DELAY_MILLIS + " ms added each way on host " + HOST + "'s connections to Kafka and S3 for "
        + DEGRADED.toSeconds() + " s (a delaying relay; no netem here)";
  }

  @Override
  public void prepare(ChaosStack stack) throws Exception {
    NetworkLab lab = stack.lab();
    String kafka = lab.host(LabLayout.KAFKA).address() + ":" + ChaosStack.KAFKA_PORT;
    String s3 = lab.host(LabLayout.S3).address() + ":" + ChaosStack.S3_PORT;
    Files.createDirectories(stack.hostDir(HOST));
    setDelay(stack, 0);
    try {
      relay = stack.startTool(HOST, "delay-proxy", List.of("serve", "delay-proxy", "--source", RELAY_ADDRESS,
          "--delay-file", delayFile(stack).toString(), "--route", KAFKA_RELAY_PORT + "=" + kafka,
          "--route", S3_RELAY_PORT + "=" + s3));
      lab.redirect(lab.host(HOST), RELAY_ADDRESS, Map.of(kafka, KAFKA_RELAY_PORT, s3, S3_RELAY_PORT));
      Path log = stack.logOf(HOST + "-delay-proxy");
      if (!ScenarioContext.await(() -> Files.exists(log) && read(log).contains("ready"), Duration.ofSeconds(30))) {
        throw new IllegalStateException("the delay proxy did not start; see " + log);
      }
    } catch (Exception e) {
      cleanUp(stack); // prepare runs before the stack's own clean-up is armed
      throw e;
    }
  }

  @Override
  public void inject(ScenarioContext context) throws Exception {
    Thread.sleep(5_000);
    setDelay(context.stack(), DELAY_MILLIS);
    Thread.sleep(DEGRADED.toMillis());
    setDelay(context.stack(), 0);
    Thread.sleep(1_500); // the relay reads its delay once a second
  }

  @Override
  public void cleanUp(ChaosStack stack) {
    stack.lab().removeRedirect(stack.lab().host(HOST), RELAY_ADDRESS);
    if (relay != null) {
      relay.destroyForcibly();
    }
  }

  private static void setDelay(ChaosStack stack, int millis) throws java.io.IOException {
    Path file = delayFile(stack);
    Path next = file.resolveSibling("delay-ms.next");
    Files.writeString(next, Integer.toString(millis));
    Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      return "";
    }
  }

  private static Path delayFile(ChaosStack stack) {
    return stack.hostDir(HOST).resolve("delay-ms");
  }
}
