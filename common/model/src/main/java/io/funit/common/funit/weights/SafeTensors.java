package io.funit.common.funit.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.funit.common.json.Json;
import io.funit.common.training.SafeTensorsHeader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The safetensors format (8-byte little-endian header length, a JSON header of name → dtype, shape and byte
 * offsets, then the raw little-endian data), for F32 and I64 tensors. Tensors are written one at a time and read
 * through a memory map, so a file is never held whole on the Java heap.
 */
public final class SafeTensors {
  private static final String METADATA = SafeTensorsHeader.METADATA;

  private SafeTensors() {}

  /** Tensors by name, in file order, and the string metadata. */
  public record Contents(Map<String, NDArray> tensors, Map<String, String> metadata) {}

  public static void write(Path file, Map<String, NDArray> tensors, Map<String, String> metadata) throws IOException {
    ObjectNode header = Json.MAPPER.createObjectNode();
    if (!metadata.isEmpty()) {
      ObjectNode meta = header.putObject(METADATA);
      metadata.forEach(meta::put);
    }
    long offset = 0;
    for (Map.Entry<String, NDArray> entry : tensors.entrySet()) {
      NDArray array = entry.getValue();
      long bytes = array.size() * dtypeBytes(array.getDataType());
      ObjectNode info = header.putObject(entry.getKey());
      info.put("dtype", dtypeName(array.getDataType()));
      var shape = info.putArray("shape");
      for (long d : array.getShape().getShape()) {
        shape.add(d);
      }
      info.putArray("data_offsets").add(offset).add(offset + bytes);
      offset += bytes;
    }
    byte[] json = Json.MAPPER.writeValueAsBytes(header);
    int padded = (json.length + 7) / 8 * 8;   // the format aligns the data to 8 bytes
    ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
    head.putLong(padded).put(json);
    while (head.hasRemaining()) {
      head.put((byte) ' ');
    }
    head.flip();
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      out.write(head);
      for (NDArray array : tensors.values()) {
        ByteBuffer data = array.toByteBuffer().order(ByteOrder.nativeOrder());
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
          throw new IllegalStateException("safetensors needs a little-endian machine");
        }
        while (data.hasRemaining()) {
          out.write(data);
        }
      }
    }
  }

  public static Contents read(Path file, NDManager manager) throws IOException {
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      SafeTensorsHeader header = SafeTensorsHeader.read(file, in);
      Map<String, NDArray> tensors = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> entry : header.tensors().entrySet()) {
        tensors.put(entry.getKey(), tensor(file, in, header.dataStart(), entry.getKey(), entry.getValue(), manager));
      }
      return new Contents(tensors, header.metadata());
    }
  }

  private static NDArray tensor(Path file, FileChannel in, long dataStart, String name, JsonNode info,
      NDManager manager) throws IOException {
    DataType type = dtype(info.path("dtype").asText(), name);
    long[] dims = new long[info.path("shape").size()];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = info.path("shape").get(i).asLong();
    }
    Shape shape = new Shape(dims);
    long begin = info.path("data_offsets").get(0).asLong();
    long end = info.path("data_offsets").get(1).asLong();
    if (end - begin != shape.size() * dtypeBytes(type) || dataStart + end > in.size() || begin < 0) {
      throw new IOException(file + ": tensor " + name + " has inconsistent offsets for shape " + shape);
    }
    ByteBuffer data = in.map(FileChannel.MapMode.READ_ONLY, dataStart + begin, end - begin)
        .order(ByteOrder.LITTLE_ENDIAN);
    return manager.create(data, shape, type);
  }

  private static DataType dtype(String name, String tensor) throws IOException {
    return switch (name) {
      case "F32" -> DataType.FLOAT32;
      case "I64" -> DataType.INT64;
      case "F64" -> DataType.FLOAT64;
      default -> throw new IOException("tensor " + tensor + " has unsupported dtype " + name + " (F32, F64, I64)");
    };
  }

  private static String dtypeName(DataType type) {
    return switch (type) {
      case FLOAT32 -> "F32";
      case INT64 -> "I64";
      case FLOAT64 -> "F64";
      default -> throw new IllegalArgumentException("cannot write dtype " + type + " to safetensors");
    };
  }

  private static long dtypeBytes(DataType type) {
    return type.getNumOfBytes();
  }
}
