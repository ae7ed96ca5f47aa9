package io.funit.common.dataset.job;

import io.funit.common.contract.Checks;
import io.funit.common.contract.InvalidRequestException;
import io.funit.common.contract.JobRequest;
import io.funit.common.dataset.fonts.FontPreset;
import io.funit.common.eval.ShotSets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Build an immutable dataset; the dataset's id is the job's id.
 *
 * @param kind {@code fonts} (glyphs rendered from Debian font packages), {@code upload} (an archive of class
 *     folders the gateway stored at {@code inputKey}), {@code s3} (class folders under an object-store prefix) or
 *     {@code unfair} (dataset {@code base} with, as extra training classes, each held-out class's K-set: the
 *     training set of StarGAN-Unfair-K, {@code ShotSets})
 * @param name a human-readable name (default: derived from the source)
 * @param preset for fonts: a font preset name ({@code FontPreset.names()})
 * @param size for fonts: the glyph image side in pixels (16..256, default 64)
 * @param charset for fonts: the characters to render (default A–Z a–z 0–9)
 * @param seed seed of the train/test split (default 1); for unfair, of the K-sets (an evaluation's seed: 1)
 * @param testFraction share of classes held out for testing (0..0.9, default 0.2)
 * @param inputKey for uploads: the stored archive (set by the gateway)
 * @param prefix for s3: the prefix holding {@code class/image} objects
 * @param base for unfair: the dataset whose held-out classes' K-sets are added to its training classes
 * @param k for unfair: the K of the sets
 */
public record DatasetRequest(String kind, String name, String preset, int size, String charset, long seed,
    Double testFraction, String inputKey, String prefix, String base, int k) implements JobRequest {
  public static final String KIND_FONTS = "fonts";
  public static final String KIND_UPLOAD = "upload";
  public static final String KIND_S3 = "s3";
  public static final String KIND_UNFAIR = "unfair";
  /** The name the gateway stores an upload under, in the job's inputs: {@code inputs/{jobId}/upload.archive}. */
  public static final String UPLOAD_NAME = "upload.archive";
  public static final List<String> FONT_PRESETS = FontPreset.names();
  public static final String DEFAULT_CHARSET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  /** Top-level areas of the bucket that the service writes (StorageKeys); never an import source. */
  public static final List<String> RESERVED_AREAS = List.of("inputs", "outputs", "datasets", "checkpoints", "models",
      "reports", "styles", "judges", "idempotency");
  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*/?");

  public DatasetRequest {
    Checks.required("kind", kind);
    if (!List.of(KIND_FONTS, KIND_UPLOAD, KIND_S3, KIND_UNFAIR).contains(kind)) {
      throw new InvalidRequestException("kind", "must be fonts, upload, s3 or unfair, got '" + kind + "'");
    }
    if (name != null && name.length() > 200) {
      throw new InvalidRequestException("name", "must be at most 200 characters");
    }
    seed = seed == 0 ? 1 : seed;
    testFraction = testFraction == null ? 0.2 : testFraction;
    if (!(testFraction >= 0 && testFraction <= 0.9)) {
      throw new InvalidRequestException("test_fraction", "must be between 0 and 0.9, got " + testFraction);
    }
    switch (kind) {
      case KIND_FONTS -> {
        Checks.required("preset", preset);
        if (!FONT_PRESETS.contains(preset)) {
          throw new InvalidRequestException("preset", "unknown font preset '" + preset + "'; known: " + FONT_PRESETS);
        }
        size = size == 0 ? 64 : (int) Checks.range("size", size, 16, 256);
        charset = charset == null || charset.isEmpty() ? DEFAULT_CHARSET : charset;
        if (charset.codePoints().distinct().count() != charset.codePoints().count() || charset.length() > 512
            || charset.codePoints().anyMatch(Character::isWhitespace)) {
          throw new InvalidRequestException("charset", "must hold up to 512 distinct, non-blank characters");
        }
      }
      case KIND_UPLOAD -> Checks.required("input_key", inputKey);
      case KIND_UNFAIR -> {
        Checks.id("base", Checks.required("base", base));
        Checks.range("k", k, 1, ShotSets.POOL);
      }
      default -> {
        Checks.required("prefix", prefix);
        if (prefix.length() > 500 || !PREFIX.matcher(prefix).matches() || prefix.contains("..")) {
          throw new InvalidRequestException("prefix", "must be a plain object prefix such as 'incoming/animals/'");
        }
        String area = prefix.split("/")[0];
        if (RESERVED_AREAS.contains(area)) {
          throw new InvalidRequestException("prefix", "'" + area + "/' holds the service's own objects; import from "
              + "another prefix");
        }
      }
    }
  }
}
