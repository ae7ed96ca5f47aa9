package io.funit.common.dataset.fonts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.zip.Deflater;

/**
 * Real fonts for the tests: DejaVu from the system when installed, otherwise fonts-dejavu-core fetched through
 * {@link DebianFontFetcher} into {@code target/} (apt works on CI machines). Also a minimal WOFF 1.0 encoder.
 */
final class TestFonts {
  private static final Path SYSTEM = Paths.get("/usr/share/fonts/truetype/dejavu");
  private static final Path CACHE = Paths.get("target/test-font-cache");

  private TestFonts() {}

  /** A DejaVu file of fonts-dejavu-core, e.g. {@code DejaVuSans.ttf}. */
  static synchronized Path dejavu(String fileName) throws IOException {
    Path system = SYSTEM.resolve(fileName);
    if (Files.isRegularFile(system)) {
      return system;
    }
    DebianFontFetcher fetcher = new DebianFontFetcher(CACHE);
    fetcher.fetch(java.util.List.of("fonts-dejavu-core"));
    return fetcher.fontFiles("fonts-dejavu-core").stream().filter(p -> p.getFileName().toString().equals(fileName))
        .findFirst().orElseThrow(() -> new IOException(fileName + " not in fonts-dejavu-core"));
  }

  /** Wraps an sfnt in WOFF 1.0: each table deflated unless that does not save space, as the spec allows. */
  static byte[] encodeWoff(byte[] sfnt) {
    ByteBuffer in = ByteBuffer.wrap(sfnt);
    int numTables = Short.toUnsignedInt(in.getShort(4));
    byte[][] tables = new byte[numTables][];
    int dataStart = 44 + 20 * numTables;
    ByteBuffer directory = ByteBuffer.allocate(20 * numTables);
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    int totalSfntSize = 12 + 16 * numTables;
    for (int i = 0; i < numTables; i++) {
      int record = 12 + 16 * i;
      int offset = in.getInt(record + 8);
      int length = in.getInt(record + 12);
      byte[] table = new byte[length];
      in.get(offset, table);
      byte[] compressed = deflate(table);
      tables[i] = compressed.length < length ? compressed : table;
      directory.putInt(in.getInt(record)).putInt(dataStart + data.size()).putInt(tables[i].length).putInt(length)
          .putInt(in.getInt(record + 4));
      data.writeBytes(tables[i]);
      while (data.size() % 4 != 0) {
        data.write(0);
      }
      totalSfntSize += (length + 3) & ~3;
    }
    ByteBuffer header = ByteBuffer.allocate(44);
    header.putInt(Woff1.SIGNATURE).putInt(in.getInt(0)).putInt(dataStart + data.size()).putShort((short) numTables)
        .putShort((short) 0).putInt(totalSfntSize).putShort((short) 1).putShort((short) 0);
    ByteArrayOutputStream woff = new ByteArrayOutputStream();
    woff.writeBytes(header.array()); // metadata and private-data offsets stay 0
    woff.writeBytes(directory.array());
    woff.writeBytes(data.toByteArray());
    return woff.toByteArray();
  }

  private static byte[] deflate(byte[] bytes) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
    deflater.setInput(bytes);
    deflater.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    while (!deflater.finished()) {
      out.write(buffer, 0, deflater.deflate(buffer));
    }
    deflater.end();
    return out.toByteArray();
  }
}
