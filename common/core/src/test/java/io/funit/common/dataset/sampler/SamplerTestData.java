package io.funit.common.dataset.sampler;

import io.funit.common.dataset.ClassShards;
import io.funit.common.dataset.DatasetClass;
import io.funit.common.dataset.DatasetDirectory;
import io.funit.common.dataset.DatasetManifest;
import io.funit.common.dataset.imports.TestArchives;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A small real dataset: class c's image i is a distinct coloured picture, w×h; the last class is held out. */
final class SamplerTestData {
  private SamplerTestData() {}

  static DatasetDirectory write(Path root, int classes, int imagesPerClass, int w, int h) throws IOException {
    return write(root, classes, imagesPerClass, w, h, DatasetManifest.KIND_IMAGES, List.of());
  }

  /** The same as a font dataset: image i of every class is character {@code contents[i]}. */
  static DatasetDirectory fonts(Path root, int classes, int imagesPerClass, int size, List<String> contents)
      throws IOException {
    return write(root, classes, imagesPerClass, size, size, DatasetManifest.KIND_FONTS, contents);
  }

  private static DatasetDirectory write(Path root, int classes, int imagesPerClass, int w, int h, String kind,
      List<String> contents) throws IOException {
    DatasetDirectory dir = new DatasetDirectory(root);
    List<DatasetClass> entries = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      List<ClassShards.NamedImage> images = new ArrayList<>();
      for (int i = 0; i < imagesPerClass; i++) {
        images.add(new ClassShards.NamedImage(String.format("%05d.png", i),
            TestArchives.image("png", w, h, c * imagesPerClass + i)));
      }
      String shard = dir.writeShard(c, images);
      entries.add(new DatasetClass(c, "class-" + c, c == classes - 1 ? DatasetManifest.SPLIT_TEST
          : DatasetManifest.SPLIT_TRAIN, imagesPerClass, shard,
          images.stream().map(ClassShards.NamedImage::name).toList(), null));
    }
    dir.writeManifest(new DatasetManifest(1, "test-ds", kind, "test", 0, "rgb", contents, 1, entries));
    return dir;
  }
}
