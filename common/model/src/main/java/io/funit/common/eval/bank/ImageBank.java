package io.funit.common.eval.bank;

import io.funit.common.dataset.DatasetClass;
import io.funit.common.dataset.DatasetManifest;
import io.funit.common.dataset.sampler.KShotSampler;
import java.util.List;

/**
 * Every image an evaluation looks at, decoded once at the model's size and kept as bytes (a fifth of the floats'
 * memory; one channel for gray datasets): the judges train on them, and the protocol draws contents, class images
 * and ground truth from them. Images are addressed by an id; class c's images are ids {@code first(c) ..
 * first(c) + count(c) − 1}, its first {@code maxPerClass} images in shard order.
 */
public final class ImageBank {
  private final int size;
  private final int channels;
  private final int[] first;
  private final int[] count;
  private final byte[] pixels;

  private ImageBank(int size, int channels, int[] first, int[] count, byte[] pixels) {
    this.size = size;
    this.channels = channels;
    this.first = first;
    this.count = count;
    this.pixels = pixels;
  }

  /** Loads every class of the manifest (at most {@code maxPerClass} images each) through the sampler. */
  public static ImageBank load(DatasetManifest dataset, KShotSampler images, int size, int maxPerClass,
      Progress progress) {
    List<DatasetClass> classes = dataset.classes();
    int[] first = new int[classes.size()];
    int[] count = new int[classes.size()];
    int total = 0;
    for (int c = 0; c < classes.size(); c++) {
      first[c] = total;
      count[c] = Math.min(maxPerClass, classes.get(c).images());
      total += count[c];
    }
    int channels = "gray".equals(dataset.color()) ? 1 : 3;
    int plane = size * size;
    byte[] pixels = new byte[Math.multiplyExact(total, channels * plane)];
    for (int c = 0; c < classes.size(); c++) {
      int[] indices = java.util.stream.IntStream.range(0, count[c]).toArray();
      float[] floats = images.load(classes.get(c), indices);
      for (int i = 0; i < count[c]; i++) {
        int to = (first[c] + i) * channels * plane;
        for (int j = 0; j < channels * plane; j++) {
          // [−1, 1] back to the 8-bit value it came from (Preprocessing maps v to v/127.5 − 1)
          pixels[to + j] = (byte) Math.round((floats[i * 3 * plane + j] + 1) * 127.5f);
        }
      }
      if (c % 16 == 15) {
        progress.step(c + 1, classes.size(), "loading images");
      }
    }
    return new ImageBank(size, channels, first, count, pixels);
  }

  public int size() {
    return size;
  }

  /** Values per model image: 3·S·S (models and judges always see three channels). */
  public int stride() {
    return 3 * size * size;
  }

  public int classes() {
    return first.length;
  }

  public int count(int classIndex) {
    return count[classIndex];
  }

  public int id(int classIndex, int image) {
    if (image < 0 || image >= count[classIndex]) {
      throw new IndexOutOfBoundsException("class " + classIndex + " has " + count[classIndex] + " images, not " + image);
    }
    return first[classIndex] + image;
  }

  /** The class an image id belongs to. */
  public int classOf(int id) {
    int index = java.util.Arrays.binarySearch(first, id);
    if (index >= 0) {
      while (index + 1 < first.length && first[index + 1] == id) {
        index++; // classes without images share a first id with the next class
      }
      return index;
    }
    return -index - 2;
  }

  /** The images (n, 3, S, S) in [−1, 1], flattened. */
  public float[] load(int[] ids) {
    float[] out = new float[ids.length * stride()];
    for (int i = 0; i < ids.length; i++) {
      copy(ids[i], out, i * stride());
    }
    return out;
  }

  /** Writes image {@code id} as (3, S, S) floats at {@code offset}. */
  public void copy(int id, float[] out, int offset) {
    int plane = size * size;
    int from = id * channels * plane;
    for (int c = 0; c < 3; c++) {
      int source = from + (channels == 1 ? 0 : c * plane);
      for (int j = 0; j < plane; j++) {
        out[offset + c * plane + j] = (pixels[source + j] & 0xff) / 127.5f - 1f;
      }
    }
  }
}
