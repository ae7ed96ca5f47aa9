package io.funit.train;

import io.funit.common.worker.WorkerMain;
import io.funit.common.worker.probe.ProbeHandler;
import java.util.List;

/**
 * {@code java -jar funit-train-worker.jar}: a train worker process. Every worker also serves probe jobs, the
 * model-free diagnostic, so that any deployment can check its pipeline end to end.
 */
public final class TrainWorkerMain {
  private TrainWorkerMain() {}

  public static void main(String[] args) {
    WorkerMain.run("train-worker", store -> List.of(new ProbeHandler(store)));
  }
}
