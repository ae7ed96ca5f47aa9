package io.funit.common.kafka;

import io.funit.common.contract.JobEvent;
import io.funit.common.contract.JobState;
import io.funit.common.contract.JobType;
import io.funit.common.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current state of every job, rebuilt from the job-event topic: read from the beginning at start-up, then
 * followed. Gateways and workers each hold one, so job state survives restarts and every instance answers the
 * same. Events of one job share a partition, so their offsets order them. Rules:
 * <ul>
 *   <li>the reader applies each offset once, in order; a terminal state is final (a late event from a worker that
 *       lost its job can't reopen it), and such a late event is reported to {@link #onLateEvent} so that its writer
 *       can restate the terminal state (compaction keeps only the newest event of a job);</li>
 *   <li>a cancel request is sticky until the job ends;</li>
 *   <li>this process's own writes are shown at once ({@link #applyOwn}) but only provisionally: they never make the
 *       reader skip an earlier event written by someone else.</li>
 * </ul>
 */
public final class JobStateProjection implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JobStateProjection.class);
  private final Map<String, Applied> jobs = new ConcurrentHashMap<>();
  /** Job keys newest first, for listing; a job's creation time and id never change, so a key is added once. */
  private final ConcurrentSkipListSet<JobOrder> order = new ConcurrentSkipListSet<>();
  /**
   * Queued or running jobs by owner, kept as {@link #jobs} changes: a tenant's active-job quota is checked on every
   * submission, and counting a projection that holds every job of the retention window was a scan per request
   * (9 in 10 of the gateway's event-loop time once it held ten thousand jobs).
   */
  private final Map<String, Integer> unfinishedByOwner = new ConcurrentHashMap<>();
  /** Queued jobs by type, newest first, kept likewise: a queued job's place in line without a scan of every job. */
  private final Map<JobType, ConcurrentSkipListSet<JobOrder>> queuedByType = new ConcurrentHashMap<>();
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private final KafkaConsumer<String, String> reader;
  private final String topic;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile Instant lastPoll = Instant.EPOCH;
  /** Catch-up requests not yet given a target ({@link #catchUp}); the reader thread takes them. */
  private final java.util.Queue<CompletableFuture<Void>> catchUpRequests = new ConcurrentLinkedQueue<>();
  /** Requests with the topic's end offsets at the time they were taken: reader thread only. */
  private final List<CatchUp> catchUps = new ArrayList<>();

  private record CatchUp(Map<TopicPartition, Long> end, CompletableFuture<Void> done) {}

  /**
   * @param event the job as shown
   * @param viewOffset offset of the event shown (an own write may be ahead of the reader)
   * @param readerOffset highest offset the reader has applied for this job
   */
  private record Applied(JobEvent event, long viewOffset, long readerOffset) {}

  private volatile java.util.function.BiConsumer<JobEvent, JobEvent> lateEventListener = (terminal, late) -> { };

  /**
   * Change listeners by job: a change calls only its own job's listeners, so a gateway holding many waiting requests
   * (Prefer: wait, event streams) does not call every one of them for every event.
   */
  private final Map<String, java.util.List<java.util.function.Consumer<JobEvent>>> listeners =
      new ConcurrentHashMap<>();

  public JobStateProjection(KafkaClients clients, String clientId) {
    this.reader = clients.reader(clientId);
    this.topic = clients.topics().jobEvents();
    this.thread = new Thread(this::run, "job-state-projection");
    this.thread.setDaemon(true);
  }

  public JobStateProjection start() {
    thread.start();
    return this;
  }

  private void run() {
    try {
      List<TopicPartition> partitions = reader.partitionsFor(topic, Duration.ofSeconds(60)).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      reader.assign(partitions);
      reader.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = reader.endOffsets(partitions, Duration.ofSeconds(60));
      while (running) {
        try {
          for (ConsumerRecord<String, String> record : reader.poll(Duration.ofMillis(200))) {
            applyRecord(record);
          }
          lastPoll = Instant.now();
          serveCatchUps(partitions);
          if (caughtUp.getCount() > 0 && reached(end)) {
            LOG.info("job state projection caught up: {} jobs", jobs.size());
            caughtUp.countDown();
          }
        } catch (WakeupException e) {
          throw e;
        } catch (RuntimeException e) {
          // Kafka unreachable or similar: keep trying; readiness reports the gap through lastPoll
          LOG.warn("job state projection: {}; retrying", e.toString());
          sleepQuietly();
        }
      }
    } catch (WakeupException e) {
      // close() woke us up
    } catch (RuntimeException e) {
      LOG.error("job state projection stopped", e);
    } finally {
      catchUps.forEach(request -> request.done().cancel(false));
      catchUpRequests.forEach(request -> request.cancel(false));
      reader.close();
    }
  }

  /**
   * Completes the catch-up requests whose target the reader has reached. A new request's target is the topic's end
   * offsets read now, after the request was made: every event written before it lies below them.
   */
  private void serveCatchUps(List<TopicPartition> partitions) {
    if (!catchUpRequests.isEmpty()) {
      List<CompletableFuture<Void>> taken = new ArrayList<>();
      for (CompletableFuture<Void> request; (request = catchUpRequests.poll()) != null; ) {
        taken.add(request);
      }
      try {
        Map<TopicPartition, Long> end = reader.endOffsets(partitions, Duration.ofSeconds(5));
        taken.forEach(request -> catchUps.add(new CatchUp(end, request)));
      } catch (RuntimeException e) {
        taken.forEach(request -> request.completeExceptionally(e));
        throw e;
      }
    }
    catchUps.removeIf(request -> request.done().isDone() || (reached(request.end()) && request.done().complete(null)));
  }

  private boolean reached(Map<TopicPartition, Long> end) {
    return end.entrySet().stream().allMatch(e -> reader.position(e.getKey()) >= e.getValue());
  }

  /**
   * Completes once the reader has applied every event written to the topic before this call (another process's
   * write included), or fails when Kafka cannot say where the topic ends. For a read that must see a job another
   * gateway accepted a moment ago; callers bound the wait.
   */
  public CompletableFuture<Void> catchUp() {
    CompletableFuture<Void> request = new CompletableFuture<>();
    catchUpRequests.add(request);
    return request;
  }

  void applyRecord(ConsumerRecord<String, String> record) {
    if (record.value() == null) {
      remove(record.key());
      return;
    }
    if (readOwnWrite(record)) {
      return;
    }
    try {
      applyRead(Json.MAPPER.readValue(record.value(), JobEvent.class), record.offset());
    } catch (java.io.IOException | RuntimeException e) {
      LOG.warn("skipping unreadable job event at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
          e.toString());
    }
  }

  /**
   * The reader has come to the event this process wrote and shows already ({@link #applyOwn}, the record at the shown
   * event's offset): only the reader's position moves, as {@link #applyRead} would leave it, and the record is not
   * parsed again. Of a translation's three events the worker wrote two, the gateway one.
   */
  private boolean readOwnWrite(ConsumerRecord<String, String> record) {
    if (record.key() == null) {
      return false;
    }
    boolean[] own = {false};
    jobs.computeIfPresent(record.key(), (id, current) -> {
      if (current.viewOffset() != record.offset() || current.readerOffset() >= record.offset()) {
        return current;
      }
      own[0] = true;
      return new Applied(current.event(), current.viewOffset(), record.offset());
    });
    return own[0];
  }

  /** Applies an event the reader consumed at the given offset of its partition. */
  public JobEvent applyRead(JobEvent event, long offset) {
    JobEvent[] late = new JobEvent[2];
    Applied result = update(event.jobId(), (id, current) -> {
      if (current == null) {
        return new Applied(event, offset, offset);
      }
      if (offset <= current.readerOffset()) {
        return current;
      }
      JobEvent shown = current.event();
      if (shown.state().terminal()) {
        if (offset > current.viewOffset()) {
          late[0] = shown;
          late[1] = event;
        } else if (offset < current.viewOffset() && event.state().terminal()) {
          // an earlier terminal event than the (own) one shown: the first terminal wins, ours came late
          late[0] = event;
          late[1] = shown;
          return new Applied(event, offset, offset);
        }
        return new Applied(shown, current.viewOffset(), offset);
      }
      if (offset < current.viewOffset()) {
        // an own write is shown ahead of the reader: keep it, but take what this earlier event decided
        JobEvent kept = event.state().terminal() ? event
            : event.cancelRequested() ? shown.withCancelRequested(true) : shown;
        return new Applied(kept, event.state().terminal() ? offset : current.viewOffset(), offset);
      }
      return new Applied(merge(shown, event), offset, offset);
    });
    order.add(JobOrder.of(result.event()));
    signalChange();
    notifyListeners(result.event());
    if (late[0] != null) {
      lateEventListener.accept(late[0], late[1]);
    }
    return result.event();
  }

  /** Shows this process's own write at once; the reader still applies every earlier event when it gets there. */
  public JobEvent applyOwn(JobEvent event, long offset) {
    Applied result = update(event.jobId(), (id, current) -> {
      if (current == null) {
        return new Applied(event, offset, -1);
      }
      if (offset <= current.viewOffset() || current.event().state().terminal()) {
        return current;
      }
      return new Applied(merge(current.event(), event), offset, current.readerOffset());
    });
    order.add(JobOrder.of(result.event()));
    signalChange();
    notifyListeners(result.event());
    return result.event();
  }

  /**
   * {@code jobs.compute}, keeping {@link #unfinishedByOwner} and {@link #queuedByType} in step (inside the
   * computation: atomic per job).
   */
  private Applied update(String jobId, BiFunction<String, Applied, Applied> remapping) {
    return jobs.compute(jobId, (id, current) -> {
      Applied next = remapping.apply(id, current);
      reindex(current, next);
      return next;
    });
  }

  /**
   * Moves a job's index entries from its old view to its new one, touching only what changed: a progress event of a
   * running job leaves its tenant's count as it is, so no reader ever sees it one short. Every key is built before
   * anything changes, so an event that cannot be indexed changes nothing.
   */
  private void reindex(Applied before, Applied after) {
    JobEvent was = before == null ? null : before.event();
    JobEvent now = after == null ? null : after.event();
    String wasOwner = was == null || was.state().terminal() ? null : was.owner();
    String nowOwner = now == null || now.state().terminal() ? null : now.owner();
    QueuedKey wasQueued = QueuedKey.of(was);
    QueuedKey nowQueued = QueuedKey.of(now);
    if (!java.util.Objects.equals(wasOwner, nowOwner)) {
      addUnfinished(nowOwner, 1);
      addUnfinished(wasOwner, -1);
    }
    if (!java.util.Objects.equals(wasQueued, nowQueued)) {
      if (nowQueued != null) {
        queuedByType.computeIfAbsent(nowQueued.type(), type -> new ConcurrentSkipListSet<>()).add(nowQueued.order());
      }
      ConcurrentSkipListSet<JobOrder> line = wasQueued == null ? null : queuedByType.get(wasQueued.type());
      if (line != null) {
        line.remove(wasQueued.order());
      }
    }
  }

  /** Counts at zero leave the map, so tenants that come and go leave nothing behind. */
  private void addUnfinished(String owner, int delta) {
    if (owner != null) {
      unfinishedByOwner.merge(owner, delta, (count, change) -> count + change == 0 ? null : count + change);
    }
  }

  /** Where a queued job stands in its type's line; null for a job that is not queued or cannot be ordered. */
  private record QueuedKey(JobType type, JobOrder order) {
    static QueuedKey of(JobEvent job) {
      return job == null || job.state() != JobState.QUEUED || job.type() == null || job.createdAt() == null
          ? null : new QueuedKey(job.type(), JobOrder.of(job));
    }
  }

  /** The newer event, keeping a cancel request until the job ends. */
  private static JobEvent merge(JobEvent older, JobEvent newer) {
    return older.cancelRequested() && !newer.state().terminal() ? newer.withCancelRequested(true) : newer;
  }

  /**
   * Called (on the reader thread) when an event arrives after its job's terminal event: {@code (terminal, late)}.
   * The writer of the late event restates the terminal state, so compaction cannot leave the late event last.
   */
  public void onLateEvent(java.util.function.BiConsumer<JobEvent, JobEvent> listener) {
    this.lateEventListener = listener;
  }

  /**
   * Calls {@code listener} with the job's current view each time an event of the job is applied (on the
   * projection's reader thread or a producer thread: hand work off, never block). Closing the returned handle
   * unsubscribes.
   */
  public AutoCloseable subscribe(String jobId, java.util.function.Consumer<JobEvent> listener) {
    listeners.compute(jobId, (id, current) -> {
      java.util.List<java.util.function.Consumer<JobEvent>> next =
          current == null ? new java.util.concurrent.CopyOnWriteArrayList<>() : current;
      next.add(listener);
      return next;
    });
    return () -> listeners.computeIfPresent(jobId, (id, current) -> {
      current.remove(listener);
      return current.isEmpty() ? null : current; // no entry left behind for a job nobody follows
    });
  }

  private void notifyListeners(JobEvent current) {
    java.util.List<java.util.function.Consumer<JobEvent>> following = listeners.get(current.jobId());
    if (following == null) {
      return;
    }
    for (java.util.function.Consumer<JobEvent> listener : following) {
      try {
        listener.accept(current);
      } catch (RuntimeException e) {
        LOG.warn("job-state listener failed: {}", e.toString());
      }
    }
  }

  private void signalChange() {
    synchronized (this) {
      notifyAll();
    }
  }

  private static void sleepQuietly() {
    try {
      Thread.sleep(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void remove(String jobId) {
    jobs.computeIfPresent(jobId, (id, current) -> {
      reindex(current, null);
      order.remove(JobOrder.of(current.event()));
      return null;
    });
  }

  public Optional<JobEvent> get(String jobId) {
    return Optional.ofNullable(jobs.get(jobId)).map(Applied::event);
  }

  /** Waits until the job is known (its queued event may still be on its way) or the time is up. */
  public synchronized Optional<JobEvent> await(String jobId, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!jobs.containsKey(jobId) && System.nanoTime() < deadline) {
      wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    }
    return get(jobId);
  }

  /**
   * One page of jobs, newest first, after the position {@code after} (exclusive) when given.
   *
   * @param type only this type, or null for all
   * @param state only this state, or null for all
   */
  public List<JobEvent> page(JobType type, JobState state, JobOrder after, int limit) {
    return page(type, state, after, limit, job -> true);
  }

  /** As {@link #page(JobType, JobState, JobOrder, int)}, of the jobs {@code visible} accepts (e.g. one tenant's). */
  public List<JobEvent> page(JobType type, JobState state, JobOrder after, int limit,
      java.util.function.Predicate<JobEvent> visible) {
    List<JobEvent> page = new ArrayList<>(limit);
    Iterable<JobOrder> from = after == null ? order : order.tailSet(after, false);
    for (JobOrder key : from) {
      JobEvent job = get(key.jobId()).orElse(null);
      if (job != null && (type == null || job.type() == type) && (state == null || job.state() == state)
          && visible.test(job)) {
        page.add(job);
        if (page.size() == limit) {
          break;
        }
      }
    }
    return page;
  }

  /**
   * How many queued jobs of {@code job}'s type were submitted before it, up to {@code limit}: a walk of the queued
   * jobs alone.
   */
  public int queuedBefore(JobEvent job, int limit) {
    ConcurrentSkipListSet<JobOrder> queued = job.type() == null ? null : queuedByType.get(job.type());
    int count = 0;
    if (queued != null && job.createdAt() != null) {
      for (var it = queued.tailSet(JobOrder.of(job), false).iterator(); it.hasNext() && count < limit; it.next()) {
        count++;
      }
    }
    return count;
  }

  /** How many queued or running jobs {@code owner} (a tenant, {@link JobEvent#owner()}) has; no scan. */
  public int unfinished(String owner) {
    return unfinishedByOwner.getOrDefault(owner, 0);
  }

  /** The known jobs {@code matching} accepts; a scan. */
  public List<JobEvent> matching(java.util.function.Predicate<JobEvent> matching) {
    List<JobEvent> found = new ArrayList<>();
    for (Applied applied : jobs.values()) {
      if (matching.test(applied.event())) {
        found.add(applied.event());
      }
    }
    return found;
  }

  public int size() {
    return jobs.size();
  }

  public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Caught up with the topic once, and polled Kafka within the last 10 seconds. */
  public boolean healthy() {
    return caughtUp.getCount() == 0 && lastPoll.isAfter(Instant.now().minusSeconds(10));
  }

  @Override
  public void close() {
    running = false;
    reader.wakeup();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
