package io.funit.gateway.http;

import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A file of a multipart form, read into memory by {@link MemoryMultipart} or written to the upload directory by
 * Vert.x's BodyHandler (large bodies, and every body the idempotency guard read first): routes read both the same
 * way. {@link #bytes()} may read a file: call it off the event loop.
 */
public interface FormFile {
  /** The form field it came in. */
  String field();

  /** The name the client gave the file. */
  String fileName();

  long size();

  byte[] bytes();

  /** Every file of the request, in the order sent. */
  static List<FormFile> all(RoutingContext ctx) {
    List<FormFile> inMemory = MemoryMultipart.files(ctx);
    if (inMemory != null) {
      return inMemory;
    }
    return ctx.fileUploads().stream().<FormFile>map(Stored::new).toList();
  }

  /** The files of one field, in the order sent. */
  static List<FormFile> named(RoutingContext ctx, String field) {
    return all(ctx).stream().filter(file -> file.field().equals(field)).toList();
  }

  /** A file held in memory. */
  record InMemory(String field, String fileName, byte[] content) implements FormFile {
    @Override
    public long size() {
      return content.length;
    }

    @Override
    public byte[] bytes() {
      return content;
    }
  }

  /** A file in the upload directory (deleted when the request ends). */
  record Stored(FileUpload upload) implements FormFile {
    @Override
    public String field() {
      return upload.name();
    }

    @Override
    public String fileName() {
      return upload.fileName();
    }

    @Override
    public long size() {
      return upload.size();
    }

    @Override
    public byte[] bytes() {
      try {
        return Files.readAllBytes(Path.of(upload.uploadedFileName()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the upload " + upload.uploadedFileName(), e);
      }
    }
  }
}
