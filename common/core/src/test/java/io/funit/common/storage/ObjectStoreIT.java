package io.funit.common.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.funit.common.config.Settings;
import io.funit.common.testing.Infra;
import io.funit.common.testing.InfraExtension;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(InfraExtension.class)
class ObjectStoreIT {
  @TempDir Path temp;
  private Infra infra;
  private ObjectStore store;
  private String job;

  @BeforeEach
  void setUp(Infra infra) {
    this.infra = infra;
    Settings settings = infra.isolatedSettings(Map.of());
    store = Infra.store(settings);
    job = UUID.randomUUID().toString();
  }

  @Test
  void largeFileIsStoredInPartsAndDownloadedWithAVerifiedChecksum() throws Exception {
    Path file = temp.resolve("big.bin");
    byte[] chunk = new byte[1 << 20];
    new Random(7).nextBytes(chunk);
    try (var out = Files.newOutputStream(file)) {
      for (int i = 0; i < 20; i++) {   // 20 MiB: above the 16 MiB part size, so a multipart upload
        out.write(chunk);
      }
    }
    String key = StorageKeys.checkpoint(job, "model.bin");
    ObjectInfo put = store.put(key, file, "application/octet-stream");
    assertThat(put.sha256()).isEqualTo(Sha256.of(file));
    assertThat(store.stat(key)).get().extracting(ObjectInfo::sha256, ObjectInfo::size)
        .containsExactly(put.sha256(), 20L << 20);
    Path back = temp.resolve("back.bin");
    assertThat(store.download(key, back).sha256()).isEqualTo(put.sha256());
    assertThat(Files.mismatch(file, back)).isEqualTo(-1);
  }

  @Test
  void streamOfUnknownLengthIsStoredWithItsChecksum() throws Exception {
    byte[] content = "streamed content".getBytes(StandardCharsets.UTF_8);
    String key = StorageKeys.input(job, "stream.txt");
    ObjectInfo put = store.put(key, new ByteArrayInputStream(content), "text/plain");
    assertThat(put.sha256()).isEqualTo(Sha256.of(content));
    try (InputStream in = store.open(key)) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }
  }

  @Test
  void putIfAbsentKeepsTheFirstResult() {
    String key = StorageKeys.output(job, "result.json");
    ObjectInfo first = store.putBytesIfAbsent(key, "{\"a\":1}".getBytes(StandardCharsets.UTF_8), "application/json");
    ObjectInfo second = store.putBytesIfAbsent(key, "{\"a\":2}".getBytes(StandardCharsets.UTF_8), "application/json");
    assertThat(second.sha256()).isEqualTo(first.sha256());
    assertThat(new String(store.readBytes(key, 100), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
  }

  @Test
  void corruptedObjectIsDetectedOnDownload() throws Exception {
    String key = StorageKeys.output(job, "tampered.bin");
    // written behind the store's back, with a checksum that does not match the content
    MinioClient raw = MinioClient.builder().endpoint(infra.s3Endpoint())
        .credentials(infra.s3AccessKey(), infra.s3SecretKey()).region("us-east-1").build();
    byte[] content = "tampered".getBytes(StandardCharsets.UTF_8);
    raw.putObject(PutObjectArgs.builder().bucket(store.bucket()).object(key)
        .stream(new ByteArrayInputStream(content), content.length, -1)
        .userMetadata(Map.of("sha256", Sha256.of("original".getBytes(StandardCharsets.UTF_8)))).build());
    Path target = temp.resolve("t.bin");
    assertThatThrownBy(() -> store.download(key, target)).isInstanceOf(ChecksumMismatchException.class);
    assertThat(target).doesNotExist();
  }

  @Test
  void listingAndDeletingWorkByPrefix() {
    store.putBytes(StorageKeys.report(job, "a.json"), new byte[3], "application/json");
    store.putBytes(StorageKeys.report(job, "sub/b.json"), new byte[5], "application/json");
    assertThat(store.list(StorageKeys.prefix("reports", job))).extracting(ObjectInfo::key)
        .containsExactlyInAnyOrder("reports/" + job + "/a.json", "reports/" + job + "/sub/b.json");
    store.delete(StorageKeys.report(job, "a.json"));
    assertThat(store.stat(StorageKeys.report(job, "a.json"))).isEmpty();
  }

  @Test
  void presignedUrlServesTheObjectWithoutCredentials() throws Exception {
    String key = StorageKeys.output(job, "shared.txt");
    store.putBytes(key, "hello".getBytes(StandardCharsets.UTF_8), "text/plain");
    var response = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(store.presignedGet(key, java.time.Duration.ofMinutes(5))))
            .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("hello");
  }
}
