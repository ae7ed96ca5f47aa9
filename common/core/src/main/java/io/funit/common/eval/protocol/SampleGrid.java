package io.funit.common.eval.protocol;

import io.funit.common.imaging.ImagePlanes;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * The picture of one K: one column per example (a held-out class, its first draw), one labelled row per image
 * kind: content, up to 5 of the K class images, FUNIT's translation and each baseline model's, the class mean and
 * styling-only baselines (copy_content is the content row), and the true glyph when there is one. Images below
 * 64 px are drawn twice their size so glyphs stay legible.
 */
final class SampleGrid {
  static final int MAX_SHOTS_SHOWN = 5;
  private static final int LABEL_WIDTH = 104;
  private static final int GAP = 4;

  private final int size;
  private final int k;
  private final int columns;
  private final int models;
  private final List<String> labels = new ArrayList<>();
  /** rows × columns images (3, S, S); null where a row has no image for a column. */
  private final List<float[][]> rows = new ArrayList<>();

  /** @param modelRows the labels of the models' rows (FUNIT's first), in the order {@link #set} gets them */
  SampleGrid(int size, int k, int columns, List<String> modelRows, boolean truth) {
    this.size = size;
    this.k = k;
    this.columns = columns;
    this.models = modelRows.size();
    labels.add("content");
    for (int j = 0; j < Math.min(k, MAX_SHOTS_SHOWN); j++) {
      labels.add("class " + (j + 1) + "/" + k);
    }
    labels.addAll(modelRows);
    labels.addAll(List.of("class mean", "styling only"));
    if (truth) {
      labels.add("true glyph");
    }
    for (int i = 0; i < labels.size(); i++) {
      rows.add(new float[columns][]);
    }
  }

  /**
   * Column {@code column}: content, class images (K of them), the models' translations (one per model row), class
   * mean, styling only, truth (or null).
   */
  void set(int column, float[] content, float[] shots, List<float[]> modelOutputs, float[] classMean,
      float[] styling, float[] truth) {
    if (modelOutputs.size() != models) {
      throw new IllegalArgumentException(models + " model rows, " + modelOutputs.size() + " translations");
    }
    int stride = 3 * size * size;
    int row = 0;
    rows.get(row++)[column] = content;
    for (int j = 0; j < Math.min(k, MAX_SHOTS_SHOWN); j++) {
      rows.get(row++)[column] = java.util.Arrays.copyOfRange(shots, j * stride, (j + 1) * stride);
    }
    for (float[] output : modelOutputs) {
      rows.get(row++)[column] = output;
    }
    rows.get(row++)[column] = classMean;
    rows.get(row++)[column] = styling;
    if (truth != null) {
      rows.get(row)[column] = truth;
    }
  }

  byte[] png() {
    int scale = size < 64 ? 2 : 1;
    int cell = size * scale + GAP;
    BufferedImage grid = new BufferedImage(LABEL_WIDTH + columns * cell, rows.size() * cell + GAP,
        BufferedImage.TYPE_INT_RGB);
    Graphics2D g = grid.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, grid.getWidth(), grid.getHeight());
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      BufferedImage tile = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
      for (int r = 0; r < rows.size(); r++) {
        int y = GAP + r * cell;
        g.setColor(Color.DARK_GRAY);
        g.drawString(labels.get(r), 4, y + cell / 2 + 4);
        for (int c = 0; c < columns; c++) {
          float[] image = rows.get(r)[c];
          if (image != null) {
            ImagePlanes.draw(tile, image, 0, size, 0, 0);
            g.drawImage(tile, LABEL_WIDTH + c * cell, y, size * scale, size * scale, null);
          }
        }
      }
    } finally {
      g.dispose();
    }
    return io.funit.common.imaging.ImageBytes.png(grid);
  }
}
