package io.funit.common.dataset.fonts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes WOFF 1.0 (W3C Recommendation, 2012) into the sfnt (TTF/OTF) it wraps, so that AWT can load it. WOFF 1.0 is
 * the sfnt's tables, each zlib-compressed unless that would not save space; the decoder inflates them and rebuilds
 * the sfnt offset table. WOFF 2.0 (Brotli plus glyf transforms) is refused with a clear message.
 */
public final class Woff1 {
  /** "wOFF". */
  public static final int SIGNATURE = 0x774F4646;
  /** "wOF2". */
  public static final int SIGNATURE_WOFF2 = 0x774F4632;
  private static final int HEADER_BYTES = 44;
  private static final int WOFF_ENTRY_BYTES = 20;
  private static final int SFNT_ENTRY_BYTES = 16;

  private Woff1() {}

  /** True if {@code data} starts with the WOFF 1.0 or 2.0 signature. */
  public static boolean isWoff(byte[] data) {
    if (data.length < 4) {
      return false;
    }
    int signature = ByteBuffer.wrap(data).getInt(0);
    return signature == SIGNATURE || signature == SIGNATURE_WOFF2;
  }

  /**
   * Returns the sfnt bytes of a WOFF 1.0 file.
   *
   * @param name the file name, for error messages
   * @throws IOException if the data is WOFF 2.0 or not well-formed WOFF 1.0
   */
  public static byte[] decode(byte[] woff, String name) throws IOException {
    try {
      return decodeChecked(ByteBuffer.wrap(woff), name);
    } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException e) {
      throw new IOException(name + ": truncated or malformed WOFF 1.0 data", e);
    }
  }

  private static byte[] decodeChecked(ByteBuffer in, String name) throws IOException {
    int signature = in.getInt(0);
    if (signature == SIGNATURE_WOFF2) {
      throw new IOException(name + ": WOFF 2.0 is not supported (it needs Brotli and glyf transforms); "
          + "use the WOFF 1.0, TTF or OTF version of the font");
    }
    if (signature != SIGNATURE) {
      throw new IOException(name + ": not a WOFF file (signature 0x" + Integer.toHexString(signature) + ")");
    }
    int flavor = in.getInt(4);
    int numTables = Short.toUnsignedInt(in.getShort(12));
    int totalSfntSize = in.getInt(16);
    if (numTables == 0 || totalSfntSize <= 0) {
      throw new IOException(name + ": WOFF header has " + numTables + " tables, sfnt size " + totalSfntSize);
    }
    int directoryEnd = HEADER_BYTES + numTables * WOFF_ENTRY_BYTES;
    ByteBuffer out = ByteBuffer.allocate(Math.max(totalSfntSize, 12 + numTables * SFNT_ENTRY_BYTES));
    writeOffsetTable(out, flavor, numTables);
    int tableOffset = 12 + numTables * SFNT_ENTRY_BYTES;
    for (int i = 0; i < numTables; i++) {
      int entry = HEADER_BYTES + i * WOFF_ENTRY_BYTES;
      int tag = in.getInt(entry);
      int offset = in.getInt(entry + 4);
      int compLength = in.getInt(entry + 8);
      int origLength = in.getInt(entry + 12);
      int checksum = in.getInt(entry + 16);
      if (offset < directoryEnd || compLength < 0 || origLength < compLength
          || (long) offset + compLength > in.capacity()) {
        throw new IOException(name + ": table " + tagName(tag) + " lies outside the file or has bad lengths");
      }
      byte[] table = compLength == origLength
          ? copy(in, offset, compLength)
          : inflate(in.array(), offset, compLength, origLength, name + " table " + tagName(tag));
      int recordAt = 12 + i * SFNT_ENTRY_BYTES;
      out.putInt(recordAt, tag).putInt(recordAt + 4, checksum).putInt(recordAt + 8, tableOffset)
          .putInt(recordAt + 12, origLength);
      if ((long) tableOffset + padded(origLength) > out.capacity()) {
        throw new IOException(name + ": tables exceed the declared sfnt size " + totalSfntSize);
      }
      out.put(tableOffset, table);
      tableOffset += padded(origLength); // sfnt tables start on 4-byte boundaries
    }
    byte[] sfnt = new byte[Math.min(tableOffset, out.capacity())];
    out.get(0, sfnt);
    return sfnt;
  }

  /** The sfnt offset table; the binary-search fields follow the OpenType formula. */
  private static void writeOffsetTable(ByteBuffer out, int flavor, int numTables) {
    int entrySelector = 31 - Integer.numberOfLeadingZeros(numTables);
    int searchRange = (1 << entrySelector) * 16;
    out.putInt(0, flavor).putShort(4, (short) numTables).putShort(6, (short) searchRange)
        .putShort(8, (short) entrySelector).putShort(10, (short) (numTables * 16 - searchRange));
  }

  private static byte[] copy(ByteBuffer in, int offset, int length) {
    byte[] bytes = new byte[length];
    in.get(offset, bytes);
    return bytes;
  }

  private static byte[] inflate(byte[] data, int offset, int length, int expected, String what) throws IOException {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(data, offset, length);
      byte[] out = new byte[expected];
      int n = 0;
      while (n < expected && !inflater.finished()) {
        int got = inflater.inflate(out, n, expected - n);
        if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        n += got;
      }
      if (n != expected) {
        throw new IOException(what + ": inflated to " + n + " bytes, expected " + expected);
      }
      return out;
    } catch (DataFormatException e) {
      throw new IOException(what + ": bad zlib data", e);
    } finally {
      inflater.end();
    }
  }

  private static int padded(int length) {
    return (length + 3) & ~3;
  }

  private static String tagName(int tag) {
    return new String(new char[] {(char) (tag >>> 24), (char) (tag >>> 16 & 0xFF), (char) (tag >>> 8 & 0xFF),
        (char) (tag & 0xFF)});
  }
}
