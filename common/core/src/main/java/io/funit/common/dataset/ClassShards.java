package io.funit.common.dataset;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Reads and writes class shards: zip files whose entries are stored, not deflated (PNG and JPEG are compressed
 * already, and stored entries read with no inflater).
 */
public final class ClassShards {
  private ClassShards() {}

  /** One image of a class: its entry name and encoded bytes (PNG or JPEG). */
  public record NamedImage(String name, byte[] bytes) {}

  /** Writes a shard atomically: a reader never sees a partial file. */
  public static void write(Path shard, List<NamedImage> images) throws IOException {
    Files.createDirectories(shard.getParent());
    Path partial = shard.resolveSibling(shard.getFileName() + ".partial");
    try (OutputStream file = Files.newOutputStream(partial); ZipOutputStream zip = new ZipOutputStream(file)) {
      zip.setMethod(ZipOutputStream.STORED);
      for (NamedImage image : images) {
        ZipEntry entry = new ZipEntry(image.name());
        CRC32 crc = new CRC32();
        crc.update(image.bytes());
        entry.setSize(image.bytes().length);
        entry.setCompressedSize(image.bytes().length);
        entry.setCrc(crc.getValue());
        entry.setTime(0); // same bytes for the same images: rebuilds and redeliveries are idempotent
        zip.putNextEntry(entry);
        zip.write(image.bytes());
        zip.closeEntry();
      }
    }
    Files.move(partial, shard, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Reads every image of a shard, in entry order. */
  public static List<NamedImage> read(Path shard) throws IOException {
    List<NamedImage> images = new ArrayList<>();
    try (ZipFile zip = new ZipFile(shard.toFile())) {
      var entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        try (var in = zip.getInputStream(entry)) {
          images.add(new NamedImage(entry.getName(), in.readAllBytes()));
        }
      }
    }
    return images;
  }
}
