package io.funit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.config.KafkaSettings;
import io.funit.common.config.S3Settings;
import io.funit.common.config.Settings;
import io.funit.common.json.Json;
import io.funit.common.kafka.JobStateProjection;
import io.funit.common.kafka.KafkaClients;
import io.funit.common.storage.ObjectStore;
import io.funit.gateway.openapi.OpenApiRoutes;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Holds {@code /openapi.json} to the router: every (method, path) the gateway serves is documented, and every
 * documented operation is served. The router is the real one (every feature mounted as {@link Gateway#start} does),
 * built on clients that never connect. A route added without documentation fails here.
 */
class OpenApiRoutesTest {
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
  private static final Pattern PARAM = Pattern.compile("\\{([^}/]+)}");
  private static Vertx vertx;
  private static JobStateProjection projection;
  private static List<Route> routes;
  private static JsonNode document;

  @BeforeAll
  static void buildRouter() throws Exception {
    // nothing listens on port 1: the clients are built but never used
    Settings settings = Settings.of(Map.of("FUNIT_API_KEYS", "test-key", "FUNIT_KAFKA_BOOTSTRAP", "127.0.0.1:1",
        "FUNIT_S3_ENDPOINT", "http://127.0.0.1:1"));
    KafkaClients kafka = new KafkaClients(KafkaSettings.from(settings));
    ObjectStore store = new ObjectStore(S3Settings.from(settings));
    projection = new JobStateProjection(kafka, "openapi-test");
    vertx = Vertx.vertx();
    routes = Gateway.verticle(vertx, GatewaySettings.from(settings), kafka, store, projection,
        new MockProducer<>(true, null, new StringSerializer(), new StringSerializer()), null,
        new io.funit.common.metrics.ProcessMetrics()).router(vertx).getRoutes();
    document = Json.MAPPER.readTree(OpenApiRoutes.load());
  }

  @AfterAll
  static void close() {
    vertx.close().await();
    projection.close();
  }

  @Test
  void everyServedRouteIsDocumentedAndEveryDocumentedOperationIsServed() {
    Set<String> served = served();
    Set<String> documented = documented(true);
    assertThat(served).as("served routes").contains("GET /healthz", "GET /openapi.json", "POST /v1/jobs/{}");
    assertThat(documented).as("routes the router serves that /openapi.json does not describe")
        .containsAll(served);
    assertThat(served).as("operations /openapi.json describes that the router does not serve")
        .containsAll(documented(false));
  }

  @Test
  void documentIsOpenApi31WithResolvableReferencesAndDeclaredPathParameters() {
    assertThat(document.path("openapi").asText()).startsWith("3.1.");
    List<String> broken = new ArrayList<>();
    references(document, broken);
    assertThat(broken).as("$refs that point nowhere").isEmpty();

    document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
      if (!METHODS.contains(operation.getKey())) {
        return;
      }
      Set<String> inTemplate = new TreeSet<>();
      Matcher m = PARAM.matcher(path.getKey());
      while (m.find()) {
        inTemplate.add(m.group(1));
      }
      Set<String> declared = new TreeSet<>();
      for (JsonNode parameter : operation.getValue().path("parameters")) {
        JsonNode p = resolve(parameter);
        if ("path".equals(p.path("in").asText())) {
          declared.add(p.path("name").asText());
        }
      }
      String where = operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
      assertThat(declared).as("path parameters of " + where).isEqualTo(inTemplate);
      assertThat(operation.getValue().path("responses").has("default")).as("problem default of " + where).isTrue();
    }));
  }

  @Test
  void everyProblemResponseIsAProblemDocument() {
    document.path("components").path("responses").fields().forEachRemaining(response ->
        assertThat(response.getValue().path("content").path("application/problem+json").path("schema")
            .path("$ref").asText()).as(response.getKey()).isEqualTo("#/components/schemas/Problem"));
  }

  /** "GET /v1/jobs/{}": every path parameter (":id", "*") is "{}"; routes without a method are not endpoints. */
  private static Set<String> served() {
    Set<String> served = new TreeSet<>();
    for (Route route : routes) {
      Set<HttpMethod> methods = route.methods();
      if (methods == null || methods.isEmpty() || route.getPath() == null) {
        continue; // the key check on /v1/*, the failure handler
      }
      String path = route.getPath().replaceAll(":[^/]+", "{}");
      if (!route.isExactPath()) {
        path = path + (path.endsWith("/") ? "" : "/") + "{}"; // a trailing wildcard: one (slash-holding) parameter
      }
      for (HttpMethod method : methods) {
        served.add(method.name() + " " + path);
      }
    }
    return served;
  }

  /**
   * "GET /v1/jobs/{}" for every documented operation; {@code withPending}: also those marked
   * {@code x-funit-pending}, documented ahead of a feature that another change mounts.
   */
  private static Set<String> documented(boolean withPending) {
    Set<String> documented = new TreeSet<>();
    document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
      String method = operation.getKey();
      if (METHODS.contains(method) && (withPending || !operation.getValue().has("x-funit-pending"))) {
        documented.add(method.toUpperCase(Locale.ROOT) + " " + PARAM.matcher(path.getKey()).replaceAll("{}"));
      }
    }));
    return documented;
  }

  private static void references(JsonNode node, List<String> broken) {
    if (node.isObject()) {
      JsonNode ref = node.get("$ref");
      if (ref != null && (!ref.asText().startsWith("#/") || document.at(ref.asText().substring(1)).isMissingNode())) {
        broken.add(ref.asText());
      }
      node.elements().forEachRemaining(child -> references(child, broken));
    } else if (node.isArray()) {
      node.elements().forEachRemaining(child -> references(child, broken));
    }
  }

  private static JsonNode resolve(JsonNode node) {
    return node.has("$ref") ? document.at(node.get("$ref").asText().substring(1)) : node;
  }
}
