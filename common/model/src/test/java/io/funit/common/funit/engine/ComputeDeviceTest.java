package io.funit.common.funit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.funit.common.config.Settings;
import java.lang.reflect.Field;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ComputeDeviceTest {
  @AfterEach
  void restoreCpu() {
    ComputeDevice.select(ComputeDevice.Choice.CPU);
  }

  @Test
  void readsTheChoiceAndNamesTheVariableWhenItIsWrong() {
    assertThat(ComputeDevice.choice(Settings.of(Map.of()))).isEqualTo(ComputeDevice.Choice.AUTO);
    assertThat(ComputeDevice.choice(Settings.of(Map.of("FUNIT_DEVICE", "GPU")))).isEqualTo(ComputeDevice.Choice.GPU);
    assertThat(ComputeDevice.choice(Settings.of(Map.of("FUNIT_DEVICE", "cpu")))).isEqualTo(ComputeDevice.Choice.CPU);
    assertThatThrownBy(() -> ComputeDevice.choice(Settings.of(Map.of("FUNIT_DEVICE", "tpu"))))
        .hasMessage("FUNIT_DEVICE must be auto, cpu or gpu, got tpu");
  }

  @Test
  void autoTakesTheCpuWithoutAGpuAndGpuRefusesToStart() {
    assumeTrue(Engine.getInstance().getGpuCount() == 0, "this host has a GPU");
    assertThat(ComputeDevice.select(ComputeDevice.Choice.AUTO)).isEqualTo(Device.cpu());
    assertThat(ComputeDevice.selectFrom(Settings.of(Map.of()))).isEqualTo("cpu");
    assertThatThrownBy(() -> ComputeDevice.select(ComputeDevice.Choice.GPU))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("FUNIT_DEVICE=gpu, but DJL sees no GPU")
        .hasMessageContaining("-Pcuda");
  }

  @Test
  void cpuReplacesAGpuDefaultForEveryManagerOfTheProcess() throws Exception {
    Engine engine = Engine.getInstance();
    Field field = Engine.class.getDeclaredField("defaultDevice");
    field.setAccessible(true);
    field.set(engine, Device.gpu()); // as DJL decides on a GPU host
    assertThat(engine.defaultDevice()).isEqualTo(Device.gpu());

    assertThat(ComputeDevice.select(ComputeDevice.Choice.CPU)).isEqualTo(Device.cpu());
    assertThat(engine.defaultDevice()).isEqualTo(Device.cpu());
    try (var manager = engine.newBaseManager()) {
      assertThat(manager.getDevice()).isEqualTo(Device.cpu());
    }
  }
}
