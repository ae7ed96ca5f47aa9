package io.funit.common.kafka;

import io.funit.common.contract.JobEvent;
import io.funit.common.json.Json;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes job events to the job-event topic, keyed by job id so that one job's events stay in order. */
public final class JobEventPublisher {
  /**
   * A record header: "1" if the event's job has a webhook, "0" if not, so that the webhook dispatcher, which reads
   * every job event, skips the events of jobs without one unread (most of them). Events written before the header
   * existed have none and are read as before.
   */
  public static final String WEBHOOK_HEADER = "funit-webhook";
  private static final byte[] HAS_WEBHOOK = {'1'};
  private static final byte[] NO_WEBHOOK = {'0'};

  private final Producer<String, String> producer;
  private final String topic;
  private final JobStateProjection projection;

  /**
   * @param projection the local view, updated as soon as Kafka acknowledges an event so that this process
   *     reads its own writes without waiting for the projection to consume them
   */
  public JobEventPublisher(Producer<String, String> producer, Topics topics, JobStateProjection projection) {
    this.producer = producer;
    this.topic = topics.jobEvents();
    this.projection = projection;
    projection.onLateEvent(this::restateIfOwn);
  }

  /** Event ids this process wrote recently; enough to recognise its own late writes. */
  private final java.util.Set<String> recent = java.util.Collections.newSetFromMap(
      java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > 10_000;
        }
      }));

  /**
   * Our event landed after the job's terminal event (we acted on a view that was behind): write the terminal state
   * again, so it is the newest event of the job and survives compaction.
   */
  private void restateIfOwn(JobEvent terminal, JobEvent late) {
    if (recent.contains(late.eventId())) {
      java.util.concurrent.CompletableFuture.runAsync(io.funit.common.logging.JobMdc.propagating(
          () -> publish(terminal.next(terminal.event(), terminal.state(), terminal.workerId()))));
    }
  }

  public CompletableFuture<JobEvent> publish(JobEvent event) {
    CompletableFuture<JobEvent> done = new CompletableFuture<>();
    recent.add(event.eventId());
    ProducerRecord<String, String> record = new ProducerRecord<>(topic, event.jobId(), Json.write(event));
    record.headers().add(WEBHOOK_HEADER, event.webhook() != null ? HAS_WEBHOOK : NO_WEBHOOK);
    producer.send(record, (metadata, error) -> {
      if (error != null) {
        done.completeExceptionally(error);
      } else {
        projection.applyOwn(event, metadata.offset());
        done.complete(event);
      }
    });
    return done;
  }

  /** True when the record's header says its job has no webhook; false when it has one or the header is absent. */
  public static boolean withoutWebhook(org.apache.kafka.common.header.Headers headers) {
    org.apache.kafka.common.header.Header header = headers.lastHeader(WEBHOOK_HEADER);
    return header != null && java.util.Arrays.equals(header.value(), NO_WEBHOOK);
  }

  /** Publishes and waits for the acknowledgement: used where the next step must not run before the event is stored. */
  public JobEvent publishAndWait(JobEvent event) {
    try {
      return publish(event).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing " + event.event() + " of " + event.jobId(), e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("cannot publish " + event.event() + " of " + event.jobId() + ": "
          + e.getCause(), e.getCause());
    }
  }
}
