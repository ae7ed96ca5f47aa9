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
 * file to the upload directory and the route reads it back: six temporary files per translation, about a tenth of
 * the gateway's CPU per job under load (./funit bench serve, docs/benchmarks.md). Same contract as BodyHandler for
 * what the route sees: form attributes on the request, files in order ({@link FormFile#all}), 413 over the body
 * limit (before reading when Content-Length says so), 400 for a malformed body. A body some earlier handler already
 * read (the idempotency guard) is left as it is.
 */
public final class MemoryMultipart implements Handler<RoutingContext> {
  private static final String FILES = MemoryMultipart.class.getName() + ".files";

  private final long bodyLimit;

  public MemoryMultipart(long bodyLimit) {
    this.bodyLimit = bodyLimit;
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
    HttpServerRequest request = ctx.request();
    String declared = request.getHeader("Content-Length");
    if (declared != null && parsedOrZero(declared) > bodyLimit) {
      ctx.fail(413);
      return;
    }
    new Reading(ctx).start();
  }

  private static long parsedOrZero(String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return 0; // the body's own length is counted as it arrives
    }
  }

  /** One request's body as it arrives. */
  private final class Reading {
    private final RoutingContext ctx;
    private final List<FormFile> files = new ArrayList<>();
    private long received;
    private boolean failed;

    Reading(RoutingContext ctx) {
      this.ctx = ctx;
    }

    void start() {
      HttpServerRequest request = ctx.request();
      request.setExpectMultipart(true);
      request.handler(chunk -> { // the raw body, files and text fields alike, as BodyHandler counts it
        received += chunk.length();
        if (received > bodyLimit) {
          fail(413, null);
        }
      });
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
        if (error == null) {
          ctx.fail(status);
        } else {
          ctx.fail(status, error);
        }
      }
    }
  }
}
