package io.funit.worker.train.dataset;

import io.funit.common.dataset.DatasetDirectory;
import io.funit.common.dataset.DatasetManifest;
import io.funit.common.dataset.StoredDatasets;
import java.util.Map;

/**
 * The result of a dataset job, carried in its succeeded event: what the API shows without opening the manifest.
 *
 * @param id the dataset id
 * @param kind fonts or images
 * @param imageSize the side of font glyph images; 0 for mixed-size photos
 * @param trainClasses classes in the training split
 * @param testClasses held-out classes
 * @param images images in all classes
 * @param contents contents per class for fonts (characters); 0 otherwise
 * @param skipped files, fonts or classes the builder left out (details in the report)
 * @param skippedByReason the skipped counts per reason kind
 */
public record DatasetSummary(String id, String name, String kind, int imageSize, String color, int trainClasses,
    int testClasses, long images, int contents, int skipped, Map<String, Integer> skippedByReason,
    String manifestKey, String contactSheetKey, String reportKey, double seconds) {

  static DatasetSummary of(DatasetManifest manifest, int skipped, Map<String, Integer> skippedByReason,
      double seconds) {
    String id = manifest.id();
    return new DatasetSummary(id, manifest.name(), manifest.kind(), manifest.imageSize(), manifest.color(),
        manifest.split(DatasetManifest.SPLIT_TRAIN).size(), manifest.split(DatasetManifest.SPLIT_TEST).size(),
        manifest.imageCount(), manifest.contents().size(), skipped, skippedByReason,
        StoredDatasets.key(id, DatasetDirectory.MANIFEST), StoredDatasets.key(id, DatasetDirectory.CONTACT_SHEET),
        StoredDatasets.key(id, DatasetDirectory.REPORT), Math.round(seconds * 10) / 10.0);
  }
}
