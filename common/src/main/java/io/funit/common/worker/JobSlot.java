package io.funit.common.worker;

import io.funit.common.worker.JobExecution.Outcome;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer running one job at a time. While a job runs, the slot pauses all its partitions and keeps
 * polling: the consumer stays in its group (heartbeats, no max.poll.interval breach) however long the job takes,
 * and the record's offset is committed only once the job reached a terminal state. On shutdown, or when its
 * partition moves to another worker, the job is handed back: stopped, left uncommitted, redelivered elsewhere.
 */
final class JobSlot implements Runnable, ConsumerRebalanceListener {
  private static final Logger LOG = LoggerFactory.getLogger(JobSlot.class);
  private static final Duration POLL = Duration.ofMillis(200);
  /** How long a rebalance waits for a job to stop before the partition is given up anyway. */
  private static final Duration REVOKE_WAIT = Duration.ofSeconds(10);

  private final KafkaConsumer<String, String> consumer;
  private final String topic;
  private final JobExecution<?> execution;
  private final Duration shutdownGrace;
  private final ExecutorService jobThread;
  /** After a worker-side failure, wait this long before taking the record again, so a broken dependency isn't hammered. */
  private static final Duration FAILURE_BACKOFF = Duration.ofSeconds(5);
  private volatile boolean stopping;
  private InFlight current;
  private long resumeAtNanos;

  private record InFlight(ConsumerRecord<String, String> record, TopicPartition partition, StopSignal stop,
      Future<Outcome> outcome) {}

  JobSlot(KafkaConsumer<String, String> consumer, String topic, JobExecution<?> execution, Duration shutdownGrace,
      String name) {
    this.consumer = consumer;
    this.topic = topic;
    this.execution = execution;
    this.shutdownGrace = shutdownGrace;
    this.jobThread = Executors.newSingleThreadExecutor(r -> new Thread(r, name + "-job"));
  }

  @Override
  public void run() {
    consumer.subscribe(List.of(topic), this);
    try {
      while (!stopping) {
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
      handBack(shutdownGrace);
    } catch (WakeupException e) {
      handBack(shutdownGrace);
    } finally {
      jobThread.shutdownNow();
      consumer.close();
    }
  }

  private void pollOnce() {
    for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
      accept(record);
    }
    if (current != null && current.outcome().isDone()) {
      complete();
    }
    if (current == null && resumeAtNanos != 0 && System.nanoTime() >= resumeAtNanos) {
      resumeAtNanos = 0;
      consumer.resume(consumer.paused());
    }
  }

  private void accept(ConsumerRecord<String, String> record) {
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    if (current != null) {
      // a partition assigned while busy delivered a record before we paused it: leave it for later
      consumer.seek(partition, record.offset());
      consumer.pause(List.of(partition));
      return;
    }
    consumer.pause(consumer.assignment());
    StopSignal stop = new StopSignal();
    current = new InFlight(record, partition, stop, jobThread.submit(() -> execution.run(record, stop)));
  }

  /** Commits the finished job's record when it may be, and takes new work again. */
  private void complete() {
    InFlight done = current;
    current = null;
    Outcome outcome = outcomeOf(done);
    if (outcome == Outcome.COMMIT && consumer.assignment().contains(done.partition())) {
      commit(done);
    } else if (consumer.assignment().contains(done.partition())) {
      consumer.seek(done.partition(), done.record().offset());
    }
    if (outcome == Outcome.HAND_BACK && !stopping && !done.stop().handedBack()) {
      // a worker-side failure (Kafka or storage down): stay paused for a while instead of retrying at once
      resumeAtNanos = System.nanoTime() + FAILURE_BACKOFF.toNanos();
      return;
    }
    consumer.resume(consumer.paused());
  }

  private void commit(InFlight done) {
    Map<TopicPartition, OffsetAndMetadata> offset =
        Map.of(done.partition(), new OffsetAndMetadata(done.record().offset() + 1));
    try {
      consumer.commitSync(offset);
    } catch (WakeupException e) {
      // stop() woke the consumer up: commit this finished job anyway, then let the loop end
      consumer.commitSync(offset);
      throw e;
    } catch (RuntimeException e) {
      // the partition moved meanwhile: the next owner redelivers, sees the job finished and skips it
      LOG.warn("commit of {}@{} failed: {}", done.partition(), done.record().offset(), e.toString());
    }
  }

  private static Outcome outcomeOf(InFlight done) {
    try {
      return done.outcome().get();
    } catch (java.util.concurrent.CancellationException e) {
      return Outcome.HAND_BACK;
    } catch (ExecutionException e) {
      // tier: the runtime itself failed (e.g. Kafka down while publishing): leave the record uncommitted
      LOG.error("job record {}@{} not finished: {}", done.partition(), done.record().offset(), e.getCause().toString());
      return Outcome.HAND_BACK;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Outcome.HAND_BACK;
    }
  }

  private void handBack(Duration wait) {
    if (current == null) {
      return;
    }
    current.stop().handBack();
    try {
      current.outcome().get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      LOG.warn("job record {}@{} did not stop within {}; handing it back anyway", current.partition(),
          current.record().offset(), wait);
      current.outcome().cancel(true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      LOG.warn("job failed while stopping: {}", e.getCause().toString());
    }
    complete();
  }

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
    if (current != null && partitions.contains(current.partition())) {
      handBack(REVOKE_WAIT);
    }
  }

  @Override
  public void onPartitionsLost(Collection<TopicPartition> partitions) {
    onPartitionsRevoked(partitions);
  }

  @Override
  public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
    if (current != null) {
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

  /** Asks the slot to hand back its job and leave the group; called from another thread. */
  void stop() {
    stopping = true;
    consumer.wakeup();
  }
}
