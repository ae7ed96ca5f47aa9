package io.funit.common.stargan;

import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.json.Json;
import io.funit.common.models.ModelCard;
import io.funit.common.models.ModelPlan;
import io.funit.common.stargan.config.StarGanConfig;

/** A StarGAN training's configuration. */
public record StarGanPlan(StarGanConfig config) implements ModelPlan {
  @Override
  public String family() {
    return ModelCard.STARGAN;
  }

  @Override
  public String preset() {
    return config.preset();
  }

  @Override
  public int imageSize() {
    return config.imageSize();
  }

  @Override
  public int batchSize() {
    return config.batchSize();
  }

  @Override
  public long maxIterations() {
    return config.maxIter();
  }

  /** The domains the generator is conditioned on. */
  @Override
  public int numClasses() {
    return config.domains();
  }

  @Override
  public JsonNode cardConfig() {
    return Json.MAPPER.valueToTree(config);
  }
}
