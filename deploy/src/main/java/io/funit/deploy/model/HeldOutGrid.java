package io.funit.deploy.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.funit.common.dataset.DatasetClass;
import io.funit.common.dataset.DatasetManifest;
import io.funit.common.dataset.sampler.KShotSampler;
import io.funit.common.funit.model.FewShotGenerator;
import io.funit.common.imaging.ImagePlanes;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A picture of few-shot translation on held-out fonts: one row per font with its K class glyphs, then the content
 * glyphs (from training fonts), the translations, and the font's true glyphs for the same characters. The rows show
 * a font of every style group first ({@link GridFonts}).
 */
public final class HeldOutGrid {
  private static final int GAP = 8;

  private HeldOutGrid() {}

  public static byte[] render(FewShotGenerator generator, DatasetManifest dataset, KShotSampler images, int size,
      int fonts, String characters, int k, long seed) throws IOException {
    List<DatasetClass> test = GridFonts.pick(dataset.split(DatasetManifest.SPLIT_TEST), fonts);
    List<DatasetClass> train = dataset.completeFonts(DatasetManifest.SPLIT_TRAIN); // content glyphs by character
    int rows = test.size();
    int n = characters.length();
    int stride = 3 * size * size;
    int width = (k + 3 * n) * size + 3 * GAP;
    BufferedImage grid = new BufferedImage(width, rows * (size + 2), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = grid.createGraphics();
    g.setColor(new Color(0xEEEEEE));
    g.fillRect(0, 0, grid.getWidth(), grid.getHeight());
    g.dispose();
    SplittableRandom random = new SplittableRandom(seed);
    try (NDManager manager = NDManager.newBaseManager()) {
      ParameterStore store = new ParameterStore(manager, false);
      for (int r = 0; r < rows; r++) {
        DatasetClass font = test.get(r);
        int[] chars = characters.chars().map(ch -> dataset.contents().indexOf(String.valueOf((char) ch))).toArray();
        int[] shots = images.pick(font, k, random.nextLong(), chars);
        float[] classImages = images.load(font, shots);
        float[] content = new float[n * stride];
        float[] truth = new float[n * stride];
        for (int i = 0; i < n; i++) {
          DatasetClass source = train.get(random.nextInt(train.size()));
          System.arraycopy(images.load(source, new int[] {chars[i]}), 0, content, i * stride, stride);
          System.arraycopy(images.load(font, new int[] {chars[i]}), 0, truth, i * stride, stride);
        }
        float[] translated;
        try (NDManager batch = manager.newSubManager()) {
          // the font's K images are encoded once; every character of the row takes the same K-shot code
          NDArray classCode = generator.kShotClassCode(store, batch.create(classImages, new Shape(1, k, 3, size,
              size)), false).repeat(0, n);
          translated = generator.decode(store, generator.contentCode(store, batch.create(content,
              new Shape(n, 3, size, size)), false), classCode, false).toFloatArray();
        }
        if ("gray".equals(dataset.color())) {
          ImagePlanes.toGray(translated, size * size);
        }
        int y = r * (size + 2);
        draw(grid, classImages, k, size, 0, y);
        draw(grid, content, n, size, k * size + GAP, y);
        draw(grid, translated, n, size, (k + n) * size + 2 * GAP, y);
        draw(grid, truth, n, size, (k + 2 * n) * size + 3 * GAP, y);
      }
    }
    return io.funit.common.imaging.ImageBytes.png(grid);
  }

  private static void draw(BufferedImage grid, float[] images, int count, int size, int x0, int y0) {
    for (int i = 0; i < count; i++) {
      io.funit.common.imaging.ImagePlanes.draw(grid, images, i, size, x0 + i * size, y0);
    }
  }

}
