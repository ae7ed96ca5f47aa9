package io.funit.deploy.chaos;

import java.time.Duration;

/** The S3 host unreachable (its link down: requests to it hang, as with a lost route) for a minute, under load. */
final class StorageOutage implements Scenario {
  private static final Duration OUTAGE = Duration.ofSeconds(60);

  @Override
  public String name() {
    return "s3-unreachable";
  }

  @Override
  public String description() {
    return "the S3 host cut off for " + OUTAGE.toSeconds() + " s under load, then healed";
  }

  @Override
  public void inject(ScenarioContext context) throws Exception {
    Thread.sleep(10_000);
    NetworkLab.Host s3 = context.lab().host(LabLayout.S3);
    context.note("cut_at_s", context.elapsedSeconds());
    context.lab().partition(s3);
    Thread.sleep(OUTAGE.toMillis());
    context.lab().heal(s3);
  }
}
