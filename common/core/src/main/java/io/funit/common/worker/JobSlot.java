package io.funit.common.worker;

import io.funit.common.worker.JobExecution.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer running up to {@code maxInFlight} jobs at once (1 for trainings; many for translations, whose jobs
 * wait on a shared batcher). While it is full, or a partition must be re-read, the slot pauses partitions and keeps
 * polling: the consumer stays in its group however long jobs take. A partition's offset is committed only up to
 * its first job that has not reached a terminal state, so a crash redelivers every unfinished job (finished ones
 * are skipped on redelivery). On shutdown, or when a partition moves to another worker, its jobs are handed back:
 * stopped, left uncommitted, redelivered elsewhere.
 */
final class JobSlot implements Runnable, ConsumerRebalanceListener {
  private static final Logger LOG = LoggerFactory.getLogger(JobSlot.class);
  private static final Duration POLL = Duration.ofMillis(200);
  /** How long a rebalance waits for jobs to stop before the partition is given up anyway. */
  private static final Duration REVOKE_WAIT = Duration.ofSeconds(10);
  /** After a worker-side failure, wait this long before taking records again, so a broken dependency isn't hammered. */
  private static final Duration FAILURE_BACKOFF = Duration.ofSeconds(5);
  /**
   * Finished jobs' offsets are committed at most this often (and always before a partition is given up or the slot
   * stops). Each commit is a synchronous round trip and about five records in the broker's offsets topic: a commit
   * per batch of translations was 0.21-0.24 commits and 1.1 offset records per translation (docs/benchmarks.md). A
   * crash redelivers at most this much finished work, which is then skipped (its job has reached its terminal state).
   */
  static final Duration COMMIT_INTERVAL = Duration.ofSeconds(1);

  private final KafkaConsumer<String, String> consumer;
  private final String topic;
  private final JobExecution<?> execution;
  private final Duration shutdownGrace;
  private final int maxInFlight;
  private final ExecutorService jobThreads;
  /** Running jobs per partition, by offset: the lowest unfinished offset bounds the commit. */
  private final Map<TopicPartition, TreeMap<Long, InFlight>> inFlight = new HashMap<>();
  /** Partitions to re-read from this offset once their running jobs are done (a job was handed back). */
  private final Map<TopicPartition, Long> rewind = new HashMap<>();
  /** Offsets that may be committed and are not yet, by partition (see {@link #COMMIT_INTERVAL}). */
  private final Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();
  private long lastCommitNanos = System.nanoTime();
  private int running;
  private volatile boolean stopping;
  /** When the poll loop last turned: the worker's liveness. */
  private volatile long lastTurnNanos = System.nanoTime();
  private long resumeAtNanos;

  private record InFlight(long offset, StopSignal stop, Future<Outcome> outcome) {}

