package io.funit.gateway.models;

import io.funit.common.models.ModelCard;
import io.funit.common.models.ModelRegistry;
import io.funit.gateway.http.HttpJson;
import io.funit.gateway.problem.ProblemException;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.Map;

/** {@code /v1/models}: registered models (newest first) and their cards; {@code default} marks the default model. */
public final class ModelRoutes {
  private final Vertx vertx;
  private final ModelRegistry registry;

  public ModelRoutes(Vertx vertx, ModelRegistry registry) {
    this.vertx = vertx;
    this.registry = registry;
  }

  /** A card and whether it is the default model. */
  public record ModelView(ModelCard card, boolean isDefault) {}

  public void mount(Router router) {
    router.get("/v1/models").handler(ctx -> vertx.executeBlocking(() -> {
      String def = registry.defaultModel().orElse(null);
      List<Map<String, Object>> items = registry.list().stream().map(c -> summary(c, c.id().equals(def))).toList();
      return Map.of("items", items);
    }).onSuccess(body -> HttpJson.write(ctx, 200, body)).onFailure(ctx::fail));
    router.get("/v1/models/:id").handler(ctx -> vertx.executeBlocking(() -> {
      String id = ctx.pathParam("id");
      ModelCard card = registry.card(id).orElseThrow(() -> ProblemException.notFound("no model " + id));
      return new ModelView(card, id.equals(registry.defaultModel().orElse(null)));
    }).onSuccess(view -> HttpJson.write(ctx, 200, view)).onFailure(ctx::fail));
  }

  private static Map<String, Object> summary(ModelCard c, boolean isDefault) {
    return Map.of("id", c.id(), "preset", c.preset(), "dataset", c.dataset(), "iterations", c.iterations(),
        "image_size", c.imageSize(), "created_at", c.createdAt().toString(), "default", isDefault,
        "url", "/v1/models/" + c.id());
  }
}
