package io.funit.common.contract;

import java.util.List;
import java.util.Set;

/**
 * Translate content images into the look of a class known from K images (or a stored style).
 *
 * @param model model id; null means the default model
 * @param contentKeys object keys of the content images (1..64)
 * @param classKeys object keys of the K class images (1..32), unless {@code styleId} is given
 * @param styleId a stored style (precomputed class code), instead of class images
 * @param outputFormat png or jpeg
 */
public record TranslateRequest(String model, List<String> contentKeys, List<String> classKeys, String styleId,
    String outputFormat) implements JobRequest {
  public static final int MAX_CONTENT = 64;
  public static final int MAX_CLASS_IMAGES = 32;

  public TranslateRequest {
    contentKeys = List.copyOf(Checks.size("content_keys", contentKeys, 1, MAX_CONTENT));
    boolean hasClass = classKeys != null && !classKeys.isEmpty();
    if (hasClass == (styleId != null)) {
      throw new InvalidRequestException("class_keys", "give either class_keys or style_id, not both or neither");
    }
    classKeys = hasClass ? List.copyOf(Checks.size("class_keys", classKeys, 1, MAX_CLASS_IMAGES)) : List.of();
    outputFormat = outputFormat == null ? "png" : outputFormat;
    if (!Set.of("png", "jpeg").contains(outputFormat)) {
      throw new InvalidRequestException("output_format", "must be png or jpeg, got '" + outputFormat + "'");
    }
  }
}