  JobSlot(KafkaConsumer<String, String> consumer, String topic, JobExecution<?> execution, Duration shutdownGrace,
      String name, int maxInFlight) {
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be at least 1");
    }
    this.consumer = consumer;
    this.topic = topic;
    this.execution = execution;
    this.shutdownGrace = shutdownGrace;
    this.maxInFlight = maxInFlight;
    AtomicInteger n = new AtomicInteger();
    this.jobThreads = Executors.newFixedThreadPool(maxInFlight,
        r -> new Thread(r, name + "-job" + (maxInFlight == 1 ? "" : "-" + n.incrementAndGet())));
  }

  @Override
  public void run() {
    consumer.subscribe(List.of(topic), this);
    try {
      while (!stopping) {
        lastTurnNanos = System.nanoTime();
        try {
          pollOnce();
        } catch (WakeupException e) {
          throw e;
        } catch (RuntimeException e) {
          // tier: the consumer or a rebalance callback failed; keep the slot alive and try again
          LOG.error("worker slot error, continuing: {}", e.toString());
          sleepQuietly(1_000);
        }
      }
      handBack(new ArrayList<>(inFlight.keySet()), shutdownGrace);
    } catch (WakeupException e) {
      handBack(new ArrayList<>(inFlight.keySet()), shutdownGrace);
    } finally {
      jobThreads.shutdownNow();
      consumer.close();
    }
  }

  private void pollOnce() {
    Set<TopicPartition> skipped = new HashSet<>();
    for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
      accept(record, skipped);
    }
    drainFinished();
    updatePauses();
  }

  private void accept(ConsumerRecord<String, String> record, Set<TopicPartition> skipped) {
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    if (skipped.contains(partition)) {
      return; // a later record of a partition already rewound in this poll
    }
    if (running >= maxInFlight || rewind.containsKey(partition) || backingOff()) {
      // delivered before we could pause it: read it again once there is room
      consumer.seek(partition, record.offset());
      consumer.pause(List.of(partition));
      skipped.add(partition);
      return;
    }
    StopSignal stop = new StopSignal();
    Future<Outcome> outcome = jobThreads.submit(() -> execution.run(record, stop));
    inFlight.computeIfAbsent(partition, p -> new TreeMap<>()).put(record.offset(), new InFlight(record.offset(), stop,
        outcome));
    running++;
  }

  /**
   * Takes finished jobs off each partition's head, notes what may be committed (committed once
   * {@link #COMMIT_INTERVAL} has passed), rewinds what was handed back.
   */
  private void drainFinished() {
    for (TopicPartition partition : new ArrayList<>(inFlight.keySet())) {
      TreeMap<Long, InFlight> jobs = inFlight.get(partition);
      Long commitTo = null;
      while (!jobs.isEmpty() && jobs.firstEntry().getValue().outcome().isDone()) {
        InFlight done = jobs.pollFirstEntry().getValue();
        running--;
        Outcome outcome = outcomeOf(done);
        if (rewind.containsKey(partition)) {
          continue; // re-read from an earlier offset anyway; a finished job is skipped then
        }
        if (outcome == Outcome.COMMIT) {
          commitTo = done.offset() + 1;
        } else {
          rewind.put(partition, done.offset());
          if (!stopping && !done.stop().handedBack()) {
            // a worker-side failure (Kafka or storage down): stay paused for a while instead of retrying at once
            resumeAtNanos = System.nanoTime() + FAILURE_BACKOFF.toNanos();
          }
        }
      }
      boolean assigned = consumer.assignment().contains(partition);
      if (commitTo != null && assigned) {
        uncommitted.put(partition, new OffsetAndMetadata(commitTo));
      }
      if (jobs.isEmpty()) {
        inFlight.remove(partition);
        Long from = rewind.remove(partition);
        if (from != null && assigned) {
          consumer.seek(partition, from);
        }
      }
    }
    if (stopping || System.nanoTime() - lastCommitNanos >= COMMIT_INTERVAL.toNanos()) {
      commitNoted(consumer.assignment());
    }
  }

  /** Commits the noted offsets of these partitions now: one commit for all of them. */
  private void commitNoted(Collection<TopicPartition> partitions) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition partition : partitions) {
      OffsetAndMetadata offset = uncommitted.remove(partition);
      if (offset != null) {
        offsets.put(partition, offset);
      }
    }
    lastCommitNanos = System.nanoTime();
    if (!offsets.isEmpty()) {
      commit(offsets);
    }
  }

  /** Pauses every partition while full or backing off, and a partition while it waits to be re-read. */
  private void updatePauses() {
    Set<TopicPartition> paused = consumer.paused();
    boolean hold = running >= maxInFlight || backingOff();
    List<TopicPartition> pause = new ArrayList<>();
    List<TopicPartition> resume = new ArrayList<>();
    for (TopicPartition partition : consumer.assignment()) {
      boolean shouldPause = hold || rewind.containsKey(partition);
      if (shouldPause && !paused.contains(partition)) {
        pause.add(partition);
      } else if (!shouldPause && paused.contains(partition)) {
        resume.add(partition);
      }
    }
    consumer.pause(pause);
    consumer.resume(resume);
  }

  private boolean backingOff() {
    if (resumeAtNanos != 0 && System.nanoTime() >= resumeAtNanos) {
      resumeAtNanos = 0;
    }
    return resumeAtNanos != 0;
  }

  private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    try {
      consumer.commitSync(offsets);
    } catch (WakeupException e) {
      // stop() woke the consumer up: commit these finished jobs anyway, then let the loop end
      consumer.commitSync(offsets);
      throw e;
    } catch (RuntimeException e) {
      // the partition moved meanwhile: the next owner redelivers, sees the jobs finished and skips them
      LOG.warn("commit of {} failed: {}", offsets, e.toString());
    }
  }

  private static Outcome outcomeOf(InFlight done) {
    try {
      return done.outcome().get();
    } catch (java.util.concurrent.CancellationException e) {
      return Outcome.HAND_BACK;
    } catch (ExecutionException e) {
      // tier: the runtime itself failed (e.g. Kafka down while publishing): leave the record uncommitted
      LOG.error("job record at offset {} not finished: {}", done.offset(), e.getCause().toString());
      return Outcome.HAND_BACK;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Outcome.HAND_BACK;
    }
  }

  /** Stops the jobs of these partitions, waits for them up to {@code wait}, commits what finished. */
  private void handBack(Collection<TopicPartition> partitions, Duration wait) {
    List<InFlight> stopping = new ArrayList<>();
    for (TopicPartition partition : partitions) {
      TreeMap<Long, InFlight> jobs = inFlight.get(partition);
      if (jobs != null) {
        jobs.values().forEach(job -> job.stop().handBack());
        stopping.addAll(jobs.values());
      }
    }
    long deadline = System.nanoTime() + wait.toNanos();
    for (InFlight job : stopping) {
      try {
        job.outcome().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        LOG.warn("job record at offset {} did not stop within {}; handing it back anyway", job.offset(), wait);
        job.outcome().cancel(true);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        job.outcome().cancel(true);
      } catch (ExecutionException | java.util.concurrent.CancellationException e) {
        LOG.warn("job failed while stopping: {}", e.toString());
      }
    }
    drainFinished();
    commitNoted(partitions);
    // whatever is left could not be stopped: forget it here, its record stays uncommitted
    for (TopicPartition partition : partitions) {
      TreeMap<Long, InFlight> left = inFlight.remove(partition);
      if (left != null) {
        running -= left.size();
      }
      rewind.remove(partition);
    }
  }

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
    List<TopicPartition> busy = partitions.stream().filter(inFlight::containsKey).toList();
    if (!busy.isEmpty()) {
      handBack(busy, REVOKE_WAIT);
    }
    commitNoted(partitions); // the finished jobs of idle partitions too, before the next owner reads them
  }

  @Override
  public void onPartitionsLost(Collection<TopicPartition> partitions) {
    onPartitionsRevoked(partitions);
  }

  @Override
  public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
    if (running >= maxInFlight) {
      consumer.pause(partitions);
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** How long ago the poll loop last turned (it turns every {@link #POLL} unless stuck, e.g. in a commit). */
  Duration sinceLastTurn() {
    return Duration.ofNanos(System.nanoTime() - lastTurnNanos);
  }

  /** Asks the slot to hand back its jobs and leave the group; called from another thread. */
  void stop() {
    stopping = true;
    consumer.wakeup();
  }
}
