package io.funit.common.eval.protocol;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.funit.common.eval.bank.ImageBank;
import io.funit.common.funit.model.KShotCode;
import io.funit.common.funit.train.NoGrad;
import io.funit.common.imaging.ImagePlanes;
import io.funit.common.models.FewShotTranslator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A model's K-shot translations of one held-out class, batched. The K-shot class code is the mean of the K images'
 * codes before the MLP (spec §5), so each class image is encoded once and the codes of any K-subset are averaged
 * here: exactly the generator's {@code kShotClassCode}, without encoding a glyph again for every content image and
 * K. Content codes are likewise computed once and decoded at every K.
 */
final class Translator implements AutoCloseable {
  private static final int BATCH = 64;

  private final FewShotTranslator generator;
  private final ImageBank bank;
  private final boolean gray;
  private final NDManager scope;
  private final ParameterStore store;
  private final NDArray contentCodes;
  /** Class code (latent) of every class image the draws use, by bank id. */
  private final Map<Integer, float[]> classCodes = new TreeMap<>();
  private final int latent;
  private final NoGrad noGrad = new NoGrad();

  /**
   * Encodes the class's content images and every class image its draws use at the K it will translate at.
   *
   * @param onlyKIndex the one K position it translates at (a baseline model of one K); -1: every K
   */
  Translator(FewShotTranslator generator, ImageBank bank, boolean gray, Draws.ClassDraws draws, int onlyKIndex) {
    this.generator = generator;
    this.bank = bank;
    this.gray = gray;
    this.scope = NDManager.newBaseManager();
    this.latent = generator.classCodeSize();
    this.store = new ParameterStore(scope, false);
    try {
      this.contentCodes = encode(draws, onlyKIndex);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Content codes of the draws (kept in scope for every K); fills the class codes. */
  private NDArray encode(Draws.ClassDraws draws, int onlyKIndex) {
    int[] contents = draws.draws().stream().mapToInt(Draws.Draw::contentId).toArray();
    NDList codes = new NDList();
    for (int from = 0; from < contents.length; from += BATCH) {
      int[] ids = java.util.Arrays.copyOfRange(contents, from, Math.min(contents.length, from + BATCH));
      codes.add(generator.contentCode(store, images(ids))); // kept in scope until the class is done
    }
    NDArray contentCodes = codes.size() == 1 ? codes.get(0) : NDArrays.concat(codes);
    int[] shots = draws.draws().stream().flatMapToInt(d -> (onlyKIndex < 0 ? java.util.Arrays.stream(d.shots())
        : java.util.stream.Stream.of(d.shots()[onlyKIndex])).flatMapToInt(java.util.Arrays::stream))
        .distinct().sorted().toArray();
    for (int from = 0; from < shots.length; from += BATCH) {
      int[] ids = java.util.Arrays.copyOfRange(shots, from, Math.min(shots.length, from + BATCH));
      try (NDManager batch = scope.newSubManager()) {
        NDArray x = images(ids);
        x.attach(batch);
        float[] code = generator.classCode(store, x).toFloatArray();
        for (int i = 0; i < ids.length; i++) {
          classCodes.put(ids[i], java.util.Arrays.copyOfRange(code, i * latent, (i + 1) * latent));
        }
      }
    }
    return contentCodes;
  }

  private NDArray images(int[] ids) {
    return scope.create(bank.load(ids), new Shape(ids.length, 3, bank.size(), bank.size()));
  }

  /** Translations (n, 3, S, S) of every draw with its shots at K position {@code kIndex}; gray for gray data. */
  float[] translate(List<Draws.Draw> draws, int kIndex) {
    int n = draws.size();
    float[] out = new float[n * bank.stride()];
    for (int from = 0; from < n; from += BATCH) {
      int b = Math.min(BATCH, n - from);
      try (NDManager batch = scope.newSubManager()) {
        float[] codes = new float[b * latent];
        for (int i = 0; i < b; i++) {
          int[] shots = draws.get(from + i).shots()[kIndex];
          float[] code = KShotCode.mean(java.util.Arrays.stream(shots).mapToObj(classCodes::get).toList());
          System.arraycopy(code, 0, codes, i * latent, latent);
        }
        NDArray classCode = batch.create(codes, new Shape(b, latent));
        NDArray content = contentCodes.get(from + ":" + (from + b));
        content.attach(batch);
        float[] translated = generator.decode(store, content, classCode).toFloatArray();
        System.arraycopy(translated, 0, out, from * bank.stride(), translated.length);
      }
    }
    if (gray) {
      ImagePlanes.toGray(out, bank.size() * bank.size());
    }
    return out;
  }

  @Override
  public void close() {
    scope.close();
    noGrad.close();
  }
}
