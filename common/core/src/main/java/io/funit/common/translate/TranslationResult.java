package io.funit.common.translate;

import java.util.List;

/**
 * What a translation job ends with (the succeeded event's result). Each output links back to its content image (or
 * the character it draws); the result names the model, K and the class images or style used.
 *
 * @param model the model id used
 * @param k the number of class images whose codes were averaged
 * @param styleId the stored style, when one was used
 * @param classKeys the stored class images (of the request or of the style); empty when the request's work record
 *     carried them (a small upload is not stored)
 * @param outputFormat png or jpeg
 * @param imageSize the side of the output images (the model's)
 * @param outputs one per content image, in request order; for a text or alphabet, one per distinct character in
 *     order of first appearance
 * @param sheet for a text or alphabet: every output composed into one PNG (the text's lines, or a grid)
 * @param archive for a text or alphabet: a zip of every output, one file per character
 */
public record TranslationResult(String model, int k, String styleId, List<String> classKeys, String outputFormat,
    int imageSize, List<Output> outputs, StoredFile sheet, StoredFile archive) {

  /** Text and alphabet translations' extra outputs, by the name the API serves them under. */
  public static final String SHEET = "sheet";
  public static final String ARCHIVE = "zip";

  public TranslationResult(String model, int k, String styleId, List<String> classKeys, String outputFormat,
      int imageSize, List<Output> outputs) {
    this(model, k, styleId, classKeys, outputFormat, imageSize, outputs, null, null);
  }

  /**
   * One translated image: where it is stored and which content image it came from.
   *
   * @param contentKey the stored content image; null for a drawn character, or for an image the request's work
   *     record carried (a small upload is not stored)
   * @param character the character drawn, for a text or alphabet translation
   */
  public record Output(int index, String key, String contentKey, String contentType, String character) {
    public Output(int index, String key, String contentKey, String contentType) {
      this(index, key, contentKey, contentType, null);
    }
  }

  /** A stored file of the result. */
  public record StoredFile(String key, String contentType) {}

  public static String outputName(int index, String format) {
    return "translation-" + index + (format.equals("jpeg") ? ".jpg" : ".png");
  }
}
