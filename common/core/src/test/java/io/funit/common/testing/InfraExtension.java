package io.funit.common.testing;

import io.funit.common.embedded.EmbeddedKafka;
import io.funit.common.embedded.EmbeddedS3;
import java.nio.file.Files;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.kafka.KafkaContainer;

/**
 * Gives integration tests one shared set of real servers per test run: Kafka and MinIO containers when a Docker
 * engine is available, otherwise the same embedded Kafka broker and S3Proxy that {@code ./funit up} runs.
 * {@code -Dinfra.mode=containers} insists on Docker (a CI with Docker must not silently fall back);
 * {@code -Dinfra.mode=embedded} never probes for it.
 */
public final class InfraExtension implements BeforeAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(InfraExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    infra(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Infra.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return infra(context);
  }

  /** One instance per run, in the root store: JUnit closes it when the run ends. */
  public static Infra infra(ExtensionContext context) {
    return context.getRoot().getStore(NS).getOrComputeIfAbsent(Infra.class, k -> start(), Infra.class);
  }

  private static Infra start() {
    String mode = System.getProperty("infra.mode", System.getenv().getOrDefault("INFRA_MODE", "auto"));
    boolean docker = !mode.equals("embedded") && DockerClientFactory.instance().isDockerAvailable();
    if (mode.equals("containers") && !docker) {
      throw new IllegalStateException("infra.mode=containers but no Docker engine is available");
    }
    try {
      return docker ? containers() : embedded();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the test servers (" + mode + ")", e);
    }
  }

  private static Infra containers() {
    KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.1");
    MinIOContainer minio = new MinIOContainer("minio/minio:RELEASE.2025-04-22T22-12-26Z");
    kafka.start();
    minio.start();
    return new SimpleInfra("containers", kafka.getBootstrapServers(), minio.getS3URL(), minio.getUserName(),
        minio.getPassword(), () -> {
          minio.stop();
          kafka.stop();
        });
  }

  private static Infra embedded() throws Exception {
    EmbeddedKafka kafka = EmbeddedKafka.start(Files.createTempDirectory("it-kafka"), 0, 0);
    EmbeddedS3 s3 = EmbeddedS3.start(Files.createTempDirectory("it-s3"), 0, "it-access", "it-secret-key");
    return new SimpleInfra("embedded", kafka.bootstrapServers(), s3.endpoint(), s3.accessKey(), s3.secretKey(), () -> {
      s3.close();
      kafka.close();
    });
  }

  private record SimpleInfra(String mode, String kafkaBootstrap, String s3Endpoint, String s3AccessKey,
      String s3SecretKey, AutoCloseable stopper) implements Infra {
    @Override
    public void close() throws Exception {
      stopper.close();
    }
  }
}
