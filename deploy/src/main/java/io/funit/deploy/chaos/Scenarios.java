package io.funit.deploy.chaos;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every scenario by name, and the subset CI runs. */
final class Scenarios {
  /** The CI subset: a worker and the broker lost, within the 8 minutes CI gives the suite. */
  static final List<String> CI = List.of("kill-translate-worker", "broker-restart");

  private Scenarios() {}

  static Map<String, Scenario> all() {
    Map<String, Scenario> all = new LinkedHashMap<>();
    for (Scenario scenario : List.of(new KillWorkerHost("translate"), new KillWorkerHost("train"),
        new KillWorkerHost("eval"), new PartitionWorkerHost("train"), new RestartBroker(), new StorageOutage(),
        new WebhookReceiverDown(), new LossyLink(), new SlowLink(), new KillGatewayMidUpload(), new StorageDiskFull(),
        new ClockSkew())) {
      all.put(scenario.name(), scenario);
    }
    return all;
  }

  static Scenario named(String name) {
    Scenario scenario = all().get(name);
    if (scenario == null) {
      throw new IllegalArgumentException("unknown scenario '" + name + "'; known: " + all().keySet());
    }
    return scenario;
  }
}
