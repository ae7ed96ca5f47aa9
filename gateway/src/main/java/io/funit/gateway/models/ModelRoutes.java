package io.funit.gateway.models;

import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.models.ModelCard;
import io.funit.common.models.ModelRegistry;
import io.funit.gateway.http.HttpJson;
import io.funit.gateway.problem.ProblemException;
import io.funit.gateway.tenants.Ownership;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.Map;

/** {@code /v1/models}: registered models (newest first) and their cards; {@code default} marks the default model. */
public final class ModelRoutes {
  private final Vertx vertx;
  private final ModelRegistry registry;
  private final Ownership owners;

  /** Lists and shows only the models the caller may use: its tenant's, and public ones ({@link Ownership}). */
  public ModelRoutes(Vertx vertx, ModelRegistry registry, Ownership owners) {
    this.vertx = vertx;
    this.registry = registry;
    this.owners = owners;
  }

  /**
   * A card, whether it is the default model, and its held-out figures when measured ({@code held-out-l1.json}:
   * glyph L1 of the model and the baselines on held-out fonts at K = 5, style agreement).
   */
  public record ModelView(ModelCard card, boolean isDefault, JsonNode heldOut) {}

  public void mount(Router router) {
    router.get("/v1/models").handler(ctx -> HttpJson.blocking(vertx, () -> {
      String def = registry.defaultModel().orElse(null);
      List<Map<String, Object>> items = registry.list().stream()
          .filter(c -> owners.modelVisible(ctx, c.id())).map(c -> summary(c, c.id().equals(def))).toList();
      return Map.of("items", items);
    }).onSuccess(body -> HttpJson.write(ctx, 200, body)).onFailure(ctx::fail));
    router.get("/v1/models/:id").handler(ctx -> HttpJson.blocking(vertx, () -> {
      String id = ctx.pathParam("id");
      if (!id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}")) {
        throw ProblemException.notFound("no model " + id);
      }
      ModelCard card = registry.card(id).filter(c -> owners.modelVisible(ctx, id))
          .orElseThrow(() -> ProblemException.notFound("no model " + id));
      return new ModelView(card, id.equals(registry.defaultModel().orElse(null)), registry.heldOut(id).orElse(null));
    }).onSuccess(view -> HttpJson.write(ctx, 200, view)).onFailure(ctx::fail));
  }

  private static Map<String, Object> summary(ModelCard c, boolean isDefault) {
    Map<String, Object> summary = new java.util.LinkedHashMap<>(); // tolerates a card with missing fields
    summary.put("id", c.id());
    summary.put("family", c.family());
    summary.put("preset", c.preset());
    summary.put("dataset", c.dataset());
    summary.put("dataset_name", c.datasetName());
    summary.put("iterations", c.iterations());
    summary.put("image_size", c.imageSize());
    summary.put("created_at", c.createdAt());
    summary.put("default", isDefault);
    summary.put("draws_text", c.contentFont() != null);
    summary.put("url", "/v1/models/" + c.id());
    return summary;
  }
}
