package io.funit.deploy.it;

import io.funit.common.dataset.imports.TestArchives;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/** Translations as a client sends them to a gateway started some other way than {@link TestStack}. */
public final class TestTranslations {
  private TestTranslations() {}

  /**
   * One translation with the default model: one 32×32 content image and three class images (drawn from
   * {@code seed}), waiting up to 60 s for the result ({@code Prefer: wait}).
   */
  public static HttpResponse<String> translate(HttpClient http, String gatewayUrl, String apiKey, int seed)
      throws Exception {
    String boundary = "funit-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    part(body, boundary, "content", "content.png", TestArchives.image("png", 32, 32, seed));
    for (int j = 1; j <= 3; j++) {
      part(body, boundary, "class", "class-" + j + ".png", TestArchives.image("png", 32, 32, seed + j));
    }
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return http.send(HttpRequest.newBuilder(URI.create(gatewayUrl + "/v1/translations"))
        .header("Authorization", "Bearer " + apiKey).header("Prefer", "wait=60")
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).timeout(Duration.ofSeconds(90)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void part(ByteArrayOutputStream body, String boundary, String field, String file, byte[] bytes) {
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
        + file + "\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(bytes);
    body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
  }
}
