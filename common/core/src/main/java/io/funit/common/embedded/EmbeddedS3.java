package io.funit.common.embedded;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeoutException;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * A real S3 server (S3Proxy) in this JVM, storing each object as a file under {@code dir/<bucket>/<key>}.
 * Any S3 client (the MinIO client, the AWS CLI, s3cmd) can use it with SigV4 and path-style addressing.
 */
public final class EmbeddedS3 implements AutoCloseable {
  private static final String LOOPBACK = "127.0.0.1";
  private final S3Proxy proxy;
  private final String host;
  private final String accessKey;
  private final String secretKey;

  private EmbeddedS3(S3Proxy proxy, String host, String accessKey, String secretKey) {
    this.proxy = proxy;
    this.host = host;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
  }

  public static EmbeddedS3 start(Path dir, int port, String accessKey, String secretKey) throws Exception {
    return start(dir, LOOPBACK, port, accessKey, secretKey);
  }

  /** As {@link #start(Path, int, String, String)}, listening on {@code host}, an address of this machine. */
  public static EmbeddedS3 start(Path dir, String host, int port, String accessKey, String secretKey)
      throws Exception {
    if (port != 0) {
      FreePorts.requireFree(port, "S3");
    }
    Files.createDirectories(dir);
    S3Proxy proxy = S3Proxy.builder()
        .blobStore(new FilesystemNio2BlobStore(dir.toString()))
        .endpoint(URI.create("http://" + host + ":" + port))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
        .stopTimeout(100)   // the default stop takes about 2 s
        .build();
    proxy.start();
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!"STARTED".equals(proxy.getState())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("S3Proxy did not start within 30 s: " + proxy.getState());
      }
      Thread.sleep(5);
    }
    return new EmbeddedS3(proxy, host, accessKey, secretKey);
  }

  public String endpoint() {
    return "http://" + host + ":" + proxy.getPort();
  }

  public String accessKey() {
    return accessKey;
  }

  public String secretKey() {
    return secretKey;
  }

  @Override
  public void close() throws Exception {
    try {
      proxy.stop();
    } catch (TimeoutException ignored) {
      // with a short stop timeout Jetty reports idle keep-alive connections it closed anyway
    }
  }
}
