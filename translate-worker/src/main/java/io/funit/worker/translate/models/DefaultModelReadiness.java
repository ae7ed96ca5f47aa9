package io.funit.worker.translate.models;

import io.funit.common.health.Readiness;
import io.funit.common.models.ModelCards;
import io.funit.worker.translate.batching.TranslationBatcher;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The translate worker's readiness check {@code default_model}: the default model is loaded, so the first
 * translation does not pay for loading it. A check that finds it missing asks the batcher to load it; a stack
 * without a default model is ready (every request then names its model).
 */
public final class DefaultModelReadiness implements Supplier<String> {
  private final ModelCards cards;
  private final ModelCache models;
  private final TranslationBatcher batcher;
  /** A model that fails to load is asked for again at most this often, not at every probe. */
  private static final long RETRY_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
  private volatile long requestedAtNanos;
  private volatile String requested;

  public DefaultModelReadiness(ModelCards cards, ModelCache models, TranslationBatcher batcher) {
    this.cards = cards;
    this.models = models;
    this.batcher = batcher;
  }

  @Override
  public String get() {
    Optional<String> model = cards.defaultModel();
    if (model.isEmpty() || models.isLoaded(model.get())) {
      return Readiness.OK;
    }
    long now = System.nanoTime();
    if (!model.get().equals(requested) || now - requestedAtNanos > RETRY_NANOS) {
      requested = model.get();
      requestedAtNanos = now;
      batcher.warmUp(model.get());
    }
    return "loading the default model " + model.get();
  }

  public Readiness.Check check() {
    return new Readiness.Check("default_model", this);
  }
}
