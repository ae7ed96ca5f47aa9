package io.funit.common.dataset.fonts;

import java.awt.Font;
import java.awt.Shape;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The filters of docs/datasets.md §1.2. Each face is checked on its own ({@link #check}), then one face per family
 * is kept ({@link #onePerFamily}); every rejection carries a reason key and a detail.
 */
public final class FontCuration {
  public static final String NAME_FILTER = "name-filter";
  public static final String MISSING_GLYPHS = "missing-glyphs";
  public static final String CAPS_ONLY = "caps-only";
  public static final String ILLEGIBLE = "illegible";
  public static final String SAME_FAMILY = "same-family";
  public static final String OTHER_FAMILY = "other-family";
  public static final String SAME_FACE = "same-face";
  public static final String DUPLICATE_FILE = "duplicate-file";
  public static final String LOAD_FAILED = "load-failed";

  /** Symbol fonts claim Latin glyphs but draw symbols ({@code canDisplay} lies); D050000L is URW's Dingbats. */
  static final Pattern SYMBOL_NAMES = Pattern.compile(
      "symbol|dingbat|math|ornament|icon|dseg|weather|initials|barcode|unifont|braille|music|d050000l");
  /** A font with this many lowercase glyphs shaped like its capitals has no real lowercase. */
  static final int CAPS_ONLY_MIN_PAIRS = 20;
  /** Mean ink difference below which two fitted glyphs count as identical (absorbs antialiasing of small caps). */
  static final double IDENTICAL_INK = 0.02;
  /** The legibility screen applies to this package only (see {@link LegibilityScreen}). */
  static final String SCREENED_PACKAGE = "fonts-aenigma";
  private static final Pattern NOT_PLAIN = Pattern.compile("bold|italic|oblique|black|heavy|slanted|semi|demi");
  private static final Pattern PLAIN = Pattern.compile("regular|book|roman|normal");

  private final LegibilityScreen legibility;

  /** @param legibility the screen for {@value #SCREENED_PACKAGE}, or null when no such font is in the input */
  public FontCuration(LegibilityScreen legibility) {
    this.legibility = legibility;
  }

  /** A face that passed every per-face filter, with the outlines it will be rendered from. */
  public record Candidate(FontFile file, String face, String family, GlyphRenderer.GlyphOutlines outlines) {}

  /** The reason to skip a face, or empty when it passes the per-face filters. */
  public Optional<SkippedFont> check(FontFile file, Font font, GlyphRenderer.GlyphOutlines outlines) {
    String face = font.getFontName(Locale.ROOT);
    String names = (face + " " + font.getFamily(Locale.ROOT) + " " + file.path().getFileName())
        .toLowerCase(Locale.ROOT);
    var symbol = SYMBOL_NAMES.matcher(names);
    if (symbol.find()) {
      return skip(file, face, NAME_FILTER, "name contains '" + symbol.group() + "'");
    }
    if (!outlines.complete()) {
      return skip(file, face, MISSING_GLYPHS, outlines.missing().size() + " missing or empty: "
          + String.join("", outlines.missing().subList(0, Math.min(20, outlines.missing().size()))));
    }
    int capsLike = lowercaseLikeCapitals(outlines);
    if (capsLike >= CAPS_ONLY_MIN_PAIRS) {
      return skip(file, face, CAPS_ONLY, capsLike + " lowercase glyphs look like their capitals");
    }
    if (legibility != null && SCREENED_PACKAGE.equals(file.packageName())) {
      double score = legibility.score(outlines);
      if (!legibility.legible(score)) {
        return skip(file, face, ILLEGIBLE, String.format(Locale.ROOT, "legibility %.2f < %.2f", score,
            LegibilityScreen.THRESHOLD));
      }
    }
    return Optional.empty();
  }

  /**
   * Counts lowercase letters whose glyph, fitted to the box, matches its capital's: fitting makes small caps
   * count as well as literal copies.
   */
  static int lowercaseLikeCapitals(GlyphRenderer.GlyphOutlines outlines) {
    List<String> contents = outlines.contents();
    int count = 0;
    for (int i = 0; i < contents.size(); i++) {
      String lower = contents.get(i);
      String upper = lower.toUpperCase(Locale.ROOT);
      int j = contents.indexOf(upper);
      if (upper.equals(lower) || j < 0 || !Character.isLowerCase(lower.codePointAt(0))) {
        continue;
      }
      Shape a = outlines.shapes().get(i);
      Shape b = outlines.shapes().get(j);
      if (a != null && b != null && meanInkDifference(a, b) < IDENTICAL_INK) {
        count++;
      }
    }
    return count;
  }

  private static double meanInkDifference(Shape a, Shape b) {
    float[] x = LegibilityScreen.ink(GlyphRenderer.renderFitted(a, LegibilityScreen.SIZE));
    float[] y = LegibilityScreen.ink(GlyphRenderer.renderFitted(b, LegibilityScreen.SIZE));
    double sum = 0;
    for (int p = 0; p < x.length; p++) {
      sum += Math.abs(x[p] - y[p]);
    }
    return sum / x.length;
  }

  /**
   * Keeps one face per family (Java family name, case-insensitive), preferring upright regular weights: Debian
   * ships many weights and italics per family, and near-duplicate classes would inflate the class count.
   */
  public static List<Candidate> onePerFamily(List<Candidate> candidates, List<SkippedFont> skipped) {
    Map<String, List<Candidate>> byFamily = new TreeMap<>();
    for (Candidate c : candidates) {
      byFamily.computeIfAbsent(c.family().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(c);
    }
    List<Candidate> kept = new ArrayList<>();
    for (List<Candidate> family : byFamily.values()) {
      family.sort(PREFERENCE);
      kept.add(family.get(0));
      for (Candidate other : family.subList(1, family.size())) {
        skipped.add(new SkippedFont(other.file().origin(), other.face(), SAME_FAMILY,
            "family '" + other.family() + "' is represented by " + family.get(0).face()));
      }
    }
    return kept;
  }

  /**
   * Keeps every face of the families of the files in {@code familiesOf} (origins), once per face name: a package
   * ships other families too, and some faces twice (TrueType and OpenType).
   */
  public static List<Candidate> allFacesOf(List<Candidate> candidates, Set<String> familiesOf,
      List<SkippedFont> skipped) {
    Set<String> families = new TreeSet<>();
    for (Candidate c : candidates) {
      if (familiesOf.contains(c.file().origin())) {
        families.add(c.family().toLowerCase(Locale.ROOT));
      }
    }
    Map<String, Candidate> byFace = new TreeMap<>();
    List<Candidate> kept = new ArrayList<>();
    for (Candidate c : candidates) {
      Candidate first = byFace.get(c.face().toLowerCase(Locale.ROOT));
      if (!families.contains(c.family().toLowerCase(Locale.ROOT))) {
        skipped.add(new SkippedFont(c.file().origin(), c.face(), OTHER_FAMILY,
            "family '" + c.family() + "' is not one of the preset's"));
      } else if (first != null) {
        skipped.add(new SkippedFont(c.file().origin(), c.face(), SAME_FACE, "face already taken from "
            + first.file().origin()));
      } else {
        byFace.put(c.face().toLowerCase(Locale.ROOT), c);
        kept.add(c);
      }
    }
    return kept;
  }

  /** Upright before bold/italic, "Regular"/"Book"/"Roman" before other names, then shorter names, then path. */
  static final Comparator<Candidate> PREFERENCE = Comparator
      .comparing((Candidate c) -> NOT_PLAIN.matcher(c.face().toLowerCase(Locale.ROOT)).find())
      .thenComparing(c -> !PLAIN.matcher(c.face().toLowerCase(Locale.ROOT)).find())
      .thenComparingInt(c -> c.face().length())
      .thenComparing(Candidate::face)
      .thenComparing(c -> c.file().origin());

  private static Optional<SkippedFont> skip(FontFile file, String face, String reason, String detail) {
    return Optional.of(new SkippedFont(file.origin(), face, reason, detail));
  }
}
