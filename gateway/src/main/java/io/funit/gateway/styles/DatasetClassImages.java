package io.funit.gateway.styles;

import io.funit.common.dataset.ClassShards;
import io.funit.common.dataset.DatasetClass;
import io.funit.common.dataset.DatasetManifest;
import io.funit.common.dataset.StoredDatasets;
import io.funit.common.dataset.imports.ImageValidator.ValidImage;
import io.funit.common.storage.ObjectStore;
import io.funit.gateway.images.RequestImages;
import io.funit.gateway.problem.ProblemException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * K images of one class of a built dataset, for a style: the class's shard is read once and K of its images are
 * taken evenly spread (image i·n/K), so a font's five glyphs are not A to E but letters and figures across its
 * charset, the same ones every time.
 */
final class DatasetClassImages {
  private final ObjectStore store;
  private final RequestImages images;

  DatasetClassImages(ObjectStore store, RequestImages images) {
    this.store = store;
    this.images = images;
  }

  /** Blocks: reads the manifest and the class's shard. */
  List<ValidImage> pick(String datasetId, String className, int k) {
    StoredDatasets datasets = new StoredDatasets(store);
    DatasetManifest dataset = datasets.manifest(datasetId).orElseThrow(() -> ProblemException.badRequest("dataset",
        "no built dataset '" + datasetId + "'"));
    DatasetClass chosen = dataset.classes().stream().filter(c -> c.name().equals(className)).findFirst()
        .orElseThrow(() -> ProblemException.badRequest("class", "dataset " + datasetId + " has no class '"
            + className + "'"));
    if (chosen.images() < k) {
      throw ProblemException.badRequest("k", "class '" + className + "' has " + chosen.images() + " images, fewer "
          + "than " + k);
    }
    List<ClassShards.NamedImage> all;
    Path shard = null;
    try {
      shard = Files.createTempFile("funit-style-shard-", ".zip");
      datasets.download(datasetId, chosen.shard(), shard);
      all = ClassShards.read(shard);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read class '" + className + "' of dataset " + datasetId, e);
    } finally {
      deleteQuietly(shard);
    }
    List<ValidImage> picked = new ArrayList<>(k);
    for (int j = 0; j < k; j++) {
      ClassShards.NamedImage image = all.get((int) ((long) j * all.size() / k));
      picked.add(images.check("class", "image " + image.name() + " of class '" + className + "'", image.bytes()));
    }
    return picked;
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a temp file; the OS cleans it
      }
    }
  }
}
