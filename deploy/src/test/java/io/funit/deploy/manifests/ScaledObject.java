package io.funit.deploy.manifests;

import java.util.List;
import java.util.Map;

/**
 * The fields of KEDA's {@code keda.sh/v1alpha1} ScaledObject that our manifests use, with the apache-kafka trigger
 * (keda.sh, "Apache Kafka" scaler): read strictly, an unknown or misspelt field fails.
 */
record ScaledObject(String apiVersion, String kind, Metadata metadata, Spec spec) {
  record Metadata(String name, Map<String, String> labels) {}

  record Spec(ScaleTargetRef scaleTargetRef, Integer pollingInterval, Integer cooldownPeriod,
      Integer minReplicaCount, Integer maxReplicaCount, List<Trigger> triggers) {}

  record ScaleTargetRef(String name) {}

  record Trigger(String type, KafkaTrigger metadata) {}

  record KafkaTrigger(String bootstrapServers, String consumerGroup, String topic, String lagThreshold,
      String activationLagThreshold, String offsetResetPolicy) {}
}
