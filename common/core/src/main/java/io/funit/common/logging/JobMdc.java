package io.funit.common.logging;

import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.MDC;

/**
 * The job context of log lines. A worker's job thread sets it for the run of a job ({@link #open}); threads that
 * a job starts to work for it take the context of the thread that made them ({@link #propagating},
 * {@link #threadFactory}), so their lines carry the same job id.
 */
public final class JobMdc {
  public static final String JOB_ID = "job_id";
  public static final String JOB_TYPE = "job_type";
  public static final String ATTEMPT = "attempt";
  public static final String WORKER_ID = "worker_id";

  private JobMdc() {}

  /** Sets the job's context on this thread until the returned scope is closed (which restores the previous one). */
  public static Scope open(String jobId, String type, int attempt, String workerId) {
    Map<String, String> previous = MDC.getCopyOfContextMap();
    MDC.put(JOB_ID, jobId);
    MDC.put(JOB_TYPE, type);
    MDC.put(ATTEMPT, Integer.toString(attempt));
    MDC.put(WORKER_ID, workerId);
    return () -> restore(previous);
  }

  /** Sets exactly this context on this thread until the scope is closed (for work done for several jobs at once). */
  public static Scope with(Map<String, String> context) {
    Map<String, String> previous = MDC.getCopyOfContextMap();
    restore(context);
    return () -> restore(previous);
  }

  /** {@code task} run with the log context this thread has now, wherever it runs. */
  public static Runnable propagating(Runnable task) {
    Map<String, String> context = MDC.getCopyOfContextMap();
    return () -> {
      Map<String, String> previous = MDC.getCopyOfContextMap();
      restore(context);
      try {
        task.run();
      } finally {
        restore(previous);
      }
    };
  }

  /** Threads named {@code name-N} that run with the log context of the thread that calls this. */
  public static ThreadFactory threadFactory(String name, boolean daemon) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(propagating(task), name + "-" + count.incrementAndGet());
      thread.setDaemon(daemon);
      return thread;
    };
  }

  private static void restore(Map<String, String> context) {
    if (context == null) {
      MDC.clear();
    } else {
      MDC.setContextMap(context);
    }
  }

  /** The span of a job's log context on one thread. */
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }
}
