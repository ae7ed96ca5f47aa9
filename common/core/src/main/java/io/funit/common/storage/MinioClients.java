package io.funit.common.storage;

import io.funit.common.config.S3Settings;
import io.minio.MinioClient;
import io.minio.http.HttpUtils;
import java.util.concurrent.Executors;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/** Builds the MinIO client with the settings this system needs. */
final class MinioClients {
  private MinioClients() {}

  static MinioClient create(S3Settings settings) {
    // OkHttp's dispatcher threads are non-daemon with a 60 s keep-alive: a CLI would hang 60 s at exit.
    OkHttpClient http = HttpUtils.newDefaultHttpClient(settings.connectTimeout().toMillis(),
            settings.ioTimeout().toMillis(), settings.ioTimeout().toMillis())
        .newBuilder()
        .dispatcher(new Dispatcher(Executors.newCachedThreadPool(r -> {
          Thread t = new Thread(r, "minio-http");
          t.setDaemon(true);
          return t;
        })))
        .build();
    if (settings.endpoint().toLowerCase(java.util.Locale.ROOT).startsWith("http://")) {
      // The client rebuilds its OkHttpClient for every object write (MinIO 8.6.0: PUT and POST without retries on
      // connection failure), and with TLS enabled each rebuild compares the JVM's whole trust store, which a profile
      // of ./funit bench serve showed as most of the worker's CPU in storage calls. A plain-HTTP endpoint never uses
      // TLS, so its client has none and the rebuild is cheap.
      http = http.newBuilder().connectionSpecs(java.util.List.of(okhttp3.ConnectionSpec.CLEARTEXT)).build();
    }
    return MinioClient.builder()
        .endpoint(settings.endpoint())
        .credentials(settings.accessKey(), settings.secretKey())
        .region(settings.region())   // an explicit region saves a GetBucketLocation round trip per bucket
        .httpClient(http, true)
        .build();
  }
}
