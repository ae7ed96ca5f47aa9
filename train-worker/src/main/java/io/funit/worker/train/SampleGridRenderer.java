package io.funit.worker.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.funit.common.dataset.sampler.HostBatch;
import io.funit.common.funit.train.NoGrad;
import io.funit.common.models.FewShotTranslator;
import io.funit.common.models.ModelTrainer;
import java.awt.image.BufferedImage;

/**
 * Draws the sample grid of spec §3.3 for one fixed batch: one column per pair, rows content xa, reconstruction xr
 * and translation xt by the current generator, class image xb, then xr and xt by the EMA generator. Pixels are
 * (x + 1)·127.5 truncated to 0..255, as the official code converts them.
 */
final class SampleGridRenderer {
  private SampleGridRenderer() {}

  static byte[] render(ModelTrainer trainer, HostBatch batch) {
    int b = batch.batchSize();
    int s = batch.size();
    // the generators' parameters require grad and a job thread records graphs unless told not to
    try (NoGrad noGrad = new NoGrad(); NDManager m = NDManager.newBaseManager()) {
      Shape shape = new Shape(b, 3, s, s);
      NDArray xa = m.create(batch.xa(), shape);
      NDArray xb = m.create(batch.xb(), shape);
      float[][] rows = new float[6][];
      rows[0] = batch.xa();
      rows[3] = batch.xb();
      float[][] current = translate(trainer.current(), m, xa, xb);
      float[][] ema = translate(trainer.ema(), m, xa, xb);
      rows[1] = current[0];
      rows[2] = current[1];
      rows[4] = ema[0];
      rows[5] = ema[1];
      return png(rows, b, s);
    }
  }

  /** Reconstruction (class = the content image itself) and translation (class = xb), K = 1. */
  private static float[][] translate(FewShotTranslator g, NDManager m, NDArray xa, NDArray xb) {
    ParameterStore store = new ParameterStore(m, false);
    NDArray content = g.contentCode(store, xa);
    NDArray recon = g.decode(store, content, g.classCode(store, xa));
    NDArray trans = g.decode(store, content, g.classCode(store, xb));
    return new float[][] {recon.toFloatArray(), trans.toFloatArray()};
  }

  private static byte[] png(float[][] rows, int columns, int s) {
    BufferedImage grid = new BufferedImage(columns * s, rows.length * s, BufferedImage.TYPE_INT_RGB);
    for (int r = 0; r < rows.length; r++) {
      for (int c = 0; c < columns; c++) {
        io.funit.common.imaging.ImagePlanes.draw(grid, rows[r], c, s, c * s, r * s);
      }
    }
    return io.funit.common.imaging.ImageBytes.png(grid);
  }


}
