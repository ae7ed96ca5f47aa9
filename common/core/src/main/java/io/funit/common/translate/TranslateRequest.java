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
 * @param model model id; null means the default model
 * @param contentKeys object keys of the content images (1..64), under {@code inputs/} or {@code outputs/}
 * @param classKeys object keys of the K class images (1..32), unless {@code styleId} is given
 * @param styleId a stored style (its class code is computed once per model), instead of class images
 * @param outputFormat png (default) or jpeg
 */
public record TranslateRequest(String model, List<String> contentKeys, List<String> classKeys, String styleId,
    String outputFormat) implements JobRequest {
  public static final int MAX_CONTENT = 64;
  public static final int MAX_CLASS_IMAGES = 32;
  /** Images a request may name: a job's uploads, a job's results, a style's class images. */
  private static final Pattern IMAGE_KEY =
      Pattern.compile("(inputs|outputs|styles)/[A-Za-z0-9][A-Za-z0-9._-]{0,127}(/[A-Za-z0-9._-]{1,200}){1,4}");

  public TranslateRequest {
    Checks.id("model", model);
    Checks.id("style_id", styleId);
    contentKeys = List.copyOf(Checks.size("content_keys", contentKeys, 1, MAX_CONTENT));
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
