package io.funit.common.dataset.imports;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * The entries of a zip, tar or gzip-compressed tar file, told apart by their magic bytes, not by a file name the
 * client chose. Zip files are read through their central directory (what unzip tools show); symbolic links,
 * hard links and devices are reported as {@link EntryKind#OTHER}, never followed.
 */
public final class ArchiveSource implements ImportSource {
  private static final byte[] ZIP = {'P', 'K', 3, 4};
  private static final byte[] EMPTY_ZIP = {'P', 'K', 5, 6};
  private static final byte[] GZIP = {0x1f, (byte) 0x8b};
  private static final int TAR_MAGIC_OFFSET = 257;

  private final Path file;

  public ArchiveSource(Path file) {
    this.file = file;
  }

  /** The archive format, from the first bytes of a file. */
  public enum Format { ZIP, TAR_GZ, TAR, UNKNOWN }

  /** Reads the magic bytes: lets the gateway refuse a non-archive before storing anything. */
  public static Format sniff(Path file) throws IOException {
    byte[] head = new byte[TAR_MAGIC_OFFSET + 8];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    }
    if (startsWith(head, n, ZIP) || startsWith(head, n, EMPTY_ZIP)) {
      return Format.ZIP;
    }
    if (startsWith(head, n, GZIP)) {
      return Format.TAR_GZ;
    }
    boolean tar = n >= TAR_MAGIC_OFFSET + 5
        && new String(head, TAR_MAGIC_OFFSET, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("ustar");
    return tar ? Format.TAR : Format.UNKNOWN;
  }

  @Override
  public void forEach(Visitor visitor) throws IOException, ImportRejectedException {
    Format format = sniff(file);
    if (format == Format.ZIP) {
      readZip(visitor);
    } else if (format == Format.TAR_GZ) {
      try (InputStream gz = new GzipCompressorInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
        readTar(gz, visitor);
      }
    } else if (format == Format.TAR) {
      try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
        readTar(in, visitor);
      }
    } else {
      throw new ImportRejectedException("the upload is not a zip, tar or tar.gz archive", null);
    }
  }

  private void readZip(Visitor visitor) throws IOException, ImportRejectedException {
    try (ZipFile zip = ZipFile.builder().setPath(file).get()) {
      Enumeration<ZipArchiveEntry> entries = zip.getEntries();
      while (entries.hasMoreElements()) {
        ZipArchiveEntry entry = entries.nextElement();
        if (entry.isDirectory()) {
          visitor.visit(entry.getName(), EntryKind.DIRECTORY, null);
        } else if (entry.isUnixSymlink() || !zip.canReadEntryData(entry)) {
          visitor.visit(entry.getName(), EntryKind.OTHER, null);
        } else {
          try (InputStream in = zip.getInputStream(entry)) {
            visitor.visit(entry.getName(), EntryKind.FILE, in);
          }
        }
      }
    }
  }

  private static void readTar(InputStream raw, Visitor visitor) throws IOException, ImportRejectedException {
    TarArchiveInputStream tar = new TarArchiveInputStream(raw);
    TarArchiveEntry entry;
    try {
      while ((entry = tar.getNextEntry()) != null) {
        if (entry.isDirectory()) {
          visitor.visit(entry.getName(), EntryKind.DIRECTORY, null);
        } else if (entry.isFile() && !entry.isLink() && !entry.isSymbolicLink()) {
          visitor.visit(entry.getName(), EntryKind.FILE, tar);
        } else {
          visitor.visit(entry.getName(), EntryKind.OTHER, null);
        }
      }
    } catch (IllegalArgumentException e) {
      throw new ImportRejectedException("the tar archive is corrupt: " + e.getMessage(), null);
    }
  }

  private static boolean startsWith(byte[] head, int n, byte[] magic) {
    return n >= magic.length && Arrays.equals(head, 0, magic.length, magic, 0, magic.length);
  }
}
