package io.funit.worker.translate.batching;

import static org.assertj.core.api.Assertions.assertThat;

import io.funit.common.config.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchingSettingsTest {
  private static final int CORES = Runtime.getRuntime().availableProcessors();

  @Test
  void aCpuRunsTwoLanesAtMostOnePerCoreAndAGpuOne() {
    assertThat(BatchingSettings.from(Settings.of(Map.of()), false).lanes())
        .isEqualTo(Math.min(BatchingSettings.CPU_LANES, CORES));
    assertThat(BatchingSettings.from(Settings.of(Map.of()), true).lanes()).isEqualTo(1);
  }

  @Test
  void anOperatorsPyTorchThreadsCapTheLanes() {
    // FUNIT_TRANSLATE_THREADS=1 reaches the worker as OMP_NUM_THREADS=1: one thread, so one lane
    assertThat(BatchingSettings.from(Settings.of(Map.of("OMP_NUM_THREADS", "1")), false).lanes()).isEqualTo(1);
    assertThat(BatchingSettings.from(Settings.of(Map.of("OMP_NUM_THREADS", "4,2")), false).lanes())
        .isEqualTo(Math.min(BatchingSettings.CPU_LANES, CORES));
    assertThat(BatchingSettings.from(Settings.of(Map.of("OMP_NUM_THREADS", "1", "FUNIT_TRANSLATE_LANES", "3")), false)
        .lanes()).as("set explicitly, as asked").isEqualTo(3);
  }
}
