package io.funit.common.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Apache Kafka broker (KRaft, broker and controller in one) in this JVM, keeping its log in
 * {@code dir}; restarting on the same dir keeps every topic and record. Used by {@code ./funit up} and by the
 * integration tests when no Docker engine is available.
 */
public final class EmbeddedKafka implements AutoCloseable {
  private static final String LOOPBACK = "127.0.0.1";
  private final KafkaRaftServer server;
  private final String host;
  private final int port;

  private EmbeddedKafka(KafkaRaftServer server, String host, int port) {
    this.server = server;
    this.host = host;
    this.port = port;
  }

  /** Starts the broker on loopback on the given ports (0 picks free ones). */
  public static EmbeddedKafka start(Path dir, int port, int controllerPort) throws IOException {
    return start(dir, LOOPBACK, port, controllerPort);
  }

  /**
   * Starts the broker listening on (and advertising) {@code host}, an address of this machine: a broker on a host of
   * its own that clients on other hosts reach ({@code ./funit serve kafka}, the fault-injection suite).
   */
  public static EmbeddedKafka start(Path dir, String host, int port, int controllerPort) throws IOException {
    int brokerPort = port == 0 ? FreePorts.pick() : port;
    int quorumPort = controllerPort == 0 ? FreePorts.pick() : controllerPort;
    FreePorts.requireFree(brokerPort, "Kafka");
    FreePorts.requireFree(quorumPort, "the Kafka controller");
    Path data = dir.resolve("data");
    Files.createDirectories(data);
    Properties props = config(data, host, brokerPort, quorumPort);
    Path configFile = dir.resolve("server.properties");
    try (Writer writer = Files.newBufferedWriter(configFile)) {
      props.store(writer, "written by FUNIT's embedded stack on every start");
    }
    if (!Files.exists(data.resolve("meta.properties"))) {
      format(configFile);
    }
    KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
    server.startup();
    return new EmbeddedKafka(server, host, brokerPort);
  }

  private static Properties config(Path data, String host, int brokerPort, int controllerPort) {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.bootstrap.servers", host + ":" + controllerPort);
    p.put("listeners", "PLAINTEXT://" + host + ":" + brokerPort + ",CONTROLLER://" + host + ":" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + brokerPort);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
    p.put("log.dirs", data.toString());
    p.put("num.partitions", "1");
    // one node: every internal topic has a single replica
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "10");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    // the default 128 MiB cleaner buffer is allocated on heap; small heaps would fail at start-up
    p.put("log.cleaner.dedupe.buffer.size", "4194304");
    // compaction of the job-event topic must run in a dev stack too
    p.put("log.cleaner.enable", "true");
    return p;
  }

  private static void format(Path configFile) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // execute() returns a code; StorageTool.main would System.exit this JVM
    int rc = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c",
        configFile.toString(), "--standalone"}, new PrintStream(out, true, StandardCharsets.UTF_8));
    if (rc != 0) {
      throw new IllegalStateException("formatting Kafka storage failed: " + out.toString(StandardCharsets.UTF_8));
    }
  }

  public String bootstrapServers() {
    return host + ":" + port;
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
  }
}
