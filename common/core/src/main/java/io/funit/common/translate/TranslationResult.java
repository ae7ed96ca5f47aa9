package io.funit.common.translate;

import java.util.List;

/**
 * What a translation job ends with (the succeeded event's result). Each output links back to its content image;
 * the result names the model, K and the class images or style used.
 *
 * @param model the model id used
 * @param k the number of class images whose codes were averaged
 * @param styleId the stored style, when one was used
 * @param classKeys the class images (of the request or of the style)
 * @param outputFormat png or jpeg
 * @param imageSize the side of the output images (the model's)
 * @param outputs one per content image, in request order
 */
public record TranslationResult(String model, int k, String styleId, List<String> classKeys, String outputFormat,
    int imageSize, List<Output> outputs) {

  /** One translated image: where it is stored and which content image it came from. */
  public record Output(int index, String key, String contentKey, String contentType) {}

  public static String outputName(int index, String format) {
    return "translation-" + index + (format.equals("jpeg") ? ".jpg" : ".png");
  }
}
