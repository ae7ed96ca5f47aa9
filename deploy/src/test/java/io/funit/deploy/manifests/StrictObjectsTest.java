package io.funit.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

/** The strict reading catches what a lenient one would let through. */
class StrictObjectsTest {
  private static final String DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: d}
      spec:
        selector: {matchLabels: {a: b}}
        template:
          metadata: {labels: {a: b}}
          spec:
            containers:
              - name: c
                image: i
                %s:
                  httpGet: {path: /readyz, port: http}
      """;

  @Test
  void aKnownFieldReadsIntoTheModel() throws Exception {
    Object typed = StrictObjects.read(Kustomize.documents(DEPLOYMENT.formatted("readinessProbe")).get(0));
    assertThat(((Deployment) typed).getSpec().getTemplate().getSpec().getContainers().get(0).getReadinessProbe()
        .getHttpGet().getPath()).isEqualTo("/readyz");
  }

  @Test
  void aMisspeltFieldDeepInsideFailsWithItsPath() {
    assertThatThrownBy(() -> StrictObjects.read(Kustomize.documents(DEPLOYMENT.formatted("readinesProbe")).get(0)))
        .hasMessageContaining("readinesProbe").hasMessageContaining("containers[0]");
  }

  @Test
  void aScaledObjectWithAnUnknownTriggerFieldFails() {
    assertThatThrownBy(() -> StrictObjects.read(Kustomize.documents("""
        apiVersion: keda.sh/v1alpha1
        kind: ScaledObject
        metadata: {name: s}
        spec:
          scaleTargetRef: {name: d}
          triggers:
            - type: kafka
              metadata: {topic: t, consumerGroup: g, lagTreshold: "5"}
        """).get(0))).hasMessageContaining("lagTreshold");
  }
}
