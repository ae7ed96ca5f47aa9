package io.funit.translate;

import io.funit.common.worker.WorkerMain;
import io.funit.common.worker.probe.ProbeHandler;
import java.util.List;

/**
 * {@code java -jar funit-translate-worker.jar}: a translate worker process. Every worker also serves probe jobs, the
 * model-free diagnostic, so that any deployment can check its pipeline end to end.
 */
public final class TranslateWorkerMain {
  private TranslateWorkerMain() {}

  public static void main(String[] args) {
    WorkerMain.run("translate-worker", store -> List.of(new ProbeHandler(store)));
  }
}
