package io.funit.worker.translate.job;

import io.funit.common.dataset.imports.ImageValidator;
import io.funit.common.dataset.sampler.Preprocessing;
import io.funit.common.storage.ConcurrentIo;
import io.funit.common.storage.ObjectStore;
import io.funit.common.storage.ObjectTooLargeException;
import io.funit.common.translate.TranslationLimits;
import io.funit.common.worker.InvalidJobException;
import io.funit.common.worker.JobContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Reads a job's images (carried in its work record, or stored) and turns them into model input: each image checked as the gateway checks it (a
 * request may also come straight from {@code POST /v1/jobs/translate} or name keys whose objects changed), then
 * resized to the model's S×S as in spec §5 (glyphs and evaluation: no crop, no flip).
 */
final class InputImages {
  private final ObjectStore store;
  private final TranslationLimits limits;
  private final ImageValidator validator;

  InputImages(ObjectStore store, TranslationLimits limits) {
    this.store = store;
    this.limits = limits;
    this.validator = new ImageValidator(limits.imageLimits());
  }

  /**
   * The images at {@code keys} as {@code keys.size() · 3·S·S} floats, each from the job's work record when it carries
   * it, else from the store; a bad image fails the job naming it.
   */
  float[] read(String field, List<String> keys, int size, JobContext job) {
    Preprocessing preprocessing = new Preprocessing(size, size);
    int plane = 3 * size * size;
    float[] out = new float[keys.size() * plane];
    int maxBytes = (int) Math.min(Integer.MAX_VALUE - 8, limits.maxImageBytes());
    byte[][] all = new byte[keys.size()][];
    List<Integer> stored = new ArrayList<>();
    List<Callable<byte[]>> reads = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      String key = keys.get(i);
      all[i] = job.attachment(key).orElse(null);
      if (all[i] != null) {
        continue;
      }
      String name = field + "[" + i + "] (" + key + ")";
      stored.add(i);
      reads.add(() -> {
        try {
          return store.readIfPresent(key, maxBytes)
              .orElseThrow(() -> new InvalidJobException(name + ": no such object"));
        } catch (ObjectTooLargeException e) {
          throw new InvalidJobException(name + ": larger than " + maxBytes + " bytes"); // other storage errors retry
        }
      });
    }
    List<byte[]> read = ConcurrentIo.all(reads); // the round trips at once; decoding stays on this thread
    for (int j = 0; j < stored.size(); j++) {
      all[stored.get(j)] = read.get(j);
    }
    for (int i = 0; i < keys.size(); i++) {
      String name = field + "[" + i + "] (" + keys.get(i) + ")";
      byte[] bytes = all[i];
      try {
        preprocessing.plain(validator.decode(bytes), out, i * plane);
      } catch (ImageValidator.RejectedFile e) {
        throw new InvalidJobException(name + ": " + e.getMessage());
      }
    }
    return out;
  }
}
