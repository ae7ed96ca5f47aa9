package io.funit.common.dataset.fonts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Font;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class Woff1Test {
  @Test
  void decodedWoffHoldsTheOriginalTablesAndLoadsAsAFont() throws IOException {
    byte[] ttf = Files.readAllBytes(TestFonts.dejavu("DejaVuSans.ttf"));
    byte[] woff = TestFonts.encodeWoff(ttf);
    assertThat(woff.length).isLessThan(ttf.length);

    byte[] decoded = Woff1.decode(woff, "DejaVuSans.woff");

    assertThat(tables(decoded)).isEqualTo(tables(ttf));
    List<Font> faces = FontFaces.load(null, woff, "DejaVuSans.woff");
    assertThat(faces).hasSize(1);
    assertThat(faces.get(0).getFamily()).isEqualTo("DejaVu Sans");
    List<String> contents = FontBuildOptions.ofPreset("ci", 32).contents();
    assertThat(GlyphRenderer.outlines(faces.get(0), contents).complete()).isTrue();
  }

  @Test
  void woff2IsRefusedWithAClearMessage() {
    byte[] woff2 = ByteBuffer.allocate(48).putInt(Woff1.SIGNATURE_WOFF2).array();
    assertThatThrownBy(() -> Woff1.decode(woff2, "caveat.woff2"))
        .isInstanceOf(IOException.class).hasMessageContaining("caveat.woff2").hasMessageContaining("WOFF 2.0");
  }

  @Test
  void truncatedWoffNamesTheFile() throws IOException {
    byte[] woff = TestFonts.encodeWoff(Files.readAllBytes(TestFonts.dejavu("DejaVuSans.ttf")));
    byte[] truncated = Arrays.copyOf(woff, woff.length / 2);
    assertThatThrownBy(() -> Woff1.decode(truncated, "half.woff"))
        .isInstanceOf(IOException.class).hasMessageContaining("half.woff");
  }

  /** Each table's tag and bytes, in directory order (offsets and padding may differ between encoders). */
  private static List<String> tables(byte[] sfnt) {
    ByteBuffer in = ByteBuffer.wrap(sfnt);
    int numTables = Short.toUnsignedInt(in.getShort(4));
    String[] tables = new String[numTables];
    for (int i = 0; i < numTables; i++) {
      int record = 12 + 16 * i;
      byte[] table = new byte[in.getInt(record + 12)];
      in.get(in.getInt(record + 8), table);
      tables[i] = Integer.toHexString(in.getInt(record)) + ":" + Arrays.hashCode(table) + ":" + table.length;
    }
    return List.of(tables);
  }
}
