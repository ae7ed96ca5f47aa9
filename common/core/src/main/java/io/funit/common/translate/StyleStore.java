package io.funit.common.translate;

import io.funit.common.dataset.imports.ImageValidator.ValidImage;
import io.funit.common.json.Json;
import io.funit.common.storage.ObjectInfo;
import io.funit.common.storage.ObjectStore;
import io.funit.common.storage.StorageKeys;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Styles in the object store: {@code styles/{id}/class-{j}.{ext}}, then {@code styles/{id}/style.json}; and the
 * class code of a style under one model at {@code styles/{id}/codes/{modelId}.f32} (little-endian float32), so a
 * code is computed once per model and shared by every worker.
 */
public final class StyleStore {
  public static final String MANIFEST = "style.json";
  private static final int MAX_MANIFEST_BYTES = 1 << 20;
  private static final int MAX_CODE_BYTES = 1 << 20;

  private final ObjectStore store;

  public StyleStore(ObjectStore store) {
    this.store = store;
  }

  /** Stores the images, then the manifest. A failure part-way leaves no manifest, so no usable style. */
  public StyleManifest create(String id, String name, List<ValidImage> classImages) {
    return create(id, name, classImages, null);
  }

  /** As {@link #create(String, String, List)}, owned by {@code tenant}. */
  public StyleManifest create(String id, String name, List<ValidImage> classImages, String tenant) {
    List<String> keys = new ArrayList<>();
    for (int j = 0; j < classImages.size(); j++) {
      ValidImage image = classImages.get(j);
      String key = StorageKeys.style(id, "class-" + j + "." + image.extension());
      store.putBytes(key, image.bytes(), image.extension().equals("png") ? "image/png" : "image/jpeg");
      keys.add(key);
    }
    StyleManifest manifest = new StyleManifest(id, name, keys, Instant.now().truncatedTo(ChronoUnit.MILLIS),
        tenant);
    store.putBytes(StorageKeys.style(id, MANIFEST), Json.writeBytes(manifest), "application/json");
    return manifest;
  }

  /** Every style, newest first (one manifest read each). */
  public List<StyleManifest> list() {
    List<StyleManifest> styles = new ArrayList<>();
    for (ObjectInfo object : store.list("styles/")) {
      if (object.key().endsWith("/" + MANIFEST)) {
        store.readJson(object.key(), StyleManifest.class, MAX_MANIFEST_BYTES).ifPresent(styles::add);
      }
    }
    styles.sort(Comparator.comparing(StyleManifest::createdAt).reversed());
    return styles;
  }

  public Optional<StyleManifest> find(String id) {
    String key;
    try {
      key = StorageKeys.style(id, MANIFEST);
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // not even a valid id
    }
    return store.readJson(key, StyleManifest.class, MAX_MANIFEST_BYTES);
  }

  /** The class code of the style under a model, when one was stored. */
  public Optional<float[]> code(String styleId, String modelId) {
    return store.readIfPresent(codeKey(styleId, modelId), MAX_CODE_BYTES).map(stored -> {
      ByteBuffer bytes = ByteBuffer.wrap(stored).order(ByteOrder.LITTLE_ENDIAN);
      float[] code = new float[bytes.remaining() / Float.BYTES];
      bytes.asFloatBuffer().get(code);
      return code;
    });
  }

  /** Stores a computed code; the same inputs give the same code, so a concurrent second write is harmless. */
  public void saveCode(String styleId, String modelId, float[] code) {
    ByteBuffer bytes = ByteBuffer.allocate(code.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(code);
    store.putBytes(codeKey(styleId, modelId), bytes.array(), "application/octet-stream");
  }

  public static String codeKey(String styleId, String modelId) {
    return StorageKeys.style(styleId, "codes/" + modelId + ".f32");
  }
}
