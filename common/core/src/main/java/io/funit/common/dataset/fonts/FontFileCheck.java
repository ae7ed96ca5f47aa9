package io.funit.common.dataset.fonts;

import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Loads one font file and runs the per-face filters on each of its faces (one task of the check phase). */
final class FontFileCheck {
  private FontFileCheck() {}

  /**
   * What one file gave.
   *
   * @param sha256 the file's digest, for duplicate detection; null when it could not be read
   * @param faces faces found (1 for a file that failed to load: it still counts as considered)
   * @param faceNames the face names, null for an unloadable file
   */
  record Result(FontFile file, String sha256, int faces, List<String> faceNames,
      List<FontCuration.Candidate> candidates, List<SkippedFont> skipped) {}

  static Result check(FontFile file, FontCuration curation, List<String> contents) {
    byte[] bytes;
    List<Font> fonts;
    try {
      bytes = Files.readAllBytes(file.path());
      fonts = FontFaces.load(file.path(), bytes, file.path().getFileName().toString());
    } catch (IOException | RuntimeException e) {
      // one bad file must not fail a build of hundreds: it is reported with its reason instead
      String detail = e instanceof java.nio.file.NoSuchFileException ? "file not found: " + file.path()
          : e.getMessage();
      SkippedFont failed = new SkippedFont(file.origin(), null, FontCuration.LOAD_FAILED, detail);
      return new Result(file, null, 1, java.util.Collections.singletonList(null), List.of(), List.of(failed));
    }
    List<String> faceNames = new ArrayList<>();
    List<FontCuration.Candidate> candidates = new ArrayList<>();
    List<SkippedFont> skipped = new ArrayList<>();
    for (Font font : fonts) {
      faceNames.add(font.getFontName(Locale.ROOT));
      GlyphRenderer.GlyphOutlines outlines = GlyphRenderer.outlines(font, contents);
      Optional<SkippedFont> skip = curation.check(file, font, outlines);
      if (skip.isPresent()) {
        skipped.add(skip.get());
      } else {
        candidates.add(new FontCuration.Candidate(file, font.getFontName(Locale.ROOT), font.getFamily(Locale.ROOT),
            outlines));
      }
    }
    return new Result(file, sha256(bytes), fonts.size(), faceNames, candidates, skipped);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
