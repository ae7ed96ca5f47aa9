package io.funit.common.dataset.fonts;

import io.funit.common.dataset.DatasetClass;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The style groups of a face, for held-out sets that hold every kind of face and for figures per kind: its design
 * class from the font survey's style guess (serif, sans, monospace, script, display, blackletter) and, from its name,
 * slab, italic, bold, light and condensed. A face may be in several groups (a bold italic serif is in three) or, for a
 * folder of fonts the survey does not know, only in those its name gives.
 */
public final class StyleGroups {
  public static final String SERIF = "serif";
  public static final String SANS = "sans";
  public static final String SLAB = "slab";
  public static final String MONOSPACE = "monospace";
  public static final String SCRIPT = "script";
  public static final String DISPLAY = "display";
  public static final String BLACKLETTER = "blackletter";
  public static final String ITALIC = "italic";
  public static final String BOLD = "bold";
  public static final String LIGHT = "light";
  public static final String CONDENSED = "condensed";
  /** Every group, design classes first. */
  public static final List<String> ALL =
      List.of(SERIF, SANS, SLAB, MONOSPACE, SCRIPT, DISPLAY, BLACKLETTER, ITALIC, BOLD, LIGHT, CONDENSED);

  /** Light weights as words: "light" alone would also match Highlight or Twilight. */
  private static final Set<String> LIGHT_WORDS = Set.of("light", "extralight", "ultralight", "semilight", "demilight",
      "thin", "extrathin", "ultrathin", "hairline");

  private StyleGroups() {}

  /**
   * The groups of a dataset's class from its provenance; none for a class that names no face (an upload's folder).
   */
  public static Set<String> of(DatasetClass c) {
    DatasetClass.ClassSource source = c.source();
    if (source == null || source.face() == null) {
      return Set.of();
    }
    return of(source.face(), source.family(), source.style());
  }

  /**
   * The groups of a face.
   *
   * @param face the face's full name ("Linux Libertine O Bold Italic")
   * @param family its family name
   * @param surveyStyle the survey's style guess ("serif", "monospace/retro", "display-aenigma"...), or null
   */
  public static Set<String> of(String face, String family, String surveyStyle) {
    Set<String> groups = new TreeSet<>();
    String style = surveyStyle == null ? "" : surveyStyle.toLowerCase(Locale.ROOT);
    if (style.startsWith("serif")) {
      groups.add(SERIF);
    } else if (style.startsWith("sans")) {
      groups.add(SANS);
    } else if (style.startsWith("monospace")) {
      groups.add(MONOSPACE);
    } else if (style.startsWith("script")) {
      groups.add(SCRIPT);
    } else if (style.startsWith("display")) {
      groups.add(DISPLAY);
    } else if (style.startsWith("blackletter")) {
      groups.add(BLACKLETTER);
    }
    for (String word : words(face + " " + (family == null ? "" : family))) {
      if (word.contains("slab")) {
        groups.add(SLAB);
      }
      if (word.contains("italic") || word.contains("oblique") || word.equals("slanted") || word.equals("kursiv")) {
        groups.add(ITALIC);
      }
      if (word.contains("bold") || word.equals("black") || word.equals("heavy")) {
        groups.add(BOLD);
      }
      if (LIGHT_WORDS.contains(word)) {
        groups.add(LIGHT);
      }
      if (word.contains("condensed") || word.equals("cond") || word.equals("narrow") || word.contains("compressed")) {
        groups.add(CONDENSED);
      }
    }
    return groups;
  }

  /** Lower-cased words, CamelCase and punctuation split ("RobotoSlab-BoldItalic" → roboto, slab, bold, italic). */
  static List<String> words(String name) {
    String spaced = FamilySplit.lowerCaseWords(name).replaceAll("[^a-z0-9]+", " ").trim();
    return spaced.isEmpty() ? List.of() : Arrays.asList(spaced.split(" "));
  }
}
