package io.funit.eval;

import io.funit.common.config.Settings;
import io.funit.common.funit.engine.ComputeDevice;
import io.funit.common.worker.WorkerMain;
import io.funit.common.worker.probe.ProbeHandler;
import java.util.List;

/**
 * {@code java -jar funit-eval-worker.jar}: an eval worker process. Every worker also serves probe jobs, the
 * model-free diagnostic, so that any deployment can check its pipeline end to end.
 */
public final class EvalWorkerMain {
  private EvalWorkerMain() {}

  public static void main(String[] args) {
    Settings settings = Settings.fromEnvironment();
    WorkerMain.run("eval-worker", settings, () -> ComputeDevice.selectFrom(settings), services -> List.of(
        EvalJobHandler.fromSettings(services.store(), settings), new ProbeHandler(services.store())));
  }
}
