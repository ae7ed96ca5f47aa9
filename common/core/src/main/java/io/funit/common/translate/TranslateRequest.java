package io.funit.common.translate;

import io.funit.common.contract.Checks;
import io.funit.common.contract.InvalidRequestException;
import io.funit.common.contract.JobRequest;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Translate content images into the look of a class known from K images (or a stored style).
 *
 * <p>The content is one of: stored content images; a {@code text} (up to 256 characters) drawn with the model's
 * content font, one output per distinct character plus a composed sheet and a zip; or {@code charset: "alphabet"},
 * every character of the content font, laid out as a grid.
 *
 * @param model model id; null means the default model
 * @param contentKeys object keys of the content images (1..64), under {@code inputs/} or {@code outputs/}; empty
 *     for a text or alphabet translation
 * @param classKeys object keys of the K class images (1..32), unless {@code styleId} is given
 * @param styleId a stored style (its class code is computed once per model), instead of class images
 * @param outputFormat png (default) or jpeg, of the per-image outputs (a sheet is always PNG)
 * @param text characters to draw in the class's look with the model's content font; line breaks are kept
 * @param charset {@code alphabet}: every character of the model's content font
 */
public record TranslateRequest(String model, List<String> contentKeys, List<String> classKeys, String styleId,
    String outputFormat, String text, String charset) implements JobRequest {
  public static final int MAX_CONTENT = 64;
  public static final int MAX_CLASS_IMAGES = 32;
  /** The one named charset: every character the model's content font has. */
  public static final String ALPHABET = "alphabet";
  /** Images a request may name: a job's uploads, a job's results, a style's class images. */
  private static final Pattern IMAGE_KEY =
      Pattern.compile("(inputs|outputs|styles)/[A-Za-z0-9][A-Za-z0-9._-]{0,127}(/[A-Za-z0-9._-]{1,200}){1,4}");

  public TranslateRequest {
    Checks.id("model", model);
    Checks.id("style_id", styleId);
    boolean hasContent = contentKeys != null && !contentKeys.isEmpty();
    int contentKinds = (hasContent ? 1 : 0) + (text != null ? 1 : 0) + (charset != null ? 1 : 0);
    if (contentKinds != 1) {
      throw new InvalidRequestException(hasContent || contentKinds == 0 ? "content_keys" : "text",
          "give exactly one of content_keys, text or charset");
    }
    if (charset != null && !charset.equals(ALPHABET)) {
      throw new InvalidRequestException("charset", "must be '" + ALPHABET + "', got '" + charset + "'");
    }
    text = text == null ? null : TranslationText.normalise(text);
    contentKeys = hasContent ? List.copyOf(Checks.size("content_keys", contentKeys, 1, MAX_CONTENT)) : List.of();
    imageKeys("content_keys", contentKeys);
    boolean hasClass = classKeys != null && !classKeys.isEmpty();
    if (hasClass == (styleId != null)) {
      throw new InvalidRequestException("class_keys", "give either class_keys or style_id, not both or neither");
    }
    classKeys = hasClass ? List.copyOf(Checks.size("class_keys", classKeys, 1, MAX_CLASS_IMAGES)) : List.of();
    imageKeys("class_keys", classKeys);
    outputFormat = outputFormat == null ? "png" : outputFormat;
    if (!Set.of("png", "jpeg").contains(outputFormat)) {
      throw new InvalidRequestException("output_format", "must be png or jpeg, got '" + outputFormat + "'");
    }
  }

  /** A translation of stored content images. */
  public TranslateRequest(String model, List<String> contentKeys, List<String> classKeys, String styleId,
      String outputFormat) {
    this(model, contentKeys, classKeys, styleId, outputFormat, null, null);
  }

  /** Whether the content is drawn from the model's content font (a text or the alphabet), not stored images. */
  public boolean drawsContent() {
    return text != null || charset != null;
  }

  private static void imageKeys(String field, List<String> keys) {
    for (int i = 0; i < keys.size(); i++) {
      String key = keys.get(i);
      if (key == null || !IMAGE_KEY.matcher(key).matches() || key.contains("/../") || key.contains("/./")
          || key.endsWith("/..") || key.endsWith("/.")) {
        throw new InvalidRequestException(field + "[" + i + "]", "must be a stored image under inputs/, outputs/ "
            + "or styles/, got '" + key + "'");
      }
    }
  }
}
