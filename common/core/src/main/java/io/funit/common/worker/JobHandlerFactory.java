package io.funit.common.worker;

/**
 * Makes one job type's handler for a worker process. Each handler registers one, next to itself, with
 * {@code @AutoService(JobHandlerFactory.class)}; a worker runs the handlers of every factory on its classpath that
 * names it ({@link WorkerMain#handlers}), so no list of types is kept by hand. A worker's jar holds its own
 * handlers; {@link #worker} keeps them apart where several workers share one classpath (tests, the launcher).
 */
public interface JobHandlerFactory {
  /** {@link #worker()} of a handler every worker runs (the probe). */
  String EVERY_WORKER = "*";

  /** The worker that runs the handler, by the name it gives {@link WorkerMain#run} ("train-worker"). */
  String worker();

  /** Builds the handler; it lives as long as the process. */
  JobHandler<?> create(WorkerServices services);
}
