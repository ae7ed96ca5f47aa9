package io.funit.worker.translate.batching;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.funit.common.funit.train.NoGrad;
import io.funit.common.models.FewShotTranslator;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs several jobs' translations as one forward pass of a model (FUNIT's: the EMA generator): every class image of
 * every job through the class encoder at once, each job's K codes averaged before the decoder (spec G3), then every
 * content image through the content encoder and decoder at once, each with its own job's class code. Per job the
 * result equals a separate forward pass (up to float rounding), which BatchedTranslationTest checks.
 */
public final class BatchedTranslation {
  private BatchedTranslation() {}

  /** The jobs' outputs, in order; {@code staging} is the calling thread's. */
  static List<TranslationOutput> run(InputStaging staging, FewShotTranslator generator, int size,
      List<TranslationWork> works) {
    int plane = 3 * size * size;
    int latent = generator.classCodeSize();
    try (NoGrad noGrad = new NoGrad(); NDManager manager = NDManager.newBaseManager()) {
      ParameterStore parameters = new ParameterStore(manager, false);
      float[][] codes = classCodes(staging, generator, parameters, manager, size, plane, latent, works);
      int total = works.stream().mapToInt(TranslationWork::contentCount).sum();
      float[] contents = new float[total * plane];
      float[] rowCodes = new float[total * latent];
      int row = 0;
      for (int w = 0; w < works.size(); w++) {
        TranslationWork work = works.get(w);
        System.arraycopy(work.contents(), 0, contents, row * plane, work.contentCount() * plane);
        for (int i = 0; i < work.contentCount(); i++, row++) {
          System.arraycopy(codes[w], 0, rowCodes, row * latent, latent);
        }
      }
      NDArray contentCode = generator.contentCode(parameters,
          staging.tensor(manager, contents, new Shape(total, 3, size, size)));
      float[] images = generator.decode(parameters, contentCode,
          staging.tensor(manager, rowCodes, new Shape(total, latent))).toFloatArray();
      List<TranslationOutput> outputs = new ArrayList<>(works.size());
      int offset = 0;
      for (int w = 0; w < works.size(); w++) {
        int n = works.get(w).contentCount() * plane;
        float[] mine = new float[n];
        System.arraycopy(images, offset, mine, 0, n);
        offset += n;
        outputs.add(new TranslationOutput(mine, codes[w]));
      }
      return outputs;
    }
  }

  /** Each job's K-shot code: given, or the mean of its class images' codes from one class-encoder pass. */
  private static float[][] classCodes(InputStaging staging, FewShotTranslator generator, ParameterStore parameters,
      NDManager manager, int size, int plane, int latent, List<TranslationWork> works) {
    float[][] codes = new float[works.size()][];
    int totalK = works.stream().filter(w -> w.classCode() == null).mapToInt(TranslationWork::k).sum();
    float[] perImage = null;
    if (totalK > 0) {
      float[] images = new float[totalK * plane];
      int at = 0;
      for (TranslationWork work : works) {
        if (work.classCode() == null) {
          System.arraycopy(work.classImages(), 0, images, at * plane, work.k() * plane);
          at += work.k();
        }
      }
      perImage = generator.classCode(parameters, staging.tensor(manager, images, new Shape(totalK, 3, size, size)))
          .toFloatArray();
    }
    int at = 0;
    for (int w = 0; w < works.size(); w++) {
      TranslationWork work = works.get(w);
      if (work.classCode() != null) {
        codes[w] = work.classCode();
        continue;
      }
      java.util.List<float[]> shots = new java.util.ArrayList<>();
      for (int j = 0; j < work.k(); j++, at++) {
        shots.add(java.util.Arrays.copyOfRange(perImage, at * latent, (at + 1) * latent));
      }
      codes[w] = io.funit.common.funit.model.KShotCode.mean(shots);
    }
    return codes;
  }
}
