package io.funit.deploy.chaos;

import java.time.Duration;

/**
 * Packet loss on one worker host's link for a minute. This kernel has no netem qdisc (CONFIG_NET_SCH_NETEM is not
 * set), so loss comes from nftables in the host, which every kernel here has; {@link SlowLink} adds latency.
 */
final class LossyLink implements Scenario {
  private static final Duration DEGRADED = Duration.ofSeconds(60);
  private static final int LOSS_PERCENT = 10;

  @Override
  public String name() {
    return "lossy-link";
  }

  @Override
  public String description() {
    return LOSS_PERCENT + " % packet loss both ways on host translate-1's link for " + DEGRADED.toSeconds() + " s";
  }

  @Override
  public void inject(ScenarioContext context) throws Exception {
    Thread.sleep(5_000);
    NetworkLab.Host host = context.lab().host("translate-1");
    context.lab().dropPackets(host, LOSS_PERCENT);
    Thread.sleep(DEGRADED.toMillis());
    context.lab().restore(host);
  }
}
