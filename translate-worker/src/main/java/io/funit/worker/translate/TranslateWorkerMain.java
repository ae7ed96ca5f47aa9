package io.funit.worker.translate;

import io.funit.common.config.Settings;
import io.funit.common.funit.engine.ComputeDevice;
import io.funit.common.worker.JobHandler;
import io.funit.common.worker.WorkerMain;
import io.funit.common.worker.WorkerServices;
import java.util.List;

/**
 * {@code java -jar funit-translate-worker.jar}: a translate worker process. Every worker also serves probe jobs, the
 * model-free diagnostic, so that any deployment can check its pipeline end to end.
 */
public final class TranslateWorkerMain {
  /** The worker's name: its handlers' factories name it ({@link io.funit.common.worker.JobHandlerFactory}). */
  public static final String NAME = "translate-worker";

  private TranslateWorkerMain() {}

  public static void main(String[] args) {
    Settings settings = Settings.fromEnvironment();
    WorkerMain.run(NAME, settings, () -> ComputeDevice.selectFrom(settings), TranslateWorkerMain::handlers);
  }

  /** The jobs a translate worker runs: translations, and probes. */
  public static List<JobHandler<?>> handlers(WorkerServices services) {
    return WorkerMain.handlers(NAME, services);
  }
}
