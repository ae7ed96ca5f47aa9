package io.funit.common.glyphs;

import io.funit.common.dataset.ClassShards;
import io.funit.common.dataset.DatasetClass;
import io.funit.common.dataset.DatasetManifest;
import io.funit.common.dataset.sampler.ShardSource;
import io.funit.common.models.ContentFont;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * Chooses a font model's content font from its training split: the plainest face, so that text drawn with it
 * carries nothing but the characters' shapes into the translation. Plain means upright, regular weight and width,
 * not decorative: no style word in the face's name (bold, italic, light, condensed, mono, outline...; BRK faces are
 * decorative) and a serif or sans style guess when the dataset has one. Among those, the face whose glyphs are
 * closest (mean absolute difference) to the per-pixel median of all of them: the most typical plain face, rather
 * than a quirky one that happens to be called Regular.
 */
public final class ContentFontChooser {
  /** Faces read to find the typical one; more change the choice little and cost a shard read each. */
  static final int MAX_CANDIDATES = 48;
  private static final Set<String> STYLE_WORDS = Set.of("bold", "italic", "oblique", "light", "thin", "black",
      "heavy", "extra", "extrabold", "extralight", "semi", "semibold", "demi", "medium", "condensed", "narrow",
      "extended", "expanded", "wide", "wyde", "mono", "monospace", "outline", "stencil", "display", "hairline",
      "slant", "slanted", "inverted", "sketch", "shadow", "script", "brk", "titling", "caps", "ultra", "it",
      "bolditalic", "boldoblique", "kursiv", "dunh", "unsl", "swash", "hand", "handwriting", "px", "ocr");
  private static final Set<String> PLAIN_STYLES = Set.of("serif", "sans", "sans-serif");

  private ContentFontChooser() {}

  /** The chosen face and its glyphs, one per content of the dataset, in order. */
  public record Choice(DatasetClass face, List<BufferedImage> glyphs, String reason) {
    public ContentFont contentFont(String charset, String key) {
      return new ContentFont(face.name(), charset, key, reason);
    }
  }

  /**
   * The content font of a model trained on {@code dataset} (a font dataset: every class holds one image per
   * content, in order); empty for other datasets.
   */
  public static Optional<Choice> choose(DatasetManifest dataset, ShardSource shards) throws IOException {
    if (!DatasetManifest.KIND_FONTS.equals(dataset.kind()) || dataset.contents().isEmpty()) {
      return Optional.empty();
    }
    List<DatasetClass> train = dataset.completeFonts(DatasetManifest.SPLIT_TRAIN);
    if (train.isEmpty()) {
      return Optional.empty();
    }
    List<DatasetClass> plain = train.stream().filter(ContentFontChooser::plain).toList();
    List<DatasetClass> candidates = spread(plain.isEmpty() ? train : plain);
    int size = dataset.imageSize();
    List<List<BufferedImage>> glyphs = new ArrayList<>();
    for (DatasetClass candidate : candidates) {
      glyphs.add(read(shards, candidate));
    }
    float[][] median = median(glyphs, size);
    int best = 0;
    double bestDistance = Double.MAX_VALUE;
    for (int i = 0; i < candidates.size(); i++) {
      double distance = distance(glyphs.get(i), median, size);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = i;
      }
    }
    String among = plain.isEmpty()
        ? String.format(Locale.ROOT, "no face of the training split has a plain name; the most typical of %d "
            + "training faces: all are candidates", train.size())
        : String.format(Locale.ROOT, "the most typical plain face of %d training faces: %d have no style word in "
            + "their name", train.size(), plain.size());
    String reason = String.format(Locale.ROOT, "%s; mean absolute difference %.4f (pixels in [0, 1]) to the "
        + "per-pixel median glyphs of %d %sfaces", among, bestDistance, candidates.size(), plain.isEmpty() ? ""
        : "plain ");
    return Optional.of(new Choice(candidates.get(best), glyphs.get(best), reason));
  }

  /** No style word in the name (words split at case changes, digits and punctuation), a plain style guess. */
  static boolean plain(DatasetClass face) {
    String style = face.source() == null ? null : face.source().style();
    if (style != null && !PLAIN_STYLES.contains(style.toLowerCase(Locale.ROOT))) {
      return false;
    }
    String spaced = face.name().replaceAll("([a-z])([A-Z])", "$1 $2");
    return Arrays.stream(spaced.toLowerCase(Locale.ROOT).split("[^a-z]+"))
        .noneMatch(STYLE_WORDS::contains);
  }

  /** At most {@link #MAX_CANDIDATES}, spread evenly over the name-ordered list (deterministic). */
  private static List<DatasetClass> spread(List<DatasetClass> faces) {
    List<DatasetClass> sorted = faces.stream().sorted(Comparator.comparing(DatasetClass::name)).toList();
    if (sorted.size() <= MAX_CANDIDATES) {
      return sorted;
    }
    List<DatasetClass> spread = new ArrayList<>();
    for (int i = 0; i < MAX_CANDIDATES; i++) {
      spread.add(sorted.get((int) ((long) i * sorted.size() / MAX_CANDIDATES)));
    }
    return spread;
  }

  private static List<BufferedImage> read(ShardSource shards, DatasetClass face) throws IOException {
    List<BufferedImage> glyphs = new ArrayList<>();
    for (ClassShards.NamedImage image : ClassShards.read(shards.shard(face))) {
      BufferedImage glyph = ImageIO.read(new ByteArrayInputStream(image.bytes()));
      if (glyph == null) {
        throw new IOException("glyph " + image.name() + " of " + face.name() + " is not a decodable image");
      }
      glyphs.add(glyph);
    }
    return glyphs;
  }

  private static float gray(BufferedImage glyph, int x, int y, int size) {
    int gx = x * glyph.getWidth() / size;
    int gy = y * glyph.getHeight() / size;
    int rgb = glyph.getRGB(gx, gy);
    return (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff)) / (3 * 255f);
  }

  private static float[][] median(List<List<BufferedImage>> faces, int size) {
    int contents = faces.get(0).size();
    float[][] median = new float[contents][size * size];
    float[] values = new float[faces.size()];
    for (int c = 0; c < contents; c++) {
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          for (int f = 0; f < faces.size(); f++) {
            values[f] = gray(faces.get(f).get(c), x, y, size);
          }
          Arrays.sort(values);
          median[c][y * size + x] = values[values.length / 2];
        }
      }
    }
    return median;
  }

  private static double distance(List<BufferedImage> glyphs, float[][] median, int size) {
    double sum = 0;
    for (int c = 0; c < median.length; c++) {
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          sum += Math.abs(gray(glyphs.get(c), x, y, size) - median[c][y * size + x]);
        }
      }
    }
    return sum / ((double) median.length * size * size);
  }
}
