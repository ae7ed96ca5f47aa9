package io.funit.common.dataset.fonts;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders glyph outlines into square grayscale images, black on white, antialiased, headless.
 *
 * <p>Dataset images use <b>one scale and one baseline per font</b>: the scale fits the union of the font's glyph
 * boxes over the charset (the tallest extent from the highest ascender to the lowest descender, and the widest
 * glyph) into 85% of the image, and every glyph sits on the same baseline, centred horizontally. So an "x" is
 * smaller than an "X" and "g" hangs below "a", exactly as in the font: x-height, cap height and proportions are
 * part of the style that FUNIT must learn, and fitting each glyph to the box separately would erase them.
 *
 * <p>The curation filters instead fit each glyph to the box ({@link #renderFitted}), which makes shapes comparable
 * across fonts and case (caps-only and legibility checks).
 */
public final class GlyphRenderer {
  /** Outlines are taken at this size: large enough that hinting and rounding do not distort them. */
  static final float OUTLINE_POINTS = 200f;
  /** The share of the image side the font's glyph box (or a fitted glyph) fills. */
  static final double FILL = 0.85;
  private static final FontRenderContext FRC = new FontRenderContext(null, true, true);

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true"); // workers and CI have no display
    }
  }

  private GlyphRenderer() {}

  /**
   * One font's outlines for a charset, in content order.
   *
   * @param shapes the outline of each content at {@link #OUTLINE_POINTS}, null where the glyph is missing or empty
   * @param missing the contents the font cannot draw
   */
  public record GlyphOutlines(List<String> contents, List<Shape> shapes, List<String> missing) {
    public boolean complete() {
      return missing.isEmpty();
    }
  }

  /**
   * Outlines of every content. A glyph counts as missing when the font maps it to its missing-glyph code, or its
   * outline is empty (some fonts ship blank glyphs for characters they do not design).
   */
  public static GlyphOutlines outlines(Font face, List<String> contents) {
    Font font = face.deriveFont(OUTLINE_POINTS);
    List<Shape> shapes = new ArrayList<>(contents.size());
    List<String> missing = new ArrayList<>();
    for (String content : contents) {
      Shape shape = null;
      if (font.canDisplayUpTo(content) == -1) {
        GlyphVector gv = font.createGlyphVector(FRC, content);
        Shape outline = gv.getOutline();
        Rectangle2D box = outline.getBounds2D();
        if (gv.getGlyphCode(0) != font.getMissingGlyphCode() && box.getWidth() > 0 && box.getHeight() > 0) {
          shape = outline;
        }
      }
      shapes.add(shape);
      if (shape == null) {
        missing.add(content);
      }
    }
    return new GlyphOutlines(List.copyOf(contents), java.util.Collections.unmodifiableList(shapes),
        List.copyOf(missing));
  }

  /** Every present glyph at {@code size}² with the font's one scale and baseline (see the class comment). */
  public static List<BufferedImage> renderFont(GlyphOutlines outlines, int size) {
    Rectangle2D union = null;
    double widest = 0;
    for (Shape shape : outlines.shapes()) {
      if (shape != null) {
        Rectangle2D box = shape.getBounds2D();
        union = union == null ? box : union.createUnion(box);
        widest = Math.max(widest, box.getWidth());
      }
    }
    List<BufferedImage> images = new ArrayList<>();
    if (union == null) {
      return images;
    }
    double scale = FILL * size / Math.max(union.getHeight(), widest);
    // outline y grows downwards from the baseline (y = 0): centre the union's vertical extent in the image
    double baselineY = (size - union.getHeight() * scale) / 2 - union.getMinY() * scale;
    for (Shape shape : outlines.shapes()) {
      if (shape != null) {
        Rectangle2D box = shape.getBounds2D();
        double x = (size - box.getWidth() * scale) / 2 - box.getMinX() * scale;
        images.add(draw(shape, size, scale, x, baselineY));
      }
    }
    return images;
  }

  /** One glyph scaled on its own to fill {@link #FILL} of the box, centred (for shape comparisons). */
  public static BufferedImage renderFitted(Shape shape, int size) {
    Rectangle2D box = shape.getBounds2D();
    double scale = FILL * size / Math.max(box.getWidth(), box.getHeight());
    double x = (size - box.getWidth() * scale) / 2 - box.getMinX() * scale;
    double y = (size - box.getHeight() * scale) / 2 - box.getMinY() * scale;
    return draw(shape, size, scale, x, y);
  }

  /** PNG bytes of an image. */
  public static byte[] png(BufferedImage image) {
    return io.funit.common.imaging.ImageBytes.png(image);
  }

  private static BufferedImage draw(Shape shape, int size, double scale, double x, double y) {
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, size, size);
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.setColor(Color.BLACK);
      AffineTransform at = new AffineTransform(scale, 0, 0, scale, x, y);
      g.fill(at.createTransformedShape(shape));
    } finally {
      g.dispose();
    }
    return image;
  }
}
