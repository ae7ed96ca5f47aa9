package io.funit.deploy.serve;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.funit.common.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One delivery a {@link WebhookReceiver} took: a line of its log.
 *
 * @param receivedAtMillis when it arrived (the receiver's clock)
 * @param webhookId the {@code webhook-id} header
 * @param type the payload's type, e.g. {@code job.completed}
 * @param jobId the payload's job id
 * @param verified whether the signature checked out (an unverified delivery is answered 400)
 * @param status what the receiver answered
 */
public record ReceivedWebhook(@JsonProperty("received_at_millis") long receivedAtMillis,
    @JsonProperty("webhook_id") String webhookId, String type, @JsonProperty("job_id") String jobId,
    boolean verified, int status) {

  /** Every line of a receiver's log, in arrival order; a torn last line (the receiver was killed) is skipped. */
  public static List<ReceivedWebhook> readAll(Path log) {
    if (!Files.exists(log)) {
      return List.of();
    }
    List<ReceivedWebhook> all = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(log)) {
        if (line.isBlank()) {
          continue;
        }
        try {
          all.add(Json.MAPPER.readValue(line, ReceivedWebhook.class));
        } catch (IOException torn) {
          // only the last line can be torn, by a kill mid-write
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the webhook log " + log, e);
    }
    return all;
  }

  /** Whether the receiver accepted it (2xx): the sender counts it delivered. */
  public boolean accepted() {
    return verified && status / 100 == 2;
  }
}
