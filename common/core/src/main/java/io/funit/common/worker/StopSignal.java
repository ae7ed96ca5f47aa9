package io.funit.common.worker;

/** Set when the worker must give a running job back to Kafka (shutdown, or its partition moved away). */
final class StopSignal {
  private volatile boolean handBack;

  void handBack() {
    handBack = true;
  }

  boolean handedBack() {
    return handBack;
  }
}
