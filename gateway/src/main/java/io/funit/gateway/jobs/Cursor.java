package io.funit.gateway.jobs;

import io.funit.common.kafka.JobOrder;
import io.funit.gateway.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/** Opaque list cursors: the position (creation time and id) of the last job of the previous page. */
public final class Cursor {
  private Cursor() {}

  public static String encode(JobOrder position) {
    String raw = position.createdAt() + "|" + position.jobId();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  public static JobOrder decode(String cursor) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      int bar = raw.indexOf('|');
      if (bar < 0) {
        throw new IllegalArgumentException("no separator");
      }
      return new JobOrder(Instant.parse(raw.substring(0, bar)), raw.substring(bar + 1));
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw ProblemException.badRequest("cursor", "not a cursor this API returned");
    }
  }
}
