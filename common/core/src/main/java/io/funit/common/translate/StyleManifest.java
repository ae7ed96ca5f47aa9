package io.funit.common.translate;

import java.time.Instant;
import java.util.List;

/**
 * A stored style: K class images kept under {@code styles/{id}/}, written as {@code style.json} after its images,
 * so a manifest means the style is complete. Class codes are computed per model on first use and stored beside it.
 *
 * @param id the style id
 * @param name an optional label given by the client
 * @param classKeys the object keys of the K class images
 * @param createdAt when it was stored
 * @param tenant the tenant that stored it; null on styles from before tenants, which belong to
 *     {@link io.funit.common.contract.JobEvent#DEFAULT_TENANT}
 */
public record StyleManifest(String id, String name, List<String> classKeys, Instant createdAt, String tenant) {
  public StyleManifest {
    classKeys = List.copyOf(classKeys);
  }

  /** A style without a tenant (the layout before tenants). */
  public StyleManifest(String id, String name, List<String> classKeys, Instant createdAt) {
    this(id, name, classKeys, createdAt, null);
  }

  /** The tenant owning the style. */
  public String owner() {
    return tenant == null ? io.funit.common.contract.JobEvent.DEFAULT_TENANT : tenant;
  }

  public int k() {
    return classKeys.size();
  }
}
