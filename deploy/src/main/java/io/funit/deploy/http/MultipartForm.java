package io.funit.deploy.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A multipart/form-data body as a browser or curl sends it, for the launcher's own clients (benchmarks, the
 * fault-injection load): the JDK's HTTP client has no form encoder and these bodies are small and in memory.
 */
public final class MultipartForm {
  private final String boundary = "funit-" + Long.toHexString(System.nanoTime());
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();

  public MultipartForm file(String field, String fileName, String contentType, byte[] bytes) {
    write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + fileName
        + "\"\r\nContent-Type: " + contentType + "\r\n\r\n");
    body.writeBytes(bytes);
    write("\r\n");
    return this;
  }

  public MultipartForm text(String field, String value) {
    write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"\r\n\r\n" + value + "\r\n");
    return this;
  }

  /** The finished body; the form can't be added to afterwards. */
  public byte[] bytes() {
    ByteArrayOutputStream done = new ByteArrayOutputStream();
    done.writeBytes(body.toByteArray());
    done.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return done.toByteArray();
  }

  public String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  private void write(String text) {
    body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }
}
