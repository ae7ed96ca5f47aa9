package io.funit.common.dataset.fonts;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Runs independent tasks on a pool and reports each completion on the calling thread, so that a progress callback
 * that throws (a cancel) stops the remaining tasks and propagates from the caller.
 */
final class ParallelTasks {
  private ParallelTasks() {}

  /** Called on the caller's thread after each task, with the number finished so far. */
  interface Completion {
    void completed(int finished);
  }

  /** The tasks' results in task order. */
  static <T> List<T> run(ExecutorService pool, List<Callable<T>> tasks, Completion completion) throws IOException {
    CompletionService<T> service = new ExecutorCompletionService<>(pool);
    List<Future<T>> futures = new ArrayList<>();
    boolean done = false;
    try {
      for (Callable<T> task : tasks) {
        futures.add(service.submit(task));
      }
      for (int finished = 1; finished <= tasks.size(); finished++) {
        service.take().get(); // surfaces the first failure now rather than after every task ran
        completion.completed(finished);
      }
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get());
      }
      done = true;
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IOException(cause);
    } finally {
      if (!done) {
        futures.forEach(f -> f.cancel(true));
      }
    }
  }
}
