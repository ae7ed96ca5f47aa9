package io.funit.worker.translate.batching;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The jobs submitted to the batcher and not yet in a pass, and how a lane takes its next batch from them: the oldest
 * job, then later jobs for the same model until the batch holds the cap of content images or the oldest job has
 * waited the longest wait. It only waits while more jobs for that model are announced (a job announces itself when
 * it starts reading its inputs): a lone job runs at once. Jobs for other models wait for a later batch, in arrival
 * order. One lane takes a batch at a time, so two lanes never split the jobs one batch would have held.
 */
final class PendingJobs {
  /** @param logContext the submitting job's log context, for the batcher's lines about its batch */
  record Pending(String modelId, TranslationWork work, CompletableFuture<TranslationOutput> result,
      long arrivedNanos, Map<String, String> logContext) {}

  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  /** Jobs taken from the queue but left for a later batch (another model, or no room); guarded by {@link #taking}. */
  private final Deque<Pending> deferred = new ArrayDeque<>();
  /** Jobs per model that announced themselves and have not submitted yet: what a batch may still wait for. */
  private final ConcurrentMap<String, AtomicInteger> announced = new ConcurrentHashMap<>();
  private final ReentrantLock taking = new ReentrantLock();
  /** Jobs submitted and not yet taken into a batch (queued or deferred), readable without the lock. */
  private final AtomicInteger waiting = new AtomicInteger();

  void announce(String modelId) {
    announced.computeIfAbsent(modelId, m -> new AtomicInteger()).incrementAndGet();
  }

  void withdraw(String modelId) {
    announced.get(modelId).decrementAndGet();
  }

  void add(Pending pending) {
    waiting.incrementAndGet();
    queue.add(pending);
  }

  /** Whether any submitted job waits for a batch, without waiting for a lane that is gathering one. */
  boolean anyWaiting() {
    return waiting.get() > 0;
  }

  private boolean moreAnnounced(String modelId) {
    AtomicInteger count = announced.get(modelId);
    return count != null && count.get() > 0;
  }

  /** The next batch, of at most {@code cap} images (a bigger job alone); empty when no job came within 200 ms. */
  List<Pending> next(int cap, Duration maxWait) throws InterruptedException {
    taking.lockInterruptibly();
    try {
      Pending first = deferred.isEmpty() ? queue.poll(200, TimeUnit.MILLISECONDS) : deferred.poll();
      if (first == null) {
        return List.of();
      }
      List<Pending> batch = new ArrayList<>();
      batch.add(first);
      int images = first.work().contentCount();
      for (Iterator<Pending> it = deferred.iterator(); it.hasNext() && images < cap; ) {
        Pending next = it.next();
        if (next.modelId().equals(first.modelId()) && images + next.work().contentCount() <= cap) {
          it.remove();
          batch.add(next);
          images += next.work().contentCount();
        }
      }
      long deadline = first.arrivedNanos() + maxWait.toNanos();
      while (images < cap) {
        long left = deadline - System.nanoTime();
        // wait only for jobs known to be on their way; anything already queued is taken at once
        Pending next;
        try {
          next = left > 0 && moreAnnounced(first.modelId()) ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
        } catch (InterruptedException e) {
          // the batcher is closing: the jobs taken go back, first in front, for failAll to fail
          for (int i = batch.size() - 1; i >= 0; i--) {
            deferred.addFirst(batch.get(i));
          }
          throw e;
        }
        if (next == null) {
          break;
        }
        if (!next.modelId().equals(first.modelId()) || images + next.work().contentCount() > cap) {
          deferred.add(next);
          continue;
        }
        batch.add(next);
        images += next.work().contentCount();
      }
      waiting.addAndGet(-batch.size());
      return batch;
    } finally {
      taking.unlock();
    }
  }

  /** Fails every job still waiting (the batcher stopped); its lanes have ended. */
  void failAll(RuntimeException error) {
    taking.lock();
    try {
      deferred.forEach(p -> p.result().completeExceptionally(error));
      deferred.clear();
      List<Pending> left = new ArrayList<>();
      queue.drainTo(left);
      left.forEach(p -> p.result().completeExceptionally(error));
      waiting.set(0);
    } finally {
      taking.unlock();
    }
  }
}
