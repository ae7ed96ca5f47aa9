package io.funit.common.dataset.sampler;

import io.funit.common.dataset.ClassShards;
import io.funit.common.dataset.DatasetClass;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The encoded images of recently used classes, bounded by bytes (least recently used classes are dropped).
 * Images are decoded per sample: decoding a glyph or a photo costs far less than a training step, and encoded
 * bytes are 5–20× smaller than pixels.
 */
public final class ClassImageCache {
  private final ShardSource shards;
  private final long maxBytes;
  private final LinkedHashMap<Integer, List<byte[]>> classes = new LinkedHashMap<>(16, 0.75f, true);
  private long bytes;

  public ClassImageCache(ShardSource shards, long maxBytes) {
    this.shards = shards;
    this.maxBytes = maxBytes;
  }

  /** Image {@code image} of class {@code c}, encoded. */
  public synchronized byte[] image(DatasetClass c, int image) {
    List<byte[]> images = classes.get(c.index());
    if (images == null) {
      images = load(c);
      classes.put(c.index(), images);
      bytes += size(images);
      evict();
    }
    return images.get(image);
  }

  private List<byte[]> load(DatasetClass c) {
    try {
      List<byte[]> images = ClassShards.read(shards.shard(c)).stream().map(ClassShards.NamedImage::bytes).toList();
      if (images.size() != c.images()) {
        throw new IOException("shard " + c.shard() + " holds " + images.size() + " images, the manifest says "
            + c.images());
      }
      return images;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read class " + c.name() + " (" + c.shard() + ")", e);
    }
  }

  private void evict() {
    var it = classes.entrySet().iterator();
    while (bytes > maxBytes && classes.size() > 1 && it.hasNext()) {
      Map.Entry<Integer, List<byte[]>> eldest = it.next();
      bytes -= size(eldest.getValue());
      it.remove();
    }
  }

  private static long size(List<byte[]> images) {
    return images.stream().mapToLong(b -> b.length).sum();
  }
}
