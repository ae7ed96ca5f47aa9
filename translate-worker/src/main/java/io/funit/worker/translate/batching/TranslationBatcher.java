package io.funit.worker.translate.batching;

import io.funit.common.logging.JobMdc;
import io.funit.common.metrics.Buckets;
import io.funit.common.models.ServingModel;
import io.funit.worker.translate.batching.PendingJobs.Pending;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inference lanes of a process: jobs submit their work and wait; a lane takes the oldest job and later jobs for
 * the same model ({@link PendingJobs}) and runs them as one pass. On a CPU two lanes run a pass each at once, on one
 * PyTorch thread each ({@link BatchingSettings#CPU_LANES}), except a lone client's pass, which runs on every thread
 * ({@link LonePasses}); on a GPU one lane runs every pass. A batch holds at most
 * the cap of content images: the size, up to {@code maxBatchImages}, that costs a lane least wall time per image as
 * measured on this machine over whole cycles of the lane ({@link BatchSizeTuner}, one per lane), so batching never
 * costs throughput where big passes are slower per image than small ones (unless tuning is off: then the cap is
 * {@code maxBatchImages}). With {@code maxBatchImages} 1 every job runs alone: batching off.
 */
public final class TranslationBatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TranslationBatcher.class);
  /** A longer cycle than this had the lane idle for want of jobs: no measure of a batch size's cost. */
  private static final long IDLE_GAP_NANOS = 5_000_000_000L;

  private final BatchingSettings settings;
  private final PassModels models;
  private final PendingJobs pending = new PendingJobs();
  private final LonePasses lonePasses;
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong jobs = new AtomicLong();
  private final AtomicLong computeNanos = new AtomicLong();
  /** What {@link #logStatistics} last reported; guarded by this. */
  private long loggedAtNanos = System.nanoTime();
  private long loggedBatches;
  private long loggedJobs;
  private long loggedComputeNanos;
  /** Models to load before a job needs them (readiness: the default model); loaded by a lane. */
  private final java.util.Set<String> warmUps = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final DistributionSummary batchImages;
  private final DistributionSummary batchJobs;
  private final Timer forwardTime;
  private volatile int lastCap;
  private final List<Thread> lanes = new ArrayList<>();
  private volatile boolean running = true;

  /** @param models the loaded generator of a model id, for models that outlive the batcher (never closed) */
  public TranslationBatcher(BatchingSettings settings, Function<String, ServingModel> models) {
    this(settings, PassModels.unmanaged(models), new SimpleMeterRegistry());
  }

  /** As above, with models held for each pass, and batch sizes and forward times in metrics. */
  public TranslationBatcher(BatchingSettings settings, PassModels models, MeterRegistry metrics) {
    this.settings = settings;
    this.models = models;
    this.lonePasses = new LonePasses(settings.lanes(), settings.lonePassAllThreads(),
        new PassThreads(settings.oneThreadUpTo(), settings.lanes()));
    this.batchImages = DistributionSummary.builder("funit.translate.batch.size")
        .description("Content images per forward pass").serviceLevelObjectives(Buckets.BATCH_SIZES)
        .register(metrics);
    this.batchJobs = DistributionSummary.builder("funit.translate.batch.jobs")
        .description("Translation jobs per forward pass").serviceLevelObjectives(Buckets.BATCH_SIZES)
        .register(metrics);
    FunctionCounter.builder("funit.translate.lone.passes", lonePasses, LonePasses::lonePasses)
        .description("Forward passes that ran alone, on all of PyTorch's threads (a lone client's load)")
        .register(metrics);
    this.forwardTime = Timer.builder("funit.translate.forward").description("Time of one batched forward pass")
        .serviceLevelObjectives(Buckets.FAST_SECONDS).register(metrics);
    this.lastCap = settings.tuned() ? 1 : settings.maxBatchImages();
    Gauge.builder("funit.translate.batch.cap", () -> lastCap)
        .description("Content images a lane of the batcher takes into its next pass at most: the batch size with the "
            + "lowest measured cost per image, up to FUNIT_TRANSLATE_MAX_BATCH").register(metrics);
    for (int i = 0; i < settings.lanes(); i++) {
      Thread thread = new Thread(new Lane()::loop, settings.lanes() == 1 ? "translate-batcher"
          : "translate-batcher-" + (i + 1));
      thread.setDaemon(true);
      lanes.add(thread);
    }
    lanes.forEach(Thread::start);
  }

  /**
   * Announces a job for {@code modelId} that will submit its work soon (after reading its inputs): batches of that
   * model wait for it, up to the wait. Submit through the ticket; closing it without a submit withdraws the job.
   */
  public Ticket announce(String modelId) {
    pending.announce(modelId);
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
        pending.withdraw(modelId);
      }
    }
  }

  public CompletableFuture<TranslationOutput> submit(String modelId, TranslationWork work) {
    CompletableFuture<TranslationOutput> result = new CompletableFuture<>();
    if (!running) {
      result.completeExceptionally(new IllegalStateException("the batcher is closed"));
      return result;
    }
    pending.add(new Pending(modelId, work, result, System.nanoTime(), org.slf4j.MDC.getCopyOfContextMap()));
    if (!running) {
      // close() may have failed the waiting jobs before this one was added: fail it (and any other) now
      pending.failAll(new IllegalStateException("the batcher is closed"));
    }
    return result;
  }

  /** Loads {@code modelId} on a lane soon, if it is not loaded then (a no-op for a loaded model). */
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

  /** One lane: its thread's loop, and what only its thread touches. */
  private final class Lane {
    private final BatchSizeTuner tuner = new BatchSizeTuner(settings.maxBatchImages());
    /** This lane's passes' inputs go through one reused buffer. */
    private final InputStaging staging = new InputStaging();
    private final PassThreads passThreads = new PassThreads(settings.oneThreadUpTo(), settings.lanes());
    /** When this lane's last pass ended, the start of its next cycle. */
    private long lastPassEndNanos;

    void loop() {
      while (running) {
        try {
          warmUpRequested();
          int cap = settings.tuned() ? tuner.cap() : settings.maxBatchImages();
          List<Pending> batch = pending.next(cap, settings.maxWait());
          if (!batch.isEmpty()) {
            lastCap = cap;
            run(batch);
          }
        } catch (InterruptedException e) {
          break;
        } catch (RuntimeException e) {
          LOG.error("batcher loop error, continuing: {}", e.toString());
        }
      }
    }

    private void run(List<Pending> batch) {
      // the batch's lines carry its jobs: the one job's context, or every job id of a shared batch
      try (JobMdc.Scope scope = batchLogContext(batch)) {
        List<TranslationOutput> outputs;
        int images = batch.stream().mapToInt(p -> p.work().contentCount()).sum();
        long start = System.nanoTime();
        PassModels.Lease model = null;
        try {
          model = models.lease(batch.get(0).modelId());
          ServingModel generator = model.model();
          List<TranslationWork> works = batch.stream().map(Pending::work).toList();
          Supplier<List<TranslationOutput>> pass = () -> BatchedTranslation.run(staging, generator.translator(),
              generator.translator().imageSize(), works);
          long forwardStart = System.nanoTime();
          outputs = lonePasses.run(batch.size(), pending.anyWaiting(), images, pass,
              () -> passThreads.beforePass(images));
          forwardTime.record(System.nanoTime() - forwardStart, TimeUnit.NANOSECONDS);
          recordCycle(images, System.nanoTime());
        } catch (RuntimeException e) {
          batch.forEach(p -> p.result().completeExceptionally(e));
          release(model);
          return;
        } catch (InterruptedException e) { // closing while this lane waited for a lone pass: no result for the batch
          batch.forEach(p -> p.result().completeExceptionally(new IllegalStateException("the batcher is closed")));
          release(model);
          Thread.currentThread().interrupt();
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
        // after the jobs have their outputs: a release waits while another lane loads a model into the cache
        release(model);
        logStatistics();
      }
    }

    private void release(PassModels.Lease model) {
      if (model != null) {
        model.close();
      }
    }

    /**
     * Tells the tuner how long this pass's cycle took: from the end of the lane's previous pass to the end of this
     * one, the pass and any wait for jobs before it. The pass alone would favour big batches wrongly: while one big
     * pass runs, every job waits in it, and after it the lane idles until the jobs' next requests come back through
     * the path; smaller passes overlap with that path. After a quiet spell (no load) the gap says nothing: not
     * recorded.
     */
    private void recordCycle(int images, long passEndNanos) {
      long cycle = passEndNanos - lastPassEndNanos;
      if (lastPassEndNanos != 0 && cycle < IDLE_GAP_NANOS) {
        tuner.record(images, cycle);
      }
      lastPassEndNanos = passEndNanos;
    }
  }

  private void warmUpRequested() {
    for (String modelId : List.copyOf(warmUps)) {
      if (!warmUps.remove(modelId)) {
        continue; // another lane took it
      }
      try (PassModels.Lease loaded = models.lease(modelId)) {
        LOG.debug("model {} loaded ahead of use", modelId);
      } catch (RuntimeException e) {
        LOG.warn("model {} not loaded ahead of use: {}", modelId, e.toString());
      }
    }
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

  /**
   * Every 30 s of activity: batches, mean batch size and compute time (summed over the lanes, so up to their count
   * times 100 %), for operators tuning the settings.
   */
  private synchronized void logStatistics() {
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

  @Override
  public void close() {
    running = false;
    lanes.forEach(Thread::interrupt);
    try {
      for (Thread lane : lanes) {
        lane.join(10_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    pending.failAll(new IllegalStateException("the batcher stopped"));
    lonePasses.close();
  }
}
