package io.funit.deploy.chaos;

import java.time.Duration;

/** The Kafka host killed (kill -9 of the broker) under load and started again on its log. */
final class RestartBroker implements Scenario {
  private static final Duration DOWN = Duration.ofSeconds(10);

  @Override
  public String name() {
    return "broker-restart";
  }

  @Override
  public String description() {
    return "kill -9 of the Kafka broker under load; restarted on the same log " + DOWN.toSeconds() + " s later";
  }

  @Override
  public void inject(ScenarioContext context) throws Exception {
    Thread.sleep(10_000);
    context.note("killed_at_s", context.elapsedSeconds());
    context.stack().kill(LabLayout.KAFKA);
    Thread.sleep(DOWN.toMillis());
    context.stack().start(LabLayout.KAFKA);
  }
}
