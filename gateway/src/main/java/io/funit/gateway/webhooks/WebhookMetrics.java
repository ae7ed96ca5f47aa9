package io.funit.gateway.webhooks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Webhook figures of this gateway: messages that ended (delivered, failed, skipped), retries scheduled, and the
 * deliveries its dispatcher holds pending right now.
 */
final class WebhookMetrics {
  private final Map<Delivery.State, Counter> ended = new EnumMap<>(Delivery.State.class);
  private final Counter retries;
  private final AtomicInteger pending = new AtomicInteger();

  WebhookMetrics(MeterRegistry registry) {
    for (Delivery.State state : Delivery.State.values()) {
      if (state != Delivery.State.PENDING) {
        ended.put(state, Counter.builder("funit.webhook.deliveries")
            .description("Webhook messages that reached a final state, by outcome")
            .tag("outcome", state.wireName()).register(registry));
      }
    }
    retries = Counter.builder("funit.webhook.retries")
        .description("Webhook attempts that failed and were scheduled again").register(registry);
    Gauge.builder("funit.webhook.pending", pending, AtomicInteger::get).strongReference(true)
        .description("Webhook messages this gateway's dispatcher holds, not yet delivered or given up")
        .register(registry);
  }

  /** After a scheduled attempt: a final state counts once; a pending one is a retry. */
  void attempted(Delivery next) {
    if (next.state() == Delivery.State.PENDING) {
      retries.increment();
    } else {
      ended.get(next.state()).increment();
    }
  }

  void pending(int count) {
    pending.set(count);
  }
}
