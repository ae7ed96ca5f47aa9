package io.funit.common.kafka;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class WebhookHeaderTest {
  @Test
  void onlyAnExplicitNoMeansNoWebhook() {
    assertTrue(JobEventPublisher.withoutWebhook(headers("0")));
    assertFalse(JobEventPublisher.withoutWebhook(headers("1")));
    assertFalse(JobEventPublisher.withoutWebhook(new RecordHeaders()), "an event written before the header: read it");
    assertFalse(JobEventPublisher.withoutWebhook(headers("yes")));
  }

  private static RecordHeaders headers(String value) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(JobEventPublisher.WEBHOOK_HEADER, value.getBytes(StandardCharsets.US_ASCII));
    return headers;
  }
}
