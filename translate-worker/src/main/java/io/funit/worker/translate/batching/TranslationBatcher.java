package io.funit.worker.translate.batching;

import io.funit.common.logging.JobMdc;
import io.funit.common.metrics.Buckets;
import io.funit.common.models.ServingModel;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One inference thread for the whole process (PyTorch already spreads one forward pass over every core, so two
 * passes at once would only fight for them). Jobs submit their work and wait; the thread takes the oldest job,
 * adds later jobs for the same model until the batch holds the cap of content images or the oldest job has waited
 * {@code maxWait}, and runs them as one pass. The cap is the size, up to {@code maxBatchImages}, that costs least wall
 * time per image as measured on this machine over whole cycles of the batcher ({@link BatchSizeTuner}), so batching
 * never costs throughput where big passes are slower per image than small ones (unless tuning is off: then the cap
 * is {@code maxBatchImages}). It only waits while more jobs for
 * that model are announced (a job announces itself when it starts reading its inputs): a lone job runs at once. Jobs
 * for other models wait for a later batch, in arrival order. With {@code maxBatchImages} 1 every job runs alone:
 * batching off.
 */
public final class TranslationBatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TranslationBatcher.class);
  /** A longer cycle than this had the batcher idle for want of jobs: no measure of a batch size's cost. */
  private static final long IDLE_GAP_NANOS = 5_000_000_000L;

  /** @param logContext the submitting job's log context, for the batcher's lines about its batch */
  private record Pending(String modelId, TranslationWork work, CompletableFuture<TranslationOutput> result,
      long arrivedNanos, java.util.Map<String, String> logContext) {}

  private final BatchingSettings settings;
  private final Function<String, ServingModel> models;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  /** Jobs taken from the queue but left for a later batch (another model, or no room); batcher thread only. */
  private final Deque<Pending> deferred = new ArrayDeque<>();
  /** Jobs per model that announced themselves and have not submitted yet: what a batch may still wait for. */
  private final java.util.concurrent.ConcurrentMap<String, java.util.concurrent.atomic.AtomicInteger> announced =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong jobs = new AtomicLong();
  private final AtomicLong computeNanos = new AtomicLong();
  private long loggedAtNanos = System.nanoTime();
  private long loggedBatches;
  private long loggedJobs;
  private long loggedComputeNanos;
  /** Models to load before a job needs them (readiness: the default model); loaded on the batcher thread. */
  private final java.util.Set<String> warmUps = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final DistributionSummary batchImages;
  private final DistributionSummary batchJobs;
  private final Timer forwardTime;
  private final BatchSizeTuner tuner;
  /** Batcher thread only: when the last pass ended, the start of the next cycle. */
  private long lastPassEndNanos;
  private volatile int lastCap;
  private final Thread thread;
  /** The inference thread's: its passes' inputs go through one reused buffer. */
  private final InputStaging staging = new InputStaging();
  private final PassThreads passThreads;
  private volatile boolean running = true;

  /** @param models the loaded generator of a model id, called on the batcher thread only (see ModelCache) */
  public TranslationBatcher(BatchingSettings settings, Function<String, ServingModel> models) {
    this(settings, models, new SimpleMeterRegistry());
  }

  /** As {@link #TranslationBatcher(BatchingSettings, Function)}, with batch sizes and forward times in metrics. */
  public TranslationBatcher(BatchingSettings settings, Function<String, ServingModel> models,
      MeterRegistry metrics) {
    this.settings = settings;
    this.models = models;
    this.batchImages = DistributionSummary.builder("funit.translate.batch.size")
        .description("Content images per forward pass").serviceLevelObjectives(Buckets.BATCH_SIZES)
        .register(metrics);
    this.batchJobs = DistributionSummary.builder("funit.translate.batch.jobs")
        .description("Translation jobs per forward pass").serviceLevelObjectives(Buckets.BATCH_SIZES)
        .register(metrics);
    this.forwardTime = Timer.builder("funit.translate.forward").description("Time of one batched forward pass")
        .serviceLevelObjectives(Buckets.FAST_SECONDS).register(metrics);
    this.tuner = new BatchSizeTuner(settings.maxBatchImages());
    this.passThreads = new PassThreads(settings.oneThreadUpTo());
    this.lastCap = settings.tuned() ? 1 : settings.maxBatchImages();
    Gauge.builder("funit.translate.batch.cap", () -> lastCap)
        .description("Content images the batcher takes into its next pass at most: the batch size with the lowest "
            + "measured cost per image, up to FUNIT_TRANSLATE_MAX_BATCH").register(metrics);
    this.thread = new Thread(this::loop, "translate-batcher");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /**
   * Announces a job for {@code modelId} that will submit its work soon (after reading its inputs): batches of that
   * model wait for it, up to the wait. Submit through the ticket; closing it without a submit withdraws the job.
   */
  public Ticket announce(String modelId) {
    announced.computeIfAbsent(modelId, m -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
    return new Ticket(modelId);
  }

  /** A job announced to the batcher; see {@link #announce}. */
  public final class Ticket implements AutoCloseable {
    private final String modelId;
    private boolean open = true;

    private Ticket(String modelId) {
      this.modelId = modelId;
    }

    public CompletableFuture<TranslationOutput> submit(TranslationWork work) {
      // withdraw first: a batch that takes this job must not wait for the job's own announcement
      close();
      return TranslationBatcher.this.submit(modelId, work);
    }

    @Override
    public void close() {
      if (open) {
        open = false;
        announced.get(modelId).decrementAndGet();
      }
    }
  }

  private boolean moreAnnounced(String modelId) {
    java.util.concurrent.atomic.AtomicInteger count = announced.get(modelId);
    return count != null && count.get() > 0;
  }

  public CompletableFuture<TranslationOutput> submit(String modelId, TranslationWork work) {
    CompletableFuture<TranslationOutput> result = new CompletableFuture<>();
    if (!running) {
      result.completeExceptionally(new IllegalStateException("the batcher is closed"));
      return result;
    }
    queue.add(new Pending(modelId, work, result, System.nanoTime(), org.slf4j.MDC.getCopyOfContextMap()));
    return result;
  }

  /** Loads {@code modelId} on the batcher thread soon, if it is not loaded then (a no-op for a loaded model). */
  public void warmUp(String modelId) {
    warmUps.add(modelId);
  }

  /** Forward passes run so far. */
  public long batches() {
    return batches.get();
  }

  /** Jobs translated so far; jobs / batches is the mean batch size in jobs. */
  public long jobs() {
    return jobs.get();
  }

  private void loop() {
    while (running) {
      try {
        warmUpRequested();
        List<Pending> batch = nextBatch();
        if (!batch.isEmpty()) {
          run(batch);
        }
      } catch (InterruptedException e) {
        break;
      } catch (RuntimeException e) {
        LOG.error("batcher loop error, continuing: {}", e.toString());
      }
    }
    failAll(new IllegalStateException("the batcher stopped"));
  }

  private void warmUpRequested() {
    for (String modelId : List.copyOf(warmUps)) {
      try {
        models.apply(modelId);
      } catch (RuntimeException e) {
        LOG.warn("model {} not loaded ahead of use: {}", modelId, e.toString());
      }
      warmUps.remove(modelId);
    }
  }

  private List<Pending> nextBatch() throws InterruptedException {
    Pending first = deferred.isEmpty() ? queue.poll(200, TimeUnit.MILLISECONDS) : deferred.poll();
    if (first == null) {
      return List.of();
    }
    int cap = settings.tuned() ? tuner.cap() : settings.maxBatchImages();
    lastCap = cap;
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
    long deadline = first.arrivedNanos() + settings.maxWait().toNanos();
    while (images < cap) {
      long left = deadline - System.nanoTime();
      // wait only for jobs known to be on their way; anything already queued is taken at once
      Pending next = left > 0 && moreAnnounced(first.modelId()) ? queue.poll(left, TimeUnit.NANOSECONDS)
          : queue.poll();
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
    return batch;
  }

  private void run(List<Pending> batch) {
    // the batch's lines carry its jobs: the one job's context, or every job id of a shared batch
    try (JobMdc.Scope scope = batchLogContext(batch)) {
      List<TranslationOutput> outputs;
      int images = batch.stream().mapToInt(p -> p.work().contentCount()).sum();
      long start = System.nanoTime();
      try {
        ServingModel generator = models.apply(batch.get(0).modelId());
        passThreads.beforePass(images);
        long forwardStart = System.nanoTime();
        outputs = BatchedTranslation.run(staging, generator.translator(), generator.translator().imageSize(),
            batch.stream().map(Pending::work).toList());
        forwardTime.record(System.nanoTime() - forwardStart, TimeUnit.NANOSECONDS);
        recordCycle(images, System.nanoTime());
      } catch (RuntimeException e) {
        batch.forEach(p -> p.result().completeExceptionally(e));
        return;
      }
      computeNanos.addAndGet(System.nanoTime() - start);
      batches.incrementAndGet();
      jobs.addAndGet(batch.size());
      batchJobs.record(batch.size());
      batchImages.record(images);
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).result().complete(outputs.get(i));
      }
      logStatistics();
    }
  }

  /**
   * Tells the tuner how long this pass's cycle took: from the end of the previous pass to the end of this one, the
   * pass and any wait for jobs before it. The pass alone would favour big batches wrongly: while one big pass runs,
   * every job waits in it, and after it the batcher idles until the jobs' next requests come back through the path;
   * smaller passes overlap with that path. After a quiet spell (no load) the gap says nothing: not recorded.
   */
  private void recordCycle(int images, long passEndNanos) {
    long cycle = passEndNanos - lastPassEndNanos;
    if (lastPassEndNanos != 0 && cycle < IDLE_GAP_NANOS) {
      tuner.record(images, cycle);
    }
    lastPassEndNanos = passEndNanos;
  }

  private static JobMdc.Scope batchLogContext(List<Pending> batch) {
    java.util.Map<String, String> context = new java.util.HashMap<>();
    if (batch.get(0).logContext() != null) {
      context.putAll(batch.get(0).logContext());
    }
    if (batch.size() > 1) {
      context.put(JobMdc.JOB_ID, batch.stream().map(Pending::logContext).filter(java.util.Objects::nonNull)
          .map(c -> c.get(JobMdc.JOB_ID)).filter(java.util.Objects::nonNull)
          .collect(java.util.stream.Collectors.joining(",")));
      context.remove(JobMdc.ATTEMPT); // the jobs' attempts differ
    }
    return JobMdc.with(context);
  }

  /** Every 30 s of activity: batches, mean batch size and compute time, for operators tuning the two settings. */
  private void logStatistics() {
    long now = System.nanoTime();
    if (now - loggedAtNanos < 30_000_000_000L) {
      return;
    }
    long b = batches.get() - loggedBatches;
    long j = jobs.get() - loggedJobs;
    long c = computeNanos.get() - loggedComputeNanos;
    LOG.info("{} batches of {} jobs in {} s: {} jobs per batch, {} ms compute per batch, {} % of the time computing",
        b, j, (now - loggedAtNanos) / 1_000_000_000, String.format("%.1f", j / (double) b),
        String.format("%.1f", c / 1e6 / b), String.format("%.0f", 100.0 * c / (now - loggedAtNanos)));
    loggedAtNanos = now;
    loggedBatches = batches.get();
    loggedJobs = jobs.get();
    loggedComputeNanos = computeNanos.get();
  }

  private void failAll(RuntimeException error) {
    deferred.forEach(p -> p.result().completeExceptionally(error));
    deferred.clear();
    List<Pending> left = new ArrayList<>();
    queue.drainTo(left);
    left.forEach(p -> p.result().completeExceptionally(error));
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
