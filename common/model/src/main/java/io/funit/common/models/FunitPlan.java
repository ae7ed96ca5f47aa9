package io.funit.common.models;

import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.funit.config.FunitConfig;
import io.funit.common.json.Json;

/** A FUNIT training's configuration. */
public record FunitPlan(FunitConfig config) implements ModelPlan {
  @Override
  public String family() {
    return ModelCard.FUNIT;
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

  @Override
  public int numClasses() {
    return config.dis().numClasses();
  }

  @Override
  public boolean pairedTargets() {
    return config.loss().pairedW() > 0;
  }

  @Override
  public int classShots() {
    return config.classShots();
  }

  @Override
  public JsonNode cardConfig() {
    return Json.MAPPER.valueToTree(config);
  }
}
