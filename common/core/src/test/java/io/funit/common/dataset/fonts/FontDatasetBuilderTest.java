package io.funit.common.dataset.fonts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.funit.common.dataset.ClassShards;
import io.funit.common.dataset.ContactSheet;
import io.funit.common.dataset.DatasetClass;
import io.funit.common.dataset.DatasetDirectory;
import io.funit.common.dataset.DatasetManifest;
import io.funit.common.json.Json;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FontDatasetBuilderTest {
  private static final int SIZE = 32;

  @TempDir
  Path temp;

  @Test
  void buildsAFolderOfFontsIntoADatasetWithReasonsForEverySkip() throws IOException {
    Path fonts = fontFolder();
    DatasetDirectory out = new DatasetDirectory(temp.resolve("out"));
    FontBuildOptions options = new FontBuildOptions(null, fonts, SIZE, null, 3, 0.34, temp.resolve("cache"), 4);

    FontBuildSummary summary = new FontDatasetBuilder(2).build(options, out, "fonts-test", ProgressListener.NONE);

    DatasetManifest manifest = out.manifest().orElseThrow();
    assertThat(manifest.kind()).isEqualTo(DatasetManifest.KIND_FONTS);
    assertThat(manifest.imageSize()).isEqualTo(SIZE);
    assertThat(manifest.color()).isEqualTo("gray");
    assertThat(manifest.contents()).hasSize(62).startsWith("A", "B").endsWith("9");
    assertThat(manifest.classes()).extracting(DatasetClass::name)
        .containsExactly("DejaVu Sans", "DejaVu Sans Mono", "DejaVu Serif");
    assertThat(manifest.split("test")).hasSize(1);
    for (DatasetClass c : manifest.classes()) {
      assertThat(c.source().face()).isEqualTo(c.name());
      assertThat(c.source().origin()).startsWith(fonts.toAbsolutePath().toString());
      List<ClassShards.NamedImage> images = ClassShards.read(out.resolve(c.shard()));
      assertThat(images).extracting(ClassShards.NamedImage::name).isEqualTo(c.imageNames()).hasSize(62);
      for (ClassShards.NamedImage image : images) {
        BufferedImage decoded = ContactSheet.decode(image.bytes());
        assertThat(decoded.getWidth()).isEqualTo(SIZE);
        assertThat(decoded.getHeight()).isEqualTo(SIZE);
      }
    }
    BufferedImage sheet = ContactSheet.decode(Files.readAllBytes(out.resolve(DatasetDirectory.CONTACT_SHEET)));
    assertThat(sheet.getHeight()).isEqualTo(3 * SIZE);

    FontBuildReport report = Json.MAPPER.readValue(out.resolve(DatasetDirectory.REPORT).toFile(),
        FontBuildReport.class);
    assertThat(report.skippedByReason()).containsEntry(FontCuration.DUPLICATE_FILE, 1)
        .containsEntry(FontCuration.SAME_FAMILY, 1).containsEntry(FontCuration.NAME_FILTER, 1)
        .containsEntry(FontCuration.LOAD_FAILED, 1);
    assertThat(summary.trainClasses() + summary.testClasses()).isEqualTo(3);
    assertThat(summary.images()).isEqualTo(3 * 62);
    assertThat(summary.fontsConsidered()).isEqualTo(3 + summary.skippedFonts());
  }

  @Test
  void aThrowingProgressListenerCancelsTheBuild() throws IOException {
    Path fonts = fontFolder();
    DatasetDirectory out = new DatasetDirectory(temp.resolve("cancelled"));
    FontBuildOptions options = FontBuildOptions.ofFolder(fonts, SIZE);
    ProgressListener cancel = (done, total, message) -> {
      if (message.equals("rendering")) {
        throw new IllegalStateException("cancelled by the job");
      }
    };

    assertThatThrownBy(() -> new FontDatasetBuilder(2).build(options, out, "x", cancel))
        .isInstanceOf(IllegalStateException.class).hasMessage("cancelled by the job");
    assertThat(out.manifest()).isEmpty();
  }

  /**
   * Three families to keep (Sans as WOFF 1.0, Serif, Sans Mono), a bold cut of Serif (same family), a copy of
   * Serif (duplicate bytes), a "symbol" font (name filter) and a broken file (load failure).
   */
  private Path fontFolder() throws IOException {
    Path fonts = Files.createDirectories(temp.resolve("fonts/nested"));
    Files.write(fonts.resolve("DejaVuSans.woff"),
        TestFonts.encodeWoff(Files.readAllBytes(TestFonts.dejavu("DejaVuSans.ttf"))));
    Files.copy(TestFonts.dejavu("DejaVuSerif.ttf"), fonts.resolve("DejaVuSerif.ttf"));
    Files.copy(TestFonts.dejavu("DejaVuSerif.ttf"), fonts.resolve("SerifCopy.ttf"));
    Files.copy(TestFonts.dejavu("DejaVuSerif-Bold.ttf"), fonts.resolve("DejaVuSerif-Bold.ttf"));
    Files.copy(TestFonts.dejavu("DejaVuSansMono.ttf"), fonts.resolve("DejaVuSansMono.ttf"));
    Files.copy(TestFonts.dejavu("DejaVuSansMono-Bold.ttf"), fonts.resolve("MonoSymbols.ttf"));
    Files.writeString(fonts.resolve("broken.otf"), "not a font");
    return temp.resolve("fonts");
  }
}
