package io.funit.common.training;

import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.json.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The header of a safetensors file (8-byte little-endian length, then JSON: name → dtype, shape and byte offsets,
 * and {@code __metadata__}), read without the tensors: what the gateway needs to check an uploaded checkpoint, and
 * where the model code's reader starts.
 *
 * @param json the whole header
 * @param dataStart the byte offset of the first tensor's data
 * @param metadata the string metadata, in file order
 */
public record SafeTensorsHeader(JsonNode json, long dataStart, Map<String, String> metadata) {
  public static final String METADATA = "__metadata__";
  /** Refuse absurd headers from damaged or hostile files. */
  private static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

  public static SafeTensorsHeader read(Path file) throws IOException {
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      return read(file, in);
    }
  }

  /** The header of {@code file}, open as {@code in}. */
  public static SafeTensorsHeader read(Path file, FileChannel in) throws IOException {
    ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    readFully(in, lengthBytes, 0);
    long headerLength = lengthBytes.flip().getLong();
    if (headerLength <= 0 || headerLength > MAX_HEADER_BYTES || headerLength + 8 > in.size()) {
      throw new IOException(file.getFileName() + " is not a safetensors file (header length " + headerLength + ")");
    }
    ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
    readFully(in, headerBytes, 8);
    JsonNode header;
    try {
      header = Json.MAPPER.readTree(new String(headerBytes.array(), StandardCharsets.UTF_8).trim());
    } catch (IOException e) {
      throw new IOException(file.getFileName() + " is not a safetensors file (its header is not JSON)", e);
    }
    if (header == null || !header.isObject()) {
      throw new IOException(file.getFileName() + " is not a safetensors file (its header is not a JSON object)");
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    header.path(METADATA).fields().forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
    return new SafeTensorsHeader(header, 8 + headerLength, metadata);
  }

  /** Each tensor's entry (dtype, shape, data_offsets) by name, in file order. */
  public Map<String, JsonNode> tensors() {
    Map<String, JsonNode> tensors = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (!entry.getKey().equals(METADATA)) {
        tensors.put(entry.getKey(), entry.getValue());
      }
    }
    return tensors;
  }

  /** Fills {@code buffer} from {@code position} on. */
  public static void readFully(FileChannel in, ByteBuffer buffer, long position) throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      int n = in.read(buffer, at);
      if (n < 0) {
        throw new IOException("unexpected end of file");
      }
      at += n;
    }
  }
}
