package io.funit.common.worker;

import java.util.function.Function;

/**
 * Makes one job type's handler for a worker process. Each handler registers one next to itself, a nested subclass
 * naming its worker and how the handler is made, with {@code @AutoService(JobHandlerFactory.class)}; a worker runs
 * the handlers of every factory on its classpath that names it ({@link WorkerMain#handlers}), so no list of types is
 * kept by hand. A worker's jar holds its own handlers; {@link #worker} keeps them apart where several workers share
 * one classpath (tests, the launcher).
 */
public abstract class JobHandlerFactory {
  /** {@link #worker()} of a handler every worker runs (the probe). */
  public static final String EVERY_WORKER = "*";

  private final String worker;
  private final Function<WorkerServices, JobHandler<?>> create;

  /**
   * @param worker the worker that runs the handler, by the name it gives {@link WorkerMain#run} ("train-worker")
   * @param create builds the handler; it lives as long as the process
   */
  protected JobHandlerFactory(String worker, Function<WorkerServices, JobHandler<?>> create) {
    this.worker = worker;
    this.create = create;
  }

  public final String worker() {
    return worker;
  }

  public final JobHandler<?> create(WorkerServices services) {
    return create.apply(services);
  }
}
