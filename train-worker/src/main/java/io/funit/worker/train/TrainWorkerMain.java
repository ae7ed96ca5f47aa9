package io.funit.worker.train;

import io.funit.common.config.Settings;
import io.funit.common.funit.engine.ComputeDevice;
import io.funit.common.worker.JobHandler;
import io.funit.common.worker.WorkerMain;
import io.funit.common.worker.WorkerServices;
import java.util.List;

/**
 * {@code java -jar funit-train-worker.jar}: a train worker process. It also builds datasets (dataset jobs have
 * their own topic and slot, so a dataset build never waits behind a training), and serves probe jobs, the
 * model-free diagnostic, so that any deployment can check its pipeline end to end.
 */
public final class TrainWorkerMain {
  /** The worker's name: its handlers' factories name it ({@link io.funit.common.worker.JobHandlerFactory}). */
  public static final String NAME = "train-worker";

  private TrainWorkerMain() {}

  public static void main(String[] args) {
    Settings settings = Settings.fromEnvironment();
    WorkerMain.run(NAME, settings, () -> ComputeDevice.selectFrom(settings), TrainWorkerMain::handlers);
  }

  /** The jobs a train worker runs: trainings, dataset builds, and probes. */
  public static List<JobHandler<?>> handlers(WorkerServices services) {
    return WorkerMain.handlers(NAME, services);
  }
}
