package io.funit.worker.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingGaugesTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void eachSlotHasItsSeriesFromTheStartFilledWhileATrainingRunsAndNaNAfter() {
    TrainingGauges gauges = new TrainingGauges(registry, false, List.of("train-0", "train-1"));
    assertThat(gauge("funit.training.iteration", "train-1")).isNaN();

    try (TrainingGauges.Live live = gauges.open("train-1", "job-1")) {
      live.iteration(42, 2.5, Map.of("loss_gen_total", 1.25, "held_out_l1_ema", 0.17));
      assertThat(gauge("funit.training.iteration", "train-1")).isEqualTo(42);
      assertThat(gauge("funit.training.iterations.per.second", "train-1")).isEqualTo(2.5);
      assertThat(registry.get("funit.training.loss").tag("slot", "train-1").tag("loss", "loss_gen_total").gauge()
          .value()).isEqualTo(1.25);
      assertThat(gauge("funit.training.validation.l1", "train-1")).isEqualTo(0.17);
      live.iteration(43, 2.5, Map.of("loss_gen_total", 1.0)); // validation runs every N: the last one stays
      assertThat(gauge("funit.training.validation.l1", "train-1")).isEqualTo(0.17);
      assertThat(gauge("funit.training.iteration", "train-0")).isNaN();
    }
    assertThat(gauge("funit.training.iteration", "train-1")).isNaN();
    assertThat(registry.find("funit.training.iteration").tag("job_id", "job-1").gauge()).isNull();
  }

  @Test
  void withJobLabelsTheSeriesComeAndGoWithTheTraining() {
    TrainingGauges gauges = new TrainingGauges(registry, true, List.of("train-0"));
    assertThat(registry.find("funit.training.iteration").gauges()).isEmpty();
    try (TrainingGauges.Live live = gauges.open("train-0", "job-9")) {
      live.iteration(7, 1, Map.of());
      assertThat(registry.get("funit.training.iteration").tag("job_id", "job-9").tag("slot", "train-0").gauge()
          .value()).isEqualTo(7);
    }
    assertThat(registry.find("funit.training.iteration").gauges()).isEmpty();
    assertThat(registry.find("funit.training.loss").gauges()).isEmpty();
  }

  private double gauge(String name, String slot) {
    return registry.get(name).tag("slot", slot).gauge().value();
  }
}
