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
  private final long maxInflatedBytes;

  /**
   * @param maxInflatedBytes bytes a tar stream may expand to (skipped parts of oversized entries included) before
   *     the archive is refused; zip entries are bounded by the importer, which reads each with a limit
   */
  public ArchiveSource(Path file, long maxInflatedBytes) {
    this.file = file;
    this.maxInflatedBytes = maxInflatedBytes;
  }

  /** Raised inside a read when the tar stream expands beyond the limit. */
  private static final class TooLarge extends IOException {
    TooLarge(long limit) {
      super("the archive expands to more than " + limit + " bytes");
    }
  }

  /** Counts every byte the tar reader pulls, including those it skips. */
  private static final class Bounded extends java.io.FilterInputStream {
    private final long limit;
    private long count;

    Bounded(InputStream in, long limit) {
      super(in);
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        add(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        add(n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      add(skipped);
      return skipped;
    }

    private void add(long n) throws IOException {
      count += n;
      if (count > limit) {
        throw new TooLarge(limit);
      }
    }
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
    } else if (format == Format.TAR_GZ || format == Format.TAR) {
      try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
           InputStream in = format == Format.TAR_GZ ? new GzipCompressorInputStream(raw) : raw) {
        readTar(new Bounded(in, maxInflatedBytes), visitor);
      } catch (TooLarge e) {
        throw new ImportRejectedException("the upload " + e.getMessage().substring(4), null);
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
