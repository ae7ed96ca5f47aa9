package io.funit.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One rendered overlay's objects, each read strictly into its model. */
public final class RenderedOverlay {

  public final ConfigMap config;
  public final Map<String, Deployment> deployments = new HashMap<>();
  final List<PodDisruptionBudget> budgets = new ArrayList<>();
  final List<ScaledObject> scaledObjects = new ArrayList<>();

  public RenderedOverlay(List<JsonNode> objects) {
    ConfigMap found = null;
    for (JsonNode object : objects) {
      Object typed = StrictObjects.read(object);
      if (typed instanceof ConfigMap map) {
        found = map;
      } else if (typed instanceof Deployment deployment) {
        deployments.put(deployment.getMetadata().getName(), deployment);
      } else if (typed instanceof PodDisruptionBudget budget) {
        budgets.add(budget);
      } else if (typed instanceof ScaledObject scaled) {
        scaledObjects.add(scaled);
      }
    }
    assertThat(found).as("the ConfigMap").isNotNull();
    config = found;
  }

  /** The keys of the Secret {@code funit-secrets} (docs/deploy.md), with values of the right form. */
  public static final Map<String, String> EXAMPLE_SECRETS = Map.of("api-keys", "example-key",
      "s3-access-key", "minioadmin", "s3-secret-key", "minioadmin",
      "webhook-secrets", io.funit.common.auth.NewSecrets.webhookSecret());

  Map<String, String> environment(Deployment deployment) {
    return environment(deployment, EXAMPLE_SECRETS);
  }

  /**
   * The environment a deployment's container gets: the ConfigMap it names, then its own variables, a secret's
   * from {@code secrets} (by key of {@code funit-secrets}), a field reference as {@code <field path>}.
   */
  public Map<String, String> environment(Deployment deployment, Map<String, String> secrets) {
    Map<String, String> env = new HashMap<>();
    Container container = container(deployment);
    container.getEnvFrom().forEach(from -> {
      assertThat(from.getConfigMapRef().getName()).isEqualTo(config.getMetadata().getName());
      env.putAll(config.getData());
    });
    for (EnvVar var : container.getEnv()) {
      if (var.getValue() != null) {
        env.put(var.getName(), var.getValue());
      } else if (var.getValueFrom().getSecretKeyRef() != null) {
        assertThat(var.getValueFrom().getSecretKeyRef().getName()).isEqualTo("funit-secrets");
        String key = var.getValueFrom().getSecretKeyRef().getKey();
        assertThat(secrets).as("a documented key of funit-secrets").containsKey(key);
        env.put(var.getName(), secrets.get(key));
      } else {
        env.put(var.getName(), "<" + var.getValueFrom().getFieldRef().getFieldPath() + ">");
      }
    }
    return env;
  }

  /** A deployment's one container. */
  public static Container container(Deployment deployment) {
    List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
    assertThat(containers).hasSize(1);
    return containers.get(0);
  }
}
