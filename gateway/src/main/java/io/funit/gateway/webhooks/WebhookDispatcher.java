package io.funit.gateway.webhooks;

import io.funit.common.contract.JobEvent;
import io.funit.common.json.Json;
import io.funit.common.kafka.JobEventPublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the job-event topic in its own consumer group and delivers each job's webhook messages in order.
 * Every gateway runs one; the group spreads the partitions (one job's events share a partition, so one dispatcher
 * owns a job). Durability: a message becomes a stored {@link Delivery} before anything else happens to it, and a
 * partition's committed offset never passes the job event of a delivery that is still pending. After a restart
 * or a rebalance the new owner replays from that offset; the first event it sees of a job loads the job's stored
 * deliveries (attempts, next attempt time), and messages already stored are not made again. Compaction cannot
 * hide a job with a pending delivery: it keeps the job's newest event, which lies after the committed offset.
 * One thread polls and schedules; attempts run on a small pool, at most one per job at a time (order per job).
 */
public final class WebhookDispatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
  private static final int ATTEMPT_THREADS = 8;

  private final Consumer<String, String> consumer;
  private final String topic;
  private final DeliveryStore store;
  private final DeliveryAttempts attempts;
  private final Clock clock;
  private final WebhookMetrics metrics;
  private final Map<TopicPartition, Map<String, JobQueue>> owned = new HashMap<>();
  private final Map<TopicPartition, Long> committed = new HashMap<>();
  /**
   * How often the loop commits (a rebalance and a stop always do): every job event moves the offset, and a commit per
   * poll cost the broker's group coordinator more than the rest of a translation's events. An older committed
   * offset only means a longer replay after a restart, whose messages the stored deliveries already know.
   */
  private static final Duration COMMIT_INTERVAL = Duration.ofSeconds(1);
  private long committedAtNanos = System.nanoTime();
  private final ConcurrentLinkedQueue<Finished> finished = new ConcurrentLinkedQueue<>();
  /**
   * The deliveries being attempted, by webhook id. A queue is forgotten when its partition is revoked, and the same
   * partition may come back before the attempt ends: the queue then reloaded from the store still holds the
   * delivery as pending. Without this, it would be sent a second time while the first attempt is running.
   */
  private final Set<String> attempting = new HashSet<>();
  private final ExecutorService pool = Executors.newFixedThreadPool(ATTEMPT_THREADS, r -> {
    Thread t = new Thread(r, "webhook-attempt");
    t.setDaemon(true);
    return t;
  });
  private final Thread thread;
  private volatile boolean running = true;

  /** The pending deliveries of one job, oldest first, and the ids of all it has (for de-duplication). */
  private static final class JobQueue {
    final ArrayDeque<Delivery> pending = new ArrayDeque<>();
    final Set<String> known = new HashSet<>();
    boolean inFlight;
    boolean ended;
  }

  private record Finished(TopicPartition partition, JobQueue queue, Delivery delivery) {}

  WebhookDispatcher(Consumer<String, String> consumer, String topic, DeliveryStore store, DeliveryAttempts attempts,
      Clock clock, WebhookMetrics metrics) {
    this.consumer = consumer;
    this.metrics = metrics;
    this.topic = topic;
    this.store = store;
    this.attempts = attempts;
    this.clock = clock;
    this.thread = new Thread(this::run, "webhook-dispatcher");
    this.thread.setDaemon(true);
  }

  WebhookDispatcher start() {
    thread.start();
    return this;
  }

  private void run() {
    try {
      consumer.subscribe(List.of(topic), new Rebalance());
      while (running) {
        try {
          for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
            accept(record);
          }
          drainFinished();
          startDue();
          if (System.nanoTime() - committedAtNanos >= COMMIT_INTERVAL.toNanos()) {
            commit(owned.keySet());
          }
          metrics.pending(owned.values().stream().flatMap(jobs -> jobs.values().stream())
              .mapToInt(queue -> queue.pending.size()).sum());
        } catch (WakeupException e) {
          throw e;
        } catch (RuntimeException e) {
          // Kafka or the store unavailable: keep what is in memory, re-read from the committed offset later
          LOG.warn("webhook dispatcher: {}; retrying", e.toString());
          rewind();
          sleepQuietly();
        }
      }
    } catch (WakeupException e) {
      // close() woke us up
    } finally {
      pool.shutdown();
      try {
        pool.awaitTermination(10, TimeUnit.SECONDS);
        drainFinished();
        commit(owned.keySet());
      } catch (InterruptedException | RuntimeException e) {
        LOG.warn("webhook dispatcher stopping: {}", e.toString());
      }
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /** Takes the webhook messages of one job event; stores each new one before the offset can move past it. */
  private void accept(ConsumerRecord<String, String> record) {
    if (record.value() == null || JobEventPublisher.withoutWebhook(record.headers())) {
      return; // a deleted job, or a job without a webhook: nothing to deliver, and no event to parse
    }
    JobEvent event;
    try {
      event = Json.MAPPER.readValue(record.value(), JobEvent.class);
    } catch (java.io.IOException | RuntimeException e) {
      return; // the projection logs unreadable events; nothing to deliver
    }
    List<WebhookMessage> messages = WebhookMessage.of(event);
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    Map<String, JobQueue> jobs = owned.get(partition);
    if (jobs == null) {
      return;
    }
    JobQueue queue = jobs.get(event.jobId());
    if (messages.isEmpty()) {
      if (queue != null && event.state().terminal()) {
        queue.ended = true;
      }
      return;
    }
    if (queue == null) {
      queue = load(event.jobId());
      jobs.put(event.jobId(), queue);
    }
    for (WebhookMessage message : messages) {
      if (!queue.known.contains(message.webhookId())) {
        Delivery delivery = Delivery.pending(message, event.webhook().url(), record.offset(), clock.instant());
        // known only once stored: a refused save rewinds to this event, and a queue kept over the rewind (its job
        // has an attempt in flight) must not then skip the message as already made (./funit chaos, s3-disk-full)
        store.save(delivery);
        queue.known.add(message.webhookId());
        queue.pending.addLast(delivery);
      }
    }
    queue.ended |= event.state().terminal();
  }

  /** A job seen for the first time since this dispatcher took its partition: what earlier owners stored. */
  private JobQueue load(String jobId) {
    JobQueue queue = new JobQueue();
    for (Delivery delivery : store.forJob(jobId)) {
      queue.known.add(delivery.webhookId());
      if (!delivery.finished()) {
        queue.pending.addLast(delivery);
      }
    }
    return queue;
  }

  private void startDue() {
    Instant now = clock.instant();
    owned.forEach((partition, jobs) -> jobs.values().forEach(queue -> {
      Delivery head = queue.pending.peekFirst();
      if (!queue.inFlight && head != null && !head.nextAttemptAt().isAfter(now)
          && !attempting.contains(head.webhookId())) {
        queue.inFlight = true;
        attempting.add(head.webhookId());
        pool.execute(() -> {
          // unless the attempt reports, it is tried again shortly (the receiver dedupes by id)
          Delivery next = head.dueAt(clock.instant().plusSeconds(5));
          try {
            next = attempts.attempt(head);
            metrics.attempted(next);
          } catch (RuntimeException e) {
            // the store failed: the attempt's result is lost
            LOG.warn("webhook {} of job {}: {}", head.webhookId(), head.jobId(), e.toString());
          } finally {
            // always, or the job's queue would wait for this attempt forever
            finished.add(new Finished(partition, queue, next));
          }
        });
      }
    }));
  }

  private void drainFinished() {
    Finished done;
    while ((done = finished.poll()) != null) {
      attempting.remove(done.delivery().webhookId());
      done.queue().inFlight = false;
      settle(done.queue(), done.delivery());
      Map<String, JobQueue> jobs = owned.get(done.partition());
      JobQueue current = jobs == null ? null : jobs.get(done.delivery().jobId());
      if (current != null && current != done.queue() && !current.inFlight) {
        // the partition was revoked and assigned again mid-attempt: the reloaded queue learns the outcome
        settle(current, done.delivery());
      }
      if (done.delivery().state() == Delivery.State.DELIVERED) {
        endpointUp(done.delivery().url());
      }
    }
  }

  /** Replaces the queue's head (the delivery just attempted) by its outcome; drops the queue once it is done. */
  private void settle(JobQueue queue, Delivery outcome) {
    Delivery head = queue.pending.peekFirst();
    if (head == null || !head.webhookId().equals(outcome.webhookId())) {
      return;
    }
    queue.pending.pollFirst();
    if (!outcome.finished()) {
      queue.pending.addFirst(outcome);
    }
    if (queue.ended && queue.pending.isEmpty()) {
      owned.values().forEach(jobs -> jobs.values().remove(queue));
    }
  }

  /**
   * A delivery got through, so its endpoint is up again: every delivery whose last attempt found it down (no HTTP
   * answer: refused, reset, timed out) is due now rather than at its backoff time. Without this, after an outage
   * each job's backlog waited for its own next retry, up to 10 minutes after the receiver was back (./funit chaos,
   * webhook-receiver-down). A delivery the endpoint answered keeps its schedule: the endpoint was up and said no,
   * perhaps with a Retry-After to honour. The pool's 8 threads bound how fast the backlog goes out.
   */
  private void endpointUp(String url) {
    Instant now = clock.instant();
    owned.values().forEach(jobs -> jobs.values().forEach(queue -> {
      Delivery head = queue.pending.peekFirst();
      if (!queue.inFlight && head != null && head.url().equals(url) && head.nextAttemptAt() != null
          && head.nextAttemptAt().isAfter(now) && !head.attempts().isEmpty()
          && head.attempts().get(head.attempts().size() - 1).status() == 0) {
        queue.pending.pollFirst();
        queue.pending.addFirst(head.dueAt(now));
      }
    }));
  }

  /** Commits each partition up to its oldest pending delivery's job event, or up to what was read. */
  private void commit(Collection<TopicPartition> partitions) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition partition : partitions) {
      long safe = consumer.position(partition);
      for (JobQueue queue : owned.getOrDefault(partition, Map.of()).values()) {
        Delivery head = queue.pending.peekFirst();
        if (head != null) {
          safe = Math.min(safe, head.sourceOffset());
        }
      }
      if (!Long.valueOf(safe).equals(committed.get(partition))) {
        offsets.put(partition, new OffsetAndMetadata(safe));
      }
    }
    if (!offsets.isEmpty()) {
      consumer.commitSync(offsets);
      offsets.forEach((partition, offset) -> committed.put(partition, offset.offset()));
    }
    committedAtNanos = System.nanoTime();
  }

  /** After a failure mid-batch: forget the partitions' state and read them again from the committed offsets. */
  private void rewind() {
    try {
      for (TopicPartition partition : owned.keySet()) {
        Long offset = committed.get(partition);
        if (offset != null) {
          consumer.seek(partition, offset);
        } else {
          consumer.seekToBeginning(List.of(partition));
        }
        owned.get(partition).values().removeIf(queue -> !queue.inFlight);
      }
    } catch (RuntimeException e) {
      LOG.warn("webhook dispatcher cannot rewind: {}", e.toString());
    }
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      try {
        drainFinished();
        commit(partitions);
      } catch (RuntimeException e) {
        LOG.warn("webhook dispatcher: commit on revoke failed: {}", e.toString());
      }
      forget(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      forget(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      partitions.forEach(partition -> owned.put(partition, new HashMap<>()));
    }

    private void forget(Collection<TopicPartition> partitions) {
      partitions.forEach(partition -> {
        owned.remove(partition);
        committed.remove(partition);
      });
    }
  }

  private static void sleepQuietly() {
    try {
      Thread.sleep(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(20_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
