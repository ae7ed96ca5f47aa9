package io.funit.deploy.manifests;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes objects read into fabric8's kubernetes-model, strictly: fabric8 keeps fields it does not know in each
 * object's {@code additionalProperties} instead of failing, so every object of the result is walked and any such
 * field is an error (a misspelt {@code readinesProbe} would otherwise pass unseen). KEDA's ScaledObject, which fabric8
 * does not model, is read into {@link ScaledObject} with unknown fields failing.
 */
final class StrictObjects {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
  private static final Map<String, Class<?>> KINDS = Map.of(
      "v1/ConfigMap", ConfigMap.class,
      "v1/Service", Service.class,
      "apps/v1/Deployment", Deployment.class,
      "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
      "keda.sh/v1alpha1/ScaledObject", ScaledObject.class);

  private StrictObjects() {}

  /** The object as its typed model; fails on an unknown kind or any unknown field, naming its path. */
  static Object read(JsonNode object) {
    String kind = object.path("apiVersion").asText() + "/" + object.path("kind").asText();
    Class<?> type = KINDS.get(kind);
    if (type == null) {
      throw new AssertionError("an object of a kind these checks do not know: " + kind);
    }
    Object typed;
    try {
      typed = MAPPER.treeToValue(object, type);
    } catch (Exception e) {
      throw new AssertionError(kind + " " + object.path("metadata").path("name").asText() + ": " + e.getMessage(), e);
    }
    List<String> unknown = new ArrayList<>();
    collectUnknown(typed, kind + " " + object.path("metadata").path("name").asText(), unknown);
    if (!unknown.isEmpty()) {
      throw new AssertionError("fields Kubernetes does not know: " + unknown);
    }
    return typed;
  }

  private static void collectUnknown(Object value, String path, List<String> unknown) {
    if (value instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        collectUnknown(item, path + "[" + i++ + "]", unknown);
      }
      return;
    }
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> collectUnknown(v, path + "." + k, unknown));
      return;
    }
    if (value == null || !value.getClass().getName().startsWith("io.fabric8.")) {
      return;
    }
    try {
      Method extra = value.getClass().getMethod("getAdditionalProperties");
      Map<?, ?> fields = (Map<?, ?>) extra.invoke(value);
      if (fields != null && !fields.isEmpty()) {
        unknown.add(path + ": " + fields.keySet());
      }
    } catch (NoSuchMethodException e) {
      // a model class without a catch-all (e.g. Quantity's parts): nothing can hide in it
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
    for (Class<?> c = value.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers()) || field.getName().equals("additionalProperties")) {
          continue;
        }
        try {
          field.setAccessible(true);
          collectUnknown(field.get(value), path + "." + field.getName(), unknown);
        } catch (IllegalAccessException | RuntimeException e) {
          throw new AssertionError(path + "." + field.getName() + ": " + e, e);
        }
      }
    }
  }
}
