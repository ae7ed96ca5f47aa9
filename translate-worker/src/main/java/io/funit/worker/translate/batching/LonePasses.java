package io.funit.worker.translate.batching;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Which pass may use every one of PyTorch's threads. Two lanes each run their passes on one thread, so that under
 * load two passes overlap instead of one pass waiting at every barrier for a preempted thread; but a pass that runs
 * alone leaves a core unused: on one thread a lone client's pass took 32–36 ms in the stack, where the model alone on
 * both threads took 19–22 (./funit bench serve, 1 client, docs/benchmarks.md). A pass is alone when it holds one job,
 * no other job waits, no other pass runs, and none of that was otherwise for {@link #QUIET_NANOS}: a lone client's
 * load. Such a pass takes every thread, and a lane that gets a batch meanwhile waits for it to end rather than start
 * a third thread on two cores (and the wait ends the quiet). Without the quiet spell, at 8 clients passes that
 * happened to find nothing else waiting took both cores while the other lane waited, and the level did 36.4
 * translations a second instead of 46.6.
 *
 * <p>Lone passes all run on one thread of their own, whichever lane took the batch: a lone pass started by either of
 * two lanes took as long on two threads as on one (36.5 ms), one lane's on two threads 26.7 ms. OpenMP (libgomp)
 * keeps a team of worker threads for every thread that starts a parallel region on more than one thread, and with
 * more OpenMP threads than cores its waiting threads spin only briefly before they sleep (GOMP_SPINCOUNT in its
 * manual), so two lanes' teams would sleep and wake at every barrier.
 */
final class LonePasses implements AutoCloseable {
  /** How long the load must have been a lone client's before a pass takes every thread. */
  static final long QUIET_NANOS = 1_000_000_000L;

  private final boolean enabled;
  private final LongSupplier clock;
  /** The one thread that runs lone passes, on every thread of the engine; null when lone passes are off. */
  private final ExecutorService wideThread;
  /** Its thread settings, touched on its thread only. */
  private final PassThreads wideThreads;
  /** Passes running now; guarded by this. */
  private int running;
  /** Whether one of them holds every thread; guarded by this. */
  private boolean whole;
  /**
   * When a pass last began beside other work (jobs waiting, more than one job, another pass); at the start, a quiet
   * spell ago. Guarded by this.
   */
  private long lastBusyNanos;
  /** Passes run alone so far. */
  private final AtomicLong lonePasses = new AtomicLong();

  /**
   * @param lanes the batcher's lanes; lone passes take every thread only with more than one
   * @param wideThreads the thread settings the lone passes' thread uses (all of the engine's for a lone pass)
   */
  LonePasses(int lanes, boolean enabled, PassThreads wideThreads) {
    this(lanes, enabled, wideThreads, System::nanoTime);
  }

  /** As above, on the given clock (tests). */
  LonePasses(int lanes, boolean enabled, PassThreads wideThreads, LongSupplier clock) {
    this.enabled = enabled && lanes > 1;
    this.clock = clock;
    this.lastBusyNanos = clock.getAsLong() - QUIET_NANOS;
    this.wideThreads = wideThreads;
    // named as the lanes are: its CPU is the model's (bench serve counts threads by name)
    this.wideThread = this.enabled ? Executors.newSingleThreadExecutor(task -> {
      Thread thread = new Thread(task, "translate-batcher-alone");
      thread.setDaemon(true);
      return thread;
    }) : null;
  }

  /**
   * Before a lane's pass: waits while a lone pass holds every thread, then counts this pass in.
   *
   * @param jobs the jobs in this pass
   * @param othersWaiting whether other jobs wait for a pass besides this one's
   * @return whether this pass runs alone: then run it with {@link #runAlone}; either way hand it to {@link #end}
   */
  synchronized boolean begin(int jobs, boolean othersWaiting) throws InterruptedException {
    boolean waited = false;
    while (whole) {
      waited = true;
      wait();
    }
    long now = clock.getAsLong();
    if (waited || jobs > 1 || othersWaiting || running > 0) {
      lastBusyNanos = now;
    }
    running++;
    whole = enabled && running == 1 && now - lastBusyNanos >= QUIET_NANOS;
    return whole;
  }

  /**
   * Runs a lane's pass: alone, on the lone passes' thread and every thread of the engine, when {@link #begin} finds
   * it alone; otherwise on the calling lane's thread, after {@code onLaneThread} (its thread settings).
   */
  <T> T run(int jobs, boolean othersWaiting, int images, Supplier<T> pass, Runnable onLaneThread)
      throws InterruptedException {
    boolean alone = begin(jobs, othersWaiting);
    try {
      if (alone) {
        lonePasses.incrementAndGet();
        return runAlone(images, pass);
      }
      onLaneThread.run();
      return pass.get();
    } finally {
      end(alone);
    }
  }

  /** Passes run alone so far (a metric). */
  long lonePasses() {
    return lonePasses.get();
  }

  /** Runs a pass that {@link #begin} found alone on the lone passes' thread, on every thread, and waits for it. */
  <T> T runAlone(int images, Supplier<T> pass) throws InterruptedException {
    Future<T> result = wideThread.submit(() -> {
      wideThreads.beforePass(images, true);
      return pass.get();
    });
    try {
      return result.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** After the pass {@link #begin} counted in, however it ended. */
  synchronized void end(boolean alone) {
    running--;
    if (alone) {
      whole = false;
      notifyAll();
    }
  }

  @Override
  public void close() {
    if (wideThread != null) {
      wideThread.shutdownNow();
    }
  }
}
