package io.funit.deploy.chaos;

import io.funit.deploy.http.MultipartForm;
import io.funit.deploy.load.ApiClient;
import io.funit.deploy.load.MixedLoad;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * A gateway host killed while a client uploads a dataset to it (the body sent slowly, so the kill lands inside
 * it); a replacement starts and the client sends the same request again with the same {@code Idempotency-Key},
 * as clients are told to: the dataset must come to exist exactly once, and never half.
 */
final class KillGatewayMidUpload implements Scenario {
  private static final String HOST = "gateway-1";
  private static final int BYTES_PER_SECOND = 16 * 1024;
  private static final Duration RETRY_FOR = Duration.ofSeconds(90);

  @Override
  public String name() {
    return "kill-gateway-mid-upload";
  }

  @Override
  public String description() {
    return "SIGKILL to host " + HOST + " while it receives a dataset upload; a replacement starts, the client sends "
        + "the same request again with the same Idempotency-Key";
  }

  @Override
  public void inject(ScenarioContext context) throws Exception {
    String key = "chaos-upload-" + UUID.randomUUID();
    MultipartForm form = new MultipartForm().file("file", "glyphs.zip", "application/zip", MixedLoad.glyphArchive())
        .text("name", key).text("webhook", context.stack().receiverUrl());
    byte[] body = form.bytes();
    context.note("upload_bytes", body.length);
    Map<String, String> headers = Map.of("Idempotency-Key", key);
    String gateway = context.stack().gatewayUrl(HOST);
    Thread upload = new Thread(() -> context.note("first_attempt", context.api().postSlowly(gateway,
        "/v1/datasets", body, form.contentType(), headers, BYTES_PER_SECOND).describe()), "chaos-slow-upload");
    upload.start();
    Thread.sleep(1_500);
    context.note("killed_at_s", context.elapsedSeconds());
    context.stack().kill(HOST);
    upload.join();
    Thread.sleep(3_000);
    context.stack().start(HOST);
    context.stack().awaitReady(gateway + "/readyz");

    long deadline = System.nanoTime() + RETRY_FOR.toNanos();
    ApiClient.Reply accepted = null;
    int attempts = 0;
    while (accepted == null && System.nanoTime() < deadline) {
      attempts++;
      ApiClient.Reply reply = context.api().postBytes("/v1/datasets", body, form.contentType(), headers);
      if (reply.status() == 202) {
        accepted = reply;
      } else {
        Thread.sleep(1_000);
      }
    }
    context.note("retries_until_accepted", attempts);
    if (accepted == null) {
      context.note("accepted", false);
      return;
    }
    String id = accepted.json().path("id").asText();
    context.accepted(new MixedLoad.Accepted(id, "dataset", "upload"));
    ApiClient.Reply replay = context.api().postBytes("/v1/datasets", body, form.contentType(), headers);
    context.note("replay_same_id", id.equals(replay.json().path("id").asText()));
  }
}
