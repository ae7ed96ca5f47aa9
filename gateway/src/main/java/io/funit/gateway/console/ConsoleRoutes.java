package io.funit.gateway.console;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * Serves the console: {@code /} is its page, {@code /console/*} its scripts and styles, from the gateway jar. No
 * key is needed for them (they hold no data; every {@code /v1} call the page makes sends the key). A strict content
 * security policy keeps the page to its own scripts: images and downloads are fetched into {@code blob:} URLs, and
 * an evaluation report is shown in a sandboxed frame.
 */
public final class ConsoleRoutes {
  static final String ROOT = "io/funit/gateway/console";
  static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' blob: data:; "
      + "connect-src 'self'; frame-src blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private ConsoleRoutes() {}

  public static void mount(Router router) {
    StaticHandler assets = StaticHandler.create(ROOT).setCachingEnabled(false)
        .setDirectoryListing(false).setIncludeHidden(false).setDefaultContentEncoding("UTF-8");
    router.get("/").handler(ConsoleRoutes::headers).handler(ctx -> ctx.reroute("/console/index.html"));
    router.get("/console/*").handler(ConsoleRoutes::headers).handler(assets);
  }

  private static void headers(RoutingContext ctx) {
    ctx.response().putHeader("Content-Security-Policy", POLICY)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("Cache-Control", "no-cache"); // asset names carry no version: revalidate, so an upgrade shows at once
    ctx.next();
  }
}
