package io.funit.common.worker;

import io.funit.common.contract.JobRequest;
import io.funit.common.kafka.JobEventPublisher;
import io.funit.common.kafka.JobStateProjection;
import io.funit.common.kafka.KafkaClients;
import io.funit.common.kafka.Topics;
import io.funit.common.metrics.JobMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs job handlers against their work topics: {@code concurrency} slots (one consumer and one job thread each)
 * per handler, one shared job-state projection and one producer for events and dead letters.
 */
public final class WorkerRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerRuntime.class);
  /**
   * A poll loop that has not turned for this long is stuck: a turn takes at most a poll (200 ms), a rebalance's
   * hand-back (10 s) or a commit against an unreachable broker (the client's 60 s API timeout).
   */
  static final Duration STUCK_AFTER = Duration.ofSeconds(120);

  private final WorkerSettings settings;
  private final JobStateProjection projection;
  private final KafkaProducer<String, String> producer;
  private final List<JobSlot> slots = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();

  private WorkerRuntime(WorkerSettings settings, JobStateProjection projection, KafkaProducer<String, String> producer) {
    this.settings = settings;
    this.projection = projection;
    this.producer = producer;
  }

  /** As {@link #start(KafkaClients, WorkerSettings, List, MeterRegistry)}, with metrics kept nowhere (tests). */
  public static WorkerRuntime start(KafkaClients kafka, WorkerSettings settings, List<JobHandler<?>> handlers) {
    return start(kafka, settings, handlers, new SimpleMeterRegistry());
  }

  /**
   * Starts consuming once the projection has caught up, so redelivered finished jobs are recognised; job figures
   * go to {@code metrics}.
   */
  public static WorkerRuntime start(KafkaClients kafka, WorkerSettings settings, List<JobHandler<?>> handlers,
      MeterRegistry metrics) {
    JobStateProjection projection = new JobStateProjection(kafka, settings.workerId() + "-projection").start();
    WorkerRuntime runtime = new WorkerRuntime(settings, projection, kafka.producer(settings.workerId()));
    try {
      if (!projection.awaitCaughtUp(Duration.ofMinutes(2))) {
        throw new IllegalStateException("job-event topic not readable within 2 minutes at "
            + kafka.settings().bootstrapServers());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during start-up", e);
    }
    JobEventPublisher events = new JobEventPublisher(runtime.producer, kafka.topics(), projection);
    DeadLetterWriter deadLetters = new DeadLetterWriter(runtime.producer, settings.workerId());
    JobMetrics jobMetrics = new JobMetrics(metrics, handlers.stream().map(JobHandler::type).toList());
    for (JobHandler<?> handler : handlers) {
      for (int i = 0; i < settings.concurrency(); i++) {
        runtime.addSlot(kafka, handler, events, deadLetters, jobMetrics, i);
      }
    }
    LOG.info("worker {} running {} slot(s) for {}", settings.workerId(), runtime.slots.size(),
        handlers.stream().map(h -> h.type().wireName()).toList());
    return runtime;
  }

  private <R extends JobRequest> void addSlot(KafkaClients kafka, JobHandler<R> handler, JobEventPublisher events,
      DeadLetterWriter deadLetters, JobMetrics jobMetrics, int index) {
    Topics topics = kafka.topics();
    String slotLabel = slotLabel(handler.type(), index);
    String name = settings.workerId() + "-" + slotLabel;
    JobExecution<R> execution = new JobExecution<>(handler, settings, projection, events, deadLetters, topics,
        jobMetrics, slotLabel);
    JobSlot slot = new JobSlot(kafka.workConsumer(topics.workerGroup(handler.type()), name, handler.maxInFlight()),
        topics.work(handler.type()), execution, settings.shutdownGrace(), name, handler.maxInFlight());
    Thread thread = new Thread(slot, name);
    slots.add(slot);
    threads.add(thread);
    thread.start();
  }

  public JobStateProjection projection() {
    return projection;
  }

  public String workerId() {
    return settings.workerId();
  }

  /** The label of a worker slot in metrics and contexts: {@code <type>-<index>}, e.g. {@code train-0}. */
  public static String slotLabel(io.funit.common.contract.JobType type, int index) {
    return type.wireName() + "-" + index;
  }

  /** Whether every slot's poll loop still runs and turns (see {@link #STUCK_AFTER}): the worker's liveness. */
  public boolean alive() {
    for (int i = 0; i < slots.size(); i++) {
      if (!threads.get(i).isAlive() || slots.get(i).sinceLastTurn().compareTo(STUCK_AFTER) > 0) {
        return false;
      }
    }
    return true;
  }

  /** Hands running jobs back (uncommitted, requeued), leaves the consumer groups and stops. */
  @Override
  public void close() {
    slots.forEach(JobSlot::stop);
    for (Thread thread : threads) {
      try {
        thread.join(settings.shutdownGrace().toMillis() + 10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    producer.close(Duration.ofSeconds(10));
    projection.close();
    LOG.info("worker {} stopped", settings.workerId());
  }
}
