package io.funit.deploy.dataset;

import io.funit.common.dataset.DatasetClass;
import io.funit.common.dataset.DatasetDirectory;
import io.funit.common.dataset.DatasetManifest;
import io.funit.common.dataset.DatasetRecipe;
import io.funit.common.dataset.StoredDatasets;
import io.funit.common.dataset.fonts.FontBuildOptions;
import io.funit.common.dataset.fonts.FontDatasetBuilder;
import io.funit.common.dataset.fonts.ProgressListener;
import io.funit.common.models.ModelCard;
import io.funit.common.storage.ObjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A model's training dataset where it does not exist (a fresh stack, another machine): built again from the card's
 * recipe, under the card's dataset id, so the model's held-out figures ({@code ./funit model held-out-l1},
 * evaluations) are measured on exactly the fonts it never saw. The rebuilt split is checked against the card's
 * training and held-out classes before it is published; a difference (other package versions) refuses it, naming
 * the difference, rather than mixing training fonts into the held-out ones.
 */
public final class DatasetRebuild {
  private static final Logger LOG = LoggerFactory.getLogger(DatasetRebuild.class);

  private DatasetRebuild() {}

  /** The stored manifest of the card's dataset, built and published first if it is missing. Blocks for the build. */
  public static DatasetManifest ensure(ObjectStore store, ModelCard card) throws IOException {
    StoredDatasets datasets = new StoredDatasets(store);
    var stored = datasets.manifest(card.dataset());
    if (stored.isPresent()) {
      return stored.get();
    }
    DatasetRecipe recipe = card.datasetRecipe();
    if (recipe == null || !DatasetManifest.KIND_FONTS.equals(recipe.kind())) {
      throw new IllegalArgumentException("model " + card.id() + ": no dataset " + card.dataset() + " in this store, "
          + "and its card has no dataset_recipe to build it again");
    }
    LOG.info("building dataset {} of model {} again from its recipe ({} at {} px, seed {})", card.dataset(),
        card.id(), recipe.preset(), recipe.size(), recipe.seed());
    long start = System.nanoTime();
    Path dir = Files.createTempDirectory("funit-rebuild-");
    try {
      FontBuildOptions options = new FontBuildOptions(recipe.preset(), null, recipe.size(), recipe.charset(),
          recipe.seed(), recipe.testFraction(), null, FontBuildOptions.DEFAULT_CONTACT_SHEET_ROWS);
      DatasetDirectory local = new DatasetDirectory(dir);
      new FontDatasetBuilder().build(options, local, card.dataset(), ProgressListener.NONE);
      DatasetManifest manifest = local.manifest().orElseThrow();
      requireSameSplit(card, manifest);
      DatasetManifest published = datasets.publish(local, card.dataset());
      LOG.info("dataset {} of model {} rebuilt and stored in {} s: {} training and {} held-out fonts, as its card "
          + "lists", card.dataset(), card.id(), (System.nanoTime() - start) / 1_000_000_000,
          manifest.split(DatasetManifest.SPLIT_TRAIN).size(), manifest.split(DatasetManifest.SPLIT_TEST).size());
      return published;
    } finally {
      deleteTree(dir);
    }
  }

  /** The rebuilt split holds exactly the card's training and held-out classes. */
  static void requireSameSplit(ModelCard card, DatasetManifest rebuilt) {
    String train = difference(card.classesSeen(), rebuilt.split(DatasetManifest.SPLIT_TRAIN));
    String test = difference(card.heldOutClasses(), rebuilt.split(DatasetManifest.SPLIT_TEST));
    if (!train.isEmpty() || !test.isEmpty()) {
      throw new IllegalStateException("the rebuilt dataset " + card.dataset() + " does not reproduce the split of "
          + "model " + card.id() + " (other font package versions?):" + (train.isEmpty() ? "" : " training " + train)
          + (test.isEmpty() ? "" : " held out " + test));
    }
  }

  private static String difference(List<String> expected, List<DatasetClass> rebuilt) {
    Set<String> want = new HashSet<>(expected == null ? List.of() : expected);
    Set<String> got = new HashSet<>(rebuilt.stream().map(DatasetClass::name).toList());
    List<String> missing = want.stream().filter(n -> !got.contains(n)).sorted().toList();
    List<String> extra = got.stream().filter(n -> !want.contains(n)).sorted().toList();
    if (missing.isEmpty() && extra.isEmpty()) {
      return "";
    }
    return missing.size() + " missing " + missing.stream().limit(5).toList() + ", " + extra.size() + " not in the "
        + "card " + extra.stream().limit(5).toList();
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }
}
