package io.funit.translate;

import io.funit.common.config.Settings;
import io.funit.common.funit.engine.ComputeDevice;
import io.micrometer.core.instrument.MeterRegistry;
import io.funit.common.models.ModelRegistry;
import io.funit.common.storage.ObjectStore;
import io.funit.common.translate.TranslationLimits;
import io.funit.common.worker.JobHandler;
import io.funit.common.worker.WorkerMain;
import io.funit.common.worker.WorkerServices;
import io.funit.common.worker.probe.ProbeHandler;
import io.funit.translate.batching.BatchingSettings;
import io.funit.translate.batching.TranslationBatcher;
import io.funit.translate.job.TranslateHandler;
import io.funit.translate.models.DefaultModelReadiness;
import io.funit.translate.models.ModelCache;
import io.funit.common.models.ModelCards;
import java.util.List;

/**
 * {@code java -jar funit-translate-worker.jar}: a translate worker process. Every worker also serves probe jobs, the
 * model-free diagnostic, so that any deployment can check its pipeline end to end.
 */
public final class TranslateWorkerMain {
  private TranslateWorkerMain() {}

  public static void main(String[] args) {
    Settings settings = Settings.fromEnvironment();
    WorkerMain.run("translate-worker", settings, () -> ComputeDevice.selectFrom(settings),
        TranslateWorkerMain::handlers);
  }

  /** The jobs a translate worker runs: translations, and probes. */
  public static List<JobHandler<?>> handlers(WorkerServices services) {
    return List.of(new ProbeHandler(services.store()),
        translateHandler(services.store(), services.settings(), services.metrics()));
  }

  /**
   * The translate handler with its batcher and model cache (FUNIT_MODEL_CACHE_BYTES, default 2 GiB of parameters),
   * their figures in {@code metrics}. They live as long as the process.
   */
  public static JobHandler<?> translateHandler(ObjectStore store, Settings settings, MeterRegistry metrics) {
    ModelCache models = new ModelCache(store, settings.longValue("FUNIT_MODEL_CACHE_BYTES", 2L << 30), metrics);
    TranslationBatcher batcher = new TranslationBatcher(BatchingSettings.from(settings), models::get, metrics);
    ModelCards cards = new ModelCards(new ModelRegistry(store));
    return new TranslateHandler(store, cards, batcher, TranslationLimits.from(settings),
        TranslateHandler.inFlight(settings), new DefaultModelReadiness(cards, models, batcher));
  }
}
