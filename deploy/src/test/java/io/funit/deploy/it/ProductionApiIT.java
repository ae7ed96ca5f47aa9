package io.funit.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.funit.common.testing.Infra;
import io.funit.common.testing.InfraExtension;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Idempotency-Key on POST, per-key rate limits and the server's header limit, against real Kafka and S3. */
@ExtendWith(InfraExtension.class)
class ProductionApiIT {
  private static final String PROBLEM = "application/problem+json";

  @Test
  void idempotencyKeyGivesOneJobAcrossRetriesConcurrencyAndRestarts(Infra infra) throws Exception {
    try (TestStack stack = new TestStack(infra, Map.of())) {
      stack.startGateway(); // no worker: jobs stay queued, so counting them is exact
      String body = "{\"steps\": 2, \"step_millis\": 60000}";
      HttpResponse<String> first = stack.postJson("/v1/jobs/probe", body, Map.of("Idempotency-Key", "k-1"));
      assertThat(first.statusCode()).isEqualTo(202);
      assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
      String id = TestStack.response(first).json().get("id").asText();

      HttpResponse<String> again = stack.postJson("/v1/jobs/probe", body, Map.of("Idempotency-Key", "k-1"));
      assertThat(again.statusCode()).isEqualTo(202);
      assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
      assertThat(again.headers().firstValue("Location")).contains("/v1/jobs/" + id);
      assertThat(TestStack.response(again).json().get("id").asText()).isEqualTo(id);
      assertThat(probeJobs(stack)).isEqualTo(1);

      HttpResponse<String> reused = stack.postJson("/v1/jobs/probe", "{\"steps\": 3}", Map.of("Idempotency-Key", "k-1"));
      assertThat(reused.statusCode()).isEqualTo(422);
      assertThat(reused.headers().firstValue("Content-Type")).contains(PROBLEM);
      assertThat(TestStack.response(reused).json().get("type").asText()).endsWith("/idempotency-key-reused");
      assertThat(TestStack.response(reused).json().get("field").asText()).isEqualTo("Idempotency-Key");

      HttpResponse<String> bad = stack.postJson("/v1/jobs/probe", body, Map.of("Idempotency-Key", "x".repeat(256)));
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(TestStack.response(bad).json().get("field").asText()).isEqualTo("Idempotency-Key");

      // eight identical requests at once: one job
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<HttpResponse<String>>> answers = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        Callable<HttpResponse<String>> call = () -> stack.postJson("/v1/jobs/probe", body,
            Map.of("Idempotency-Key", "k-concurrent"));
        answers.add(pool.submit(call));
      }
      List<String> ids = new ArrayList<>();
      for (Future<HttpResponse<String>> answer : answers) {
        HttpResponse<String> response = answer.get();
        assertThat(response.statusCode()).isIn(202, 409);
        if (response.statusCode() == 202) {
          ids.add(TestStack.response(response).json().get("id").asText());
        }
      }
      pool.shutdown();
      assertThat(ids).isNotEmpty();
      assertThat(ids.stream().distinct()).hasSize(1);
      assertThat(probeJobs(stack)).isEqualTo(2);

      // a new gateway instance (the old one gone) still knows the key: it lives in the object store
      stack.startGateway();
      HttpResponse<String> afterRestart = stack.postJson("/v1/jobs/probe", body, Map.of("Idempotency-Key", "k-1"));
      assertThat(afterRestart.headers().firstValue("Idempotent-Replayed")).contains("true");
      assertThat(TestStack.response(afterRestart).json().get("id").asText()).isEqualTo(id);
      assertThat(probeJobs(stack)).isEqualTo(2);
    }
  }

  @Test
  void multipartUploadsAreIdempotentToo(Infra infra) throws Exception {
    try (TestStack stack = new TestStack(infra, Map.of())) {
      stack.startGateway();
      List<TestStack.Part> parts = List.of(TestStack.Part.text("name", "tiny"),
          TestStack.Part.file("file", "tiny.zip", zip()));
      HttpResponse<String> first = stack.postParts("/v1/datasets", parts, Map.of("Idempotency-Key", "upload-1"));
      assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
      HttpResponse<String> again = stack.postParts("/v1/datasets", parts, Map.of("Idempotency-Key", "upload-1"));
      assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
      assertThat(TestStack.response(again).json().get("id").asText())
          .isEqualTo(TestStack.response(first).json().get("id").asText());
      HttpResponse<String> other = stack.postParts("/v1/datasets", List.of(TestStack.Part.text("name", "other"),
          TestStack.Part.file("file", "tiny.zip", zip())), Map.of("Idempotency-Key", "upload-1"));
      assertThat(other.statusCode()).isEqualTo(422);
      assertThat(stack.get("/v1/jobs?type=dataset").json().get("items")).hasSize(1);
    }
  }

  @Test
  void rateLimitAnswers429WithHeadersAndOversizeHeadersAreProblems(Infra infra) throws Exception {
    try (TestStack stack = new TestStack(infra, Map.of("FUNIT_RATE_LIMIT_BURST", "3",
        "FUNIT_RATE_LIMIT_PER_MINUTE", "1", "FUNIT_MAX_HEADER_BYTES", "2048"))) {
      stack.startGateway();
      for (int i = 0; i < 3; i++) {
        HttpResponse<byte[]> ok = stack.getBytes("/v1/jobs");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("RateLimit-Limit")).contains("3");
        assertThat(ok.headers().firstValue("RateLimit-Remaining")).contains(Integer.toString(2 - i));
      }
      HttpResponse<byte[]> limited = stack.getBytes("/v1/jobs");
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.headers().firstValue("Content-Type")).contains(PROBLEM);
      assertThat(limited.headers().firstValue("Retry-After").map(Long::parseLong)).hasValueSatisfying(
          s -> assertThat(s).isBetween(1L, 60L));
      assertThat(limited.headers().firstValue("RateLimit-Remaining")).contains("0");
      assertThat(new String(limited.body())).contains("/rate-limited");

      // a plain HTTP/1.1 request on a socket: the head is refused while it is decoded, before any route
      try (java.net.Socket socket = new java.net.Socket("127.0.0.1", stack.startedGatewayPort())) {
        socket.getOutputStream().write(("GET /v1/jobs HTTP/1.1\r\nHost: x\r\nX-Padding: " + "p".repeat(4096)
            + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(answer).startsWith("HTTP/1.1 431").contains(PROBLEM).contains("/headers-too-large");
      }
    }
  }

  private static int probeJobs(TestStack stack) throws Exception {
    return stack.get("/v1/jobs?type=probe").json().get("items").size();
  }

  private static byte[] zip() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("a/1.txt"));
      zip.write("not an image".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return bytes.toByteArray();
  }
}
