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
    return MinioClient.builder()
        .endpoint(settings.endpoint())
        .credentials(settings.accessKey(), settings.secretKey())
        .region(settings.region())   // an explicit region saves a GetBucketLocation round trip per bucket
        .httpClient(http, true)
        .build();
  }
}
