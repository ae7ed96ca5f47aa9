package io.funit.deploy.it;

import io.funit.common.dataset.ClassShards;
import io.funit.common.dataset.DatasetClass;
import io.funit.common.dataset.DatasetDirectory;
import io.funit.common.dataset.DatasetManifest;
import io.funit.common.dataset.StoredDatasets;
import io.funit.common.dataset.imports.TestArchives;
import io.funit.common.storage.ObjectStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A small real image dataset published to the store: 6 classes × 8 coloured 40×36 pictures, 2 held out. */
final class TrainingDatasets {
  private TrainingDatasets() {}

  static String publishSmall(ObjectStore store, Path dir) throws IOException {
    return publish(store, dir, 2);
  }

  /** The same 6 classes with the last {@code heldOut} of them in the test split. */
  static String publish(ObjectStore store, Path dir, int heldOut) throws IOException {
    return publish(store, dir, heldOut, "ds-" + UUID.randomUUID());
  }

  /** The small dataset under a chosen id, e.g. the id of a dataset job that no worker ran. */
  static String publish(ObjectStore store, Path dir, int heldOut, String id) throws IOException {
    DatasetDirectory local = new DatasetDirectory(dir);
    List<DatasetClass> classes = new ArrayList<>();
    for (int c = 0; c < 6; c++) {
      List<ClassShards.NamedImage> images = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        images.add(new ClassShards.NamedImage(String.format("%05d.png", i), TestArchives.image("png", 40, 36, c * 8 + i)));
      }
      classes.add(new DatasetClass(c, "class-" + c, c >= 6 - heldOut ? DatasetManifest.SPLIT_TEST : DatasetManifest.SPLIT_TRAIN,
          images.size(), local.writeShard(c, images), images.stream().map(ClassShards.NamedImage::name).toList(), null));
    }
    local.writeManifest(new DatasetManifest(1, "local", DatasetManifest.KIND_IMAGES, "small colours", 0, "rgb",
        List.of(), 1, classes));
    new StoredDatasets(store).publish(local, id);
    return id;
  }
}
