package io.funit.common.models;

import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.dataset.DatasetRecipe;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a registered model is: written beside its generator as {@code card.json}, last, so a card means the model
 * is complete.
 *
 * @param id the model id (the id of the training job that made it)
 * @param training the training job id
 * @param dataset the dataset id and name
 * @param datasetName the dataset's name
 * @param preset the preset trained
 * @param imageSize the image side the generator works at
 * @param config the full model and training configuration ({@code FunitConfig} as JSON)
 * @param iterations training iterations
 * @param classesSeen the training classes (the discriminator's heads), by name
 * @param heldOutClasses the dataset's test classes, never seen in training
 * @param finalLosses the mean of each logged scalar over the last iterations
 * @param dataLicences the licences of the training data (for fonts, from the Debian packages)
 * @param generatorKey the object holding the EMA generator's weights (safetensors, official key names)
 * @param createdAt when it was registered
 * @param color {@code gray} or {@code rgb}, from the training dataset: translations of a gray model are served gray
 * @param family the model family that loads the generator (a {@code ModelFamily}); cards written before families
 *     are FUNIT's
 * @param contentFont for a model of font glyphs, the face that text and alphabet translations draw their content
 *     glyphs from; null for models of other images and cards written before content fonts
 * @param datasetRecipe how to build the training dataset again (a font preset's), so that the model's held-out
 *     figures can be checked where that dataset does not exist; null when it cannot be rebuilt
 */
public record ModelCard(String id, String training, String dataset, String datasetName, String preset,
    int imageSize, JsonNode config, long iterations, List<String> classesSeen, List<String> heldOutClasses,
    Map<String, Double> finalLosses, List<String> dataLicences, String generatorKey, Instant createdAt, String color,
    String family, ContentFont contentFont, DatasetRecipe datasetRecipe) {
  /** The family of FUNIT's models, and of every card without one. */
  public static final String FUNIT = "funit";
  /** The family of the StarGAN baselines (StarGAN-Fair-K, StarGAN-Unfair-K). */
  public static final String STARGAN = "stargan";

  public ModelCard {
    family = family == null ? FUNIT : family;
  }

  /** A card with no dataset recipe. */
  public ModelCard(String id, String training, String dataset, String datasetName, String preset, int imageSize,
      JsonNode config, long iterations, List<String> classesSeen, List<String> heldOutClasses,
      Map<String, Double> finalLosses, List<String> dataLicences, String generatorKey, Instant createdAt, String color,
      String family, ContentFont contentFont) {
    this(id, training, dataset, datasetName, preset, imageSize, config, iterations, classesSeen, heldOutClasses,
        finalLosses, dataLicences, generatorKey, createdAt, color, family, contentFont, null);
  }

  /** This card with its content font. */
  public ModelCard withContentFont(ContentFont font) {
    return new ModelCard(id, training, dataset, datasetName, preset, imageSize, config, iterations, classesSeen,
        heldOutClasses, finalLosses, dataLicences, generatorKey, createdAt, color, family, font, datasetRecipe);
  }

  /** Cards written before the color field were all of font (gray) datasets or say nothing: rgb unless gray. */
  public boolean gray() {
    return "gray".equals(color);
  }
}
