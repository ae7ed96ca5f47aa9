package io.funit.common.dataset.fonts;

import io.funit.common.dataset.ClassShards;
import io.funit.common.dataset.ContactSheet;
import io.funit.common.dataset.DatasetClass;
import io.funit.common.dataset.DatasetDirectory;
import io.funit.common.dataset.DatasetManifest;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Draws a font dataset's contact sheet from its written shards: random classes × a fixed choice of characters. */
final class FontContactSheet {
  /** Characters that tell styles apart (round, straight, descenders, figures), shown when in the charset. */
  private static final String TELLING = "ABGMQRSaegkmqrsy0258";
  private static final int COLUMNS = 20;

  private FontContactSheet() {}

  static byte[] render(DatasetManifest manifest, DatasetDirectory out, int rows) throws IOException {
    List<Integer> columns = columns(manifest.contents());
    List<ContactSheet.Row> sheetRows = new ArrayList<>();
    for (int index : ContactSheet.pickClasses(manifest, rows, manifest.seed())) {
      DatasetClass c = manifest.classes().get(index);
      List<ClassShards.NamedImage> images = ClassShards.read(out.resolve(c.shard()));
      List<BufferedImage> picked = new ArrayList<>();
      for (int column : columns) {
        picked.add(ContactSheet.decode(images.get(column).bytes()));
      }
      sheetRows.add(new ContactSheet.Row(c.name() + " [" + c.split() + "]", picked));
    }
    int cell = Math.max(32, Math.min(64, manifest.imageSize()));
    return ContactSheet.render(sheetRows, cell);
  }

  /** Content indices to show: the telling characters present, else evenly spaced contents. */
  static List<Integer> columns(List<String> contents) {
    List<Integer> columns = new ArrayList<>();
    TELLING.codePoints().mapToObj(Character::toString).map(contents::indexOf).filter(i -> i >= 0)
        .forEach(columns::add);
    if (columns.size() < COLUMNS / 2) {
      columns.clear();
      int n = Math.min(COLUMNS, contents.size());
      for (int k = 0; k < n; k++) {
        columns.add(k * contents.size() / n);
      }
    }
    return columns;
  }
}
