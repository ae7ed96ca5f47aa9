package io.funit.common.dataset.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.funit.common.dataset.ClassShards;
import io.funit.common.dataset.DatasetClass;
import io.funit.common.dataset.DatasetDirectory;
import io.funit.common.dataset.DatasetManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassFolderImporterTest {
  private static final ImportLimits LIMITS = new ImportLimits(1000, 100_000, 10_000_000, 1_000_000, 16, 2);
  @TempDir
  Path tmp;

  @Test
  void keepsValidImagesAndReportsEveryBadFileWithItsReason() throws Exception {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    for (int i = 0; i < 3; i++) {
      entries.put("cat/" + i + ".png", TestArchives.image("png", 40, 30, i));
      entries.put("dog/" + i + ".jpg", TestArchives.image("jpg", 50, 50, i + 3));
      entries.put("fox/" + i + ".gif", TestArchives.image("gif", 32, 32, i + 6));
    }
    entries.put("cat/truncated.png", TestArchives.truncated(TestArchives.image("png", 64, 64, 9)));
    entries.put("dog/truncated.jpg", TestArchives.truncated(TestArchives.image("jpg", 64, 64, 9)));
    entries.put("dog/notes.txt", "not an image".getBytes());
    entries.put("../../evil.png", TestArchives.image("png", 32, 32, 1));
    entries.put("fox/huge.bmp", TestArchives.image("bmp", 200, 200, 1)); // 120 kB > 100 kB entry limit
    entries.put("fox/bomb.png", TestArchives.image("png", 1100, 1000, 1)); // 1.1 MP > 1 MP pixel limit
    entries.put("fox/tiny.png", TestArchives.image("png", 8, 8, 1));
    entries.put("__MACOSX/cat/._0.png", new byte[10]);
    entries.put("loose.png", TestArchives.image("png", 32, 32, 1));
    entries.put("owl/only.png", TestArchives.image("png", 32, 32, 1));
    Path zip = TestArchives.zip(tmp.resolve("upload.zip"), entries);

    DatasetDirectory out = new DatasetDirectory(tmp.resolve("out"));
    ClassFolderImporter.Imported imported = new ClassFolderImporter(LIMITS).importInto(new ArchiveSource(zip, LIMITS.maxTotalBytes()),
        tmp.resolve("staging"), out, new ClassFolderImporter.Options("ds-1", "animals", 7, 0.34), (n, m) -> {});

    DatasetManifest manifest = out.manifest().orElseThrow();
    assertThat(manifest.classes()).extracting(DatasetClass::name).containsExactly("cat", "dog", "fox");
    assertThat(manifest.classes()).extracting(DatasetClass::images).containsExactly(3, 3, 3);
    assertThat(manifest.split(DatasetManifest.SPLIT_TEST)).hasSize(1);
    for (DatasetClass c : manifest.classes()) {
      List<ClassShards.NamedImage> images = ClassShards.read(out.resolve(c.shard()));
      assertThat(images).hasSize(3);
      for (ClassShards.NamedImage image : images) {
        assertThat(ImageIO.read(new java.io.ByteArrayInputStream(image.bytes()))).isNotNull();
      }
    }
    Map<String, String> reasons = imported.report().skipped().stream()
        .collect(Collectors.toMap(ImportReport.Skipped::path, ImportReport.Skipped::kind));
    assertThat(reasons).containsEntry("cat/truncated.png", "corrupt")
        .containsEntry("dog/truncated.jpg", "corrupt")
        .containsEntry("dog/notes.txt", "not-an-image")
        .containsEntry("../../evil.png", "unsafe-path")
        .containsEntry("fox/huge.bmp", "too-large")
        .containsEntry("fox/bomb.png", "bad-dimensions")
        .containsEntry("fox/tiny.png", "bad-dimensions")
        .containsEntry("__MACOSX/cat/._0.png", "hidden")
        .containsEntry("loose.png", "bad-layout")
        .containsEntry("owl/", "small-class");
    assertThat(imported.report().acceptedImages()).isEqualTo(9);
    assertThat(Files.exists(out.resolve(DatasetDirectory.CONTACT_SHEET))).isTrue();
  }

  @Test
  void acceptsOneWrappingFolderInATarAndNeverFollowsLinks() throws Exception {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    for (int i = 0; i < 2; i++) {
      entries.put("animals/cat/" + i + ".png", TestArchives.image("png", 32, 32, i));
      entries.put("animals/dog/" + i + ".png", TestArchives.image("png", 32, 32, i + 2));
    }
    Path tar = TestArchives.tarGz(tmp.resolve("upload.tgz"), entries, "animals/cat/passwd.png");
    DatasetDirectory out = new DatasetDirectory(tmp.resolve("out"));
    ClassFolderImporter.Imported imported = new ClassFolderImporter(LIMITS).importInto(new ArchiveSource(tar, LIMITS.maxTotalBytes()),
        tmp.resolve("staging"), out, new ClassFolderImporter.Options("ds-2", "animals", 1, 0.5), (n, m) -> {});
    assertThat(imported.manifest().classes()).extracting(DatasetClass::name).containsExactly("cat", "dog");
    assertThat(imported.report().skipped()).extracting(ImportReport.Skipped::kind).containsExactly("not-a-file");
  }

  @Test
  void refusesAnUploadWithFewerThanTwoUsableClassesAndWritesNothing() throws Exception {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("cat/0.png", TestArchives.image("png", 32, 32, 0));
    entries.put("cat/1.png", TestArchives.image("png", 32, 32, 1));
    entries.put("dog/broken.png", TestArchives.truncated(TestArchives.image("png", 32, 32, 2)));
    Path zip = TestArchives.zip(tmp.resolve("upload.zip"), entries);
    DatasetDirectory out = new DatasetDirectory(tmp.resolve("out"));
    assertThatThrownBy(() -> new ClassFolderImporter(LIMITS).importInto(new ArchiveSource(zip, LIMITS.maxTotalBytes()), tmp.resolve("s"),
        out, new ClassFolderImporter.Options("ds-3", "x", 1, 0.2), (n, m) -> {}))
        .isInstanceOf(ImportRejectedException.class)
        .hasMessageContaining("1 usable class folder")
        .satisfies(e -> assertThat(((ImportRejectedException) e).report().skipped())
            .extracting(ImportReport.Skipped::path).contains("dog/broken.png"));
    assertThat(Files.exists(out.root())).isFalse();
  }

  @Test
  void refusesWhatIsNotAnArchiveAndArchivesThatExpandTooFar() throws Exception {
    Path text = Files.writeString(tmp.resolve("a.zip"), "hello, I am not a zip file at all");
    assertThatThrownBy(() -> new ClassFolderImporter(LIMITS).importInto(new ArchiveSource(text, LIMITS.maxTotalBytes()), tmp.resolve("s"),
        new DatasetDirectory(tmp.resolve("o")), new ClassFolderImporter.Options("d", "x", 1, 0.2), (n, m) -> {}))
        .isInstanceOf(ImportRejectedException.class).hasMessageContaining("not a zip, tar or tar.gz");

    Map<String, byte[]> entries = new LinkedHashMap<>();
    for (int i = 0; i < 30; i++) {
      entries.put("c" + (i % 3) + "/" + i + ".bin", new byte[90_000]); // zeros: compresses to almost nothing
    }
    Path bomb = TestArchives.zip(tmp.resolve("bomb.zip"), entries);
    ImportLimits small = new ImportLimits(1000, 100_000, 1_000_000, 1_000_000, 16, 2);
    assertThatThrownBy(() -> new ClassFolderImporter(small).importInto(new ArchiveSource(bomb, 1_000_000), tmp.resolve("s2"),
        new DatasetDirectory(tmp.resolve("o2")), new ClassFolderImporter.Options("d", "x", 1, 0.2), (n, m) -> {}))
        .isInstanceOf(ImportRejectedException.class).hasMessageContaining("expands to more than 1000000 bytes");
    assertThat(Files.exists(tmp.resolve("o2"))).isFalse();

    // a tar.gz whose one oversized entry is skipped by the importer but still inflates: bounded all the same
    Path tarBomb = TestArchives.tarGz(tmp.resolve("bomb.tgz"), Map.of("c0/big.png", new byte[3_000_000],
        "c1/0.png", new byte[10]), null);
    assertThatThrownBy(() -> new ClassFolderImporter(small).importInto(new ArchiveSource(tarBomb, 1_000_000),
        tmp.resolve("s3"), new DatasetDirectory(tmp.resolve("o3")), new ClassFolderImporter.Options("d", "x", 1, 0.2),
        (n, m) -> {}))
        .isInstanceOf(ImportRejectedException.class).hasMessageContaining("expands to more than 1000000 bytes");
  }
}
