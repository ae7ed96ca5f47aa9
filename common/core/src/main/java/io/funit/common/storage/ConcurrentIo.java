package io.funit.common.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Several object-store calls of one request at once: each is a round trip that mostly waits, so a translation's six
 * input writes (or reads) take about one round trip instead of six. One small pool per process, of daemon threads
 * that only run such calls (never wait on the pool themselves), so callers cannot deadlock it.
 */
public final class ConcurrentIo {
  private static final int THREADS = 8;
  private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();
  private static final ExecutorService POOL = Executors.newFixedThreadPool(THREADS, runnable -> {
    Thread thread = new Thread(runnable, "object-io-" + THREAD_NUMBER.incrementAndGet());
    thread.setDaemon(true);
    return thread;
  });

  private ConcurrentIo() {}

  /**
   * Runs every call, waits for all of them, and returns their results in order. If any failed, the first failure (in
   * order) is thrown once all have ended, so nothing is still writing when the caller cleans up.
   */
  public static <T> List<T> all(List<Callable<T>> calls) {
    if (calls.size() <= 1) {
      List<T> results = new ArrayList<>();
      for (Callable<T> call : calls) {
        results.add(run(call));
      }
      return results;
    }
    List<Future<T>> running = new ArrayList<>(calls.size());
    calls.forEach(call -> running.add(POOL.submit(call)));
    List<T> results = new ArrayList<>(calls.size());
    RuntimeException failure = null;
    for (Future<T> future : running) {
      try {
        results.add(future.get());
      } catch (ExecutionException e) {
        failure = failure != null ? failure : unchecked(e.getCause());
        results.add(null);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure = failure != null ? failure : new IllegalStateException("interrupted while waiting for storage", e);
        results.add(null);
      }
    }
    if (failure != null) {
      throw failure;
    }
    return results;
  }

  private static <T> T run(Callable<T> call) {
    try {
      return call.call();
    } catch (Exception e) {
      throw unchecked(e);
    }
  }

  private static RuntimeException unchecked(Throwable cause) {
    return cause instanceof RuntimeException runtime ? runtime
        : new StorageException("object-store call failed: " + cause.getMessage(), cause);
  }
}
