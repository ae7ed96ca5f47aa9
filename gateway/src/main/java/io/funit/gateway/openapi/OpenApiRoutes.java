package io.funit.gateway.openapi;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi.json}: the OpenAPI 3.1 description of the API. It is a hand-maintained resource, not generated:
 * the routes are plain Vert.x handlers with no annotations to generate from, and a test holds the document to the
 * router (every route documented, every documented operation served) and to real responses (bodies validate
 * against its schemas). No API key is needed, like {@code /healthz}: a client reads it before it has a key.
 */
public final class OpenApiRoutes {
  /** The document on the classpath, beside this class. */
  public static final String RESOURCE = "/io/funit/gateway/openapi/openapi.json";

  private OpenApiRoutes() {}

  public static void mount(Router router) {
    Buffer document = Buffer.buffer(load()); // read once: it never changes while the process runs
    router.get("/openapi.json").handler(ctx -> ctx.response().putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-cache").end(document));
  }

  /** The document's bytes. */
  public static byte[] load() {
    try (InputStream in = OpenApiRoutes.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the gateway jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
