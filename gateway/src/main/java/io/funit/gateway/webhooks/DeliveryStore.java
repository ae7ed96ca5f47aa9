package io.funit.gateway.webhooks;

import io.funit.common.json.Json;
import io.funit.common.storage.ObjectInfo;
import io.funit.common.storage.ObjectStore;
import io.funit.common.storage.Sha256;
import io.funit.common.storage.StorageKeys;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Deliveries and disabled endpoints in the object store: {@code webhooks/{jobId}/{webhookId}.json} per delivery
 * (the delivery log, and what a restarted dispatcher resumes from) and {@code webhooks/disabled/{sha256(url)}.json}
 * per endpoint that answered 410. ("disabled" is no job id: ids are UUIDs or names the API checks.)
 */
public final class DeliveryStore {
  static final String AREA = "webhooks";
  private static final int MAX_BYTES = 4 << 20;
  private final ObjectStore store;

  public DeliveryStore(ObjectStore store) {
    this.store = store;
  }

  /** A disabled endpoint, kept until an operator deletes it or a manual redelivery to it succeeds. */
  public record DisabledEndpoint(String url, Instant disabledAt, String webhookId) {}

  void save(Delivery delivery) {
    store.putBytes(key(delivery.jobId(), delivery.webhookId()), Json.writeBytes(delivery), "application/json");
  }

  Optional<Delivery> find(String jobId, String webhookId) {
    return store.readJson(key(jobId, webhookId), Delivery.class, MAX_BYTES);
  }

  /** Every delivery of a job, in the order of its events. */
  List<Delivery> forJob(String jobId) {
    List<Delivery> deliveries = new ArrayList<>();
    for (ObjectInfo object : store.list(StorageKeys.prefix(AREA, jobId))) {
      store.readJson(object.key(), Delivery.class, MAX_BYTES).ifPresent(deliveries::add);
    }
    deliveries.sort(Delivery.ORDER);
    return deliveries;
  }

  boolean disabled(String url) {
    return store.stat(disabledKey(url)).isPresent();
  }

  void disable(String url, String webhookId, Instant now) {
    store.putBytes(disabledKey(url), Json.writeBytes(new DisabledEndpoint(url, now, webhookId)), "application/json");
  }

  void enable(String url) {
    store.delete(disabledKey(url));
  }

  private static String key(String jobId, String webhookId) {
    if (webhookId == null || !webhookId.matches("msg_[A-Za-z0-9._-]{1,200}")) {
      throw new IllegalArgumentException("not a webhook id: '" + webhookId + "'");
    }
    return StorageKeys.prefix(AREA, jobId) + webhookId + ".json";
  }

  private static String disabledKey(String url) {
    return AREA + "/disabled/" + Sha256.of(url.getBytes(StandardCharsets.UTF_8)) + ".json";
  }
}
