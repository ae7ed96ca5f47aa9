package io.funit.deploy.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many hosts of each kind the lab has. Besides these: one host each for Kafka, S3, the webhook receiver and the
 * client. Sized to the machine: every host's process shares the same cores, so a layout too big for them would
 * make starvation look like a fault.
 *
 * @param gateways gateway hosts (the client spreads its requests over them, as a load balancer would)
 * @param translateWorkers translate-worker hosts
 * @param trainWorkers train-worker hosts
 * @param evalWorkers eval-worker hosts
 */
record LabLayout(int gateways, int translateWorkers, int trainWorkers, int evalWorkers) {
  static final String KAFKA = "kafka";
  static final String S3 = "s3";
  static final String WEBHOOKS = "webhooks";
  static final String CLIENT = "client";

  /** One of each: what the CI subset runs on 2 cores. */
  static LabLayout small() {
    return new LabLayout(1, 1, 1, 1);
  }

  /** Two of each: failover between hosts of one kind. */
  static LabLayout full() {
    return new LabLayout(2, 2, 2, 2);
  }

  static LabLayout named(String name) {
    return switch (name) {
      case "small" -> small();
      case "full" -> full();
      default -> throw new IllegalArgumentException("unknown layout '" + name + "'; known: small, full");
    };
  }

  /** Every host, in the order the lab numbers them (so addresses are the same in every run). */
  List<String> hostNames() {
    List<String> names = new ArrayList<>(List.of(KAFKA, S3));
    names.addAll(gatewayHosts());
    names.addAll(workerHosts("translate"));
    names.addAll(workerHosts("train"));
    names.addAll(workerHosts("eval"));
    names.add(WEBHOOKS);
    names.add(CLIENT);
    return names;
  }

  List<String> gatewayHosts() {
    return numbered("gateway", gateways);
  }

  /** The kind of worker {@code host} runs (translate-N, train-N, eval-N), if it runs one. */
  static Optional<String> workerKind(String host) {
    Matcher worker = WORKER_HOST.matcher(host);
    return worker.matches() ? Optional.of(worker.group(1)) : Optional.empty();
  }

  private static final Pattern WORKER_HOST = Pattern.compile("(translate|train|eval)-\\d+");

  /** The hosts of one worker kind: translate-1, translate-2, ... */
  List<String> workerHosts(String kind) {
    return numbered(kind, switch (kind) {
      case "translate" -> translateWorkers;
      case "train" -> trainWorkers;
      case "eval" -> evalWorkers;
      default -> throw new IllegalArgumentException("unknown worker kind " + kind);
    });
  }

  private static List<String> numbered(String kind, int count) {
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      names.add(kind + "-" + i);
    }
    return names;
  }
}
