package io.funit.deploy.chaos;

import java.time.Duration;

/** The webhook receiver's host down for two minutes while jobs keep finishing. */
final class WebhookReceiverDown implements Scenario {
  private static final Duration DOWN = Duration.ofMinutes(2);

  @Override
  public String name() {
    return "webhook-receiver-down";
  }

  @Override
  public String description() {
    return "the webhook receiver killed for " + DOWN.toSeconds() + " s while jobs finish, then started again";
  }

  @Override
  public void inject(ScenarioContext context) throws Exception {
    Thread.sleep(5_000);
    context.note("killed_at_s", context.elapsedSeconds());
    context.stack().kill(LabLayout.WEBHOOKS);
    Thread.sleep(DOWN.toMillis());
    context.stack().start(LabLayout.WEBHOOKS);
  }
}
