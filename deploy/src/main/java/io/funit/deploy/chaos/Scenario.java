package io.funit.deploy.chaos;

import java.util.Map;

/** One fault, injected while the mixed load runs. */
interface Scenario {
  /** The name {@code ./funit chaos --scenario} takes. */
  String name();

  /** What happens, in one line (printed by {@code --list} and kept in the report). */
  String description();

  /**
   * Injects the fault, waiting first for whatever makes it bite (a job running on the host to be killed), and
   * returns once the fault has ended: the host is back, the link healed.
   */
  void inject(ScenarioContext context) throws Exception;

  /** Settings for every service in this scenario, on top of the lab's. */
  default Map<String, String> serviceEnv() {
    return Map.of();
  }

  /** Settings for the services of one host (a skewed clock, say), on top of everything else. */
  default Map<String, String> hostEnv(String host) {
    return Map.of();
  }

  /** What the hosts need before anything starts (a small disk for one of them). */
  default void prepare(ChaosStack stack) throws Exception {}

  /** Undoes {@link #prepare} after every service stopped. */
  default void cleanUp(ChaosStack stack) {}
}
