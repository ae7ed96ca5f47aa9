package io.funit.gateway.http;

import io.netty.handler.codec.DecoderException;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a small multipart body (a translation's few glyphs) into memory, where Vert.x's BodyHandler writes every
 * file to the upload directory and the route reads it back: six temporary files per translation, the gateway's
 * upload pool's CPU under load (./funit bench serve, docs/benchmarks.md "Serving"). Only a body whose Content-Length
 * is at most {@link #IN_MEMORY_BYTES} is held in memory, so concurrent uploads cannot fill the heap; a larger or
 * unannounced one goes to {@code onDisk}, Vert.x's BodyHandler. Same contract as BodyHandler for what the route
 * sees: form attributes on the request, files in order ({@link FormFile#all}), 413 over the body limit, 400 for a
 * malformed body. A body some earlier handler already read (the idempotency guard) is left as it is.
 */
public final class MemoryMultipart implements Handler<RoutingContext> {
  /** A translation of glyphs or thumbnails is a few kilobytes to a few hundred; a megabyte leaves room. */
  public static final long IN_MEMORY_BYTES = 1 << 20;
  private static final String FILES = MemoryMultipart.class.getName() + ".files";

  private final long bodyLimit;
  private final Handler<RoutingContext> onDisk;

  /** @param onDisk the body handler for larger bodies, with the same {@code bodyLimit} */
  public MemoryMultipart(long bodyLimit, Handler<RoutingContext> onDisk) {
    this.bodyLimit = bodyLimit;
    this.onDisk = onDisk;
  }

  /** Small bodies in memory, larger ones through a BodyHandler into {@code uploadDir}, both up to {@code bodyLimit}. */
  public static MemoryMultipart orUploadDir(long bodyLimit, String uploadDir) {
    return new MemoryMultipart(bodyLimit, io.vertx.ext.web.handler.BodyHandler.create(uploadDir)
        .setBodyLimit(bodyLimit).setDeleteUploadedFilesOnEnd(true));
  }

  /** The files this handler read, or null if it did not read the body. */
  static List<FormFile> files(RoutingContext ctx) {
    return ctx.get(FILES);
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (ctx.body().available()) {
      ctx.next();
      return;
    }
    long declared = declaredLength(ctx.request());
    if (declared < 0 || declared > Math.min(bodyLimit, IN_MEMORY_BYTES)) {
      onDisk.handle(ctx); // also refuses a body over the limit, as before
      return;
    }
    new Reading(ctx).start();
  }

  /** The Content-Length, or -1 when absent or unreadable (chunked). */
  private static long declaredLength(HttpServerRequest request) {
    String value = request.getHeader("Content-Length");
    if (value == null) {
      return -1;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** One request's body as it arrives. */
  private static final class Reading {
    private final RoutingContext ctx;
    private final List<FormFile> files = new ArrayList<>();
    private boolean failed;

    Reading(RoutingContext ctx) {
      this.ctx = ctx;
    }

    void start() {
      HttpServerRequest request = ctx.request();
      request.setExpectMultipart(true); // the body is at most its Content-Length, checked against the limit
      request.uploadHandler(upload -> {
        Buffer content = Buffer.buffer();
        upload.handler(chunk -> {
          if (!failed) {
            content.appendBuffer(chunk);
          }
        });
        upload.endHandler(end -> {
          if (!failed) {
            files.add(new FormFile.InMemory(upload.name(), upload.filename(), content.getBytes()));
          }
        });
      });
      request.exceptionHandler(error -> fail(error instanceof DecoderException ? 400 : 500, error));
      request.endHandler(end -> {
        if (!failed) {
          ctx.put(FILES, List.copyOf(files));
          ctx.next();
        }
      });
      request.resume(); // the router paused the request until a handler would read its body
    }

    private void fail(int status, Throwable error) {
      if (!failed) {
        failed = true;
        files.clear();
        ctx.fail(status, error);
      }
    }
  }
}
