package io.funit.common.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.funit.common.contract.InvalidRequestException;
import io.funit.common.contract.JobRequests;
import io.funit.common.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Baseline model entries as a client sends them: each fault named by its entry's index and field. */
class EvalRequestTest {
  private static EvalRequest parse(String baselines) throws Exception {
    return JobRequests.parse(EvalRequest.class, Json.MAPPER.readTree("{\"model\":\"m\",\"dataset\":\"d\","
        + "\"k\":[1,5],\"baselines\":" + baselines + "}"));
  }

  private static void refused(String baselines, String field, String reason) {
    assertThatThrownBy(() -> parse(baselines)).isInstanceOf(InvalidRequestException.class)
        .satisfies(e -> assertThat(((InvalidRequestException) e).field()).isEqualTo(field))
        .hasMessageContaining(reason);
  }

  @Test
  void aRowIsOneModelAtEveryKOrOneModelPerK() throws Exception {
    EvalRequest request = parse("[{\"name\":\"stargan_fair\",\"model\":\"sf\"},"
        + "{\"name\":\"stargan_unfair\",\"model\":\"su1\",\"k\":1},{\"name\":\"stargan_unfair\",\"model\":\"su5\","
        + "\"k\":5}]");

    assertThat(request.baselines()).containsExactly(new BaselineModel("stargan_fair", "sf", null),
        new BaselineModel("stargan_unfair", "su1", 1), new BaselineModel("stargan_unfair", "su5", 5));
    assertThat(request.baselines().get(1).appliesAt(1)).isTrue();
    assertThat(request.baselines().get(1).appliesAt(5)).isFalse();
    assertThat(request.baselines().get(0).appliesAt(5)).isTrue();
    assertThat(new EvalRequest("m", "d", List.of(1), 0, null).baselines()).isEmpty();
  }

  @Test
  void badEntriesAreNamedByIndexAndField() {
    refused("[{\"model\":\"sf\"}]", "baselines[0].name", "required");
    assertThatThrownBy(() -> new EvalRequest("m", "d", List.of(1), 0, null, List.of(), "per_class", null))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("shot_sets"));
    assertThat(new EvalRequest("m", "d", List.of(1), 0, null).fixedShotSets()).isFalse();
    refused("[{\"name\":\"StarGAN\",\"model\":\"sf\"}]", "baselines[0].name", "lowercase");
    refused("[{\"name\":\"class_mean\",\"model\":\"sf\"}]", "baselines[0].name", "built-in");
    refused("[{\"name\":\"a\",\"model\":\"sf\"},{\"name\":\"b\"}]", "baselines[1].model", "required");
    refused("[{\"name\":\"a\",\"model\":\"../models\"}]", "baselines[0].model", "not a valid id");
    refused("[{\"name\":\"a\",\"model\":\"sf\",\"k\":10}]", "baselines[0].k", "not among the request's k");
    refused("[{\"name\":\"a\",\"model\":\"x\"},{\"name\":\"a\",\"model\":\"y\",\"k\":5}]", "baselines[1]",
        "one model at every K or one model per K");
    refused("[{\"name\":\"a\",\"model\":\"x\",\"k\":5},{\"name\":\"a\",\"model\":\"y\",\"k\":5}]", "baselines[1]",
        "already has a model at K = 5");
    refused("[{\"name\":\"a\",\"model\":\"x\",\"k\":5},{\"name\":\"a\",\"model\":\"y\"}]", "baselines[1]",
        "already has a model");
    refused("[null]", "baselines[0]", "must be an object");
    refused("[" + "{\"name\":\"a\",\"model\":\"x\",\"k\":1},".repeat(8) + "{\"name\":\"b\",\"model\":\"y\"}]",
        "baselines", "between 0 and 8");
  }
}
