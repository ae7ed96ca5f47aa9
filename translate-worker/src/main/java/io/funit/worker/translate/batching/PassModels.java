package io.funit.worker.translate.batching;

import io.funit.common.models.ServingModel;
import java.util.function.Function;

/**
 * Where a lane of the batcher gets the model of its pass: held until the pass ends, so that a cache evicting it for
 * another lane's model closes it only after the pass (see ModelCache).
 */
@FunctionalInterface
public interface PassModels {
  /** The loaded model {@code modelId}, held until the lease is closed. */
  Lease lease(String modelId);

  /** A model held for one pass. */
  interface Lease extends AutoCloseable {
    ServingModel model();

    @Override
    void close();
  }

  /** Models that outlive the batcher and are never closed while it runs: nothing to hold. */
  static PassModels unmanaged(Function<String, ServingModel> models) {
    return modelId -> {
      ServingModel model = models.apply(modelId);
      return new Lease() {
        @Override
        public ServingModel model() {
          return model;
        }

        @Override
        public void close() {}
      };
    };
  }
}
