package io.funit.gateway.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.contract.InvalidRequestException;
import io.funit.common.contract.WebhookEventType;
import io.funit.common.contract.WebhookTarget;
import io.funit.common.json.Json;
import io.funit.gateway.http.HttpJson;
import io.funit.gateway.problem.ProblemException;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.Set;

/**
 * The {@code webhook} and {@code webhook_events} fields every job-creating POST accepts, read the same way for
 * JSON bodies and multipart forms without a field in any request record. A route puts this handler after its body
 * handler; it checks the URL (syntax, then the SSRF guard after DNS, off the event loop) and leaves the target in
 * the context for {@link #target}. A bad field is a 400 naming it.
 */
public final class WebhookFields implements Handler<RoutingContext> {
  private static final String KEY = "funit.webhook";
  private final Vertx vertx;
  private final WebhookSettings settings;
  private final AddressGuard guard;

  public WebhookFields(Vertx vertx, WebhookSettings settings) {
    this.vertx = vertx;
    this.settings = settings;
    this.guard = new AddressGuard(settings.allowPrivate());
  }

  /** The checked target of this request, or null when it asked for no webhook. */
  public static WebhookTarget target(RoutingContext ctx) {
    return ctx.get(KEY);
  }

  @Override
  public void handle(RoutingContext ctx) {
    WebhookTarget target = read(ctx);
    if (target == null) {
      ctx.next();
      return;
    }
    HttpJson.blocking(vertx, () -> {
      try {
        guard.resolve(AddressGuard.parse(target.url()));
      } catch (AddressGuard.RefusedException e) {
        throw ProblemException.badRequest("webhook", e.getMessage());
      }
      return target;
    }).onSuccess(checked -> {
      ctx.put(KEY, checked);
      ctx.next();
    }).onFailure(ctx::fail);
  }

  private WebhookTarget read(RoutingContext ctx) {
    String url;
    Set<WebhookEventType> events = EnumSet.noneOf(WebhookEventType.class);
    boolean hasEvents;
    if (ctx.request().isExpectMultipart() || !ctx.request().formAttributes().isEmpty()) {
      url = ctx.request().formAttributes().get("webhook");
      hasEvents = ctx.request().formAttributes().contains("webhook_events");
      for (String value : ctx.request().formAttributes().getAll("webhook_events")) {
        for (String name : value.split(",")) {
          if (!name.isBlank()) {
            events.add(event(name));
          }
        }
      }
    } else {
      JsonNode body = jsonBody(ctx);
      JsonNode webhook = body.path("webhook");
      if (!webhook.isMissingNode() && !webhook.isNull() && !webhook.isTextual()) {
        throw ProblemException.badRequest("webhook", "must be a URL string");
      }
      url = webhook.isTextual() ? webhook.asText() : null;
      JsonNode list = body.path("webhook_events");
      hasEvents = !list.isMissingNode() && !list.isNull();
      if (hasEvents && !list.isArray()) {
        throw ProblemException.badRequest("webhook_events", "must be an array of event names");
      }
      for (int i = 0; hasEvents && i < list.size(); i++) {
        if (!list.get(i).isTextual()) {
          throw ProblemException.badRequest("webhook_events[" + i + "]", "must be an event name");
        }
        events.add(event(list.get(i).asText()));
      }
    }
    if (url == null || url.isBlank()) {
      if (hasEvents) {
        throw ProblemException.badRequest("webhook_events", "needs a webhook URL in the field webhook");
      }
      return null;
    }
    if (!settings.enabled()) {
      throw ProblemException.badRequest("webhook", "webhooks are not configured on this deployment "
          + "(FUNIT_WEBHOOK_SECRETS is empty)");
    }
    try {
      AddressGuard.parse(url.trim());
    } catch (AddressGuard.RefusedException e) {
      throw ProblemException.badRequest("webhook", e.getMessage());
    }
    if (hasEvents && events.isEmpty()) {
      throw ProblemException.badRequest("webhook_events", "name at least one event, or leave the field out");
    }
    return new WebhookTarget(url.trim(), events);
  }

  private static JsonNode jsonBody(RoutingContext ctx) {
    if (ctx.body() == null || ctx.body().buffer() == null || ctx.body().length() <= 0) {
      return Json.MAPPER.createObjectNode(); // the route itself reports a missing body
    }
    try {
      return Json.MAPPER.readTree(ctx.body().buffer().getBytes());
    } catch (java.io.IOException e) {
      return Json.MAPPER.createObjectNode(); // likewise a malformed one
    }
  }

  private static WebhookEventType event(String name) {
    try {
      return WebhookEventType.fromWire(name);
    } catch (InvalidRequestException e) {
      throw ProblemException.badRequest("webhook_events", e.reason());
    }
  }
}
