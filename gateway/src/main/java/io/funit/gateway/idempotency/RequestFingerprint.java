package io.funit.gateway.idempotency;

import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.util.Map;

/**
 * The fingerprint of a request whose body has been read: method and path, then for {@code multipart/form-data}
 * every text field (name, value) and every file (field name, file name, bytes) in the order sent, else the raw body.
 * Runs off the event loop: it reads uploaded files.
 */
final class RequestFingerprint {
  private RequestFingerprint() {}

  static String of(RoutingContext ctx) {
    Fingerprint fingerprint = new Fingerprint().text(ctx.request().method().name()).text(ctx.request().path());
    String contentType = ctx.request().getHeader("Content-Type");
    if (contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
      fingerprint.text("multipart");
      for (Map.Entry<String, String> field : ctx.request().formAttributes()) {
        fingerprint.text(field.getKey()).text(field.getValue());
      }
      for (FileUpload file : ctx.fileUploads()) {
        fingerprint.text(file.name()).text(file.fileName()).file(Path.of(file.uploadedFileName()));
      }
    } else {
      fingerprint.text("body").bytes(ctx.body() == null || ctx.body().buffer() == null ? new byte[0]
          : ctx.body().buffer().getBytes());
    }
    return fingerprint.hex();
  }
}
