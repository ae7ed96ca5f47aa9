package io.funit.common.funit.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.funit.common.config.Settings;
import java.lang.reflect.Field;
import java.util.Locale;

/**
 * FUNIT_DEVICE: where a worker's models run. {@code auto} (default) takes a GPU when DJL sees one, else the CPU;
 * {@code cpu} keeps a GPU host's worker on the CPU; {@code gpu} refuses to start without a GPU, so that a
 * mis-scheduled pod fails at once instead of training a hundred times slower.
 */
public final class ComputeDevice {
  /** The choices of FUNIT_DEVICE. */
  public enum Choice { AUTO, CPU, GPU }

  private ComputeDevice() {}

  public static Choice choice(Settings settings) {
    String value = settings.string("FUNIT_DEVICE", "auto");
    try {
      return Choice.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("FUNIT_DEVICE must be auto, cpu or gpu, got " + value);
    }
  }

  /**
   * Resolves the choice on this host and makes it the engine's default device, which every NDManager of the
   * process uses.
   *
   * @throws IllegalStateException for {@code gpu} on a host where DJL sees no GPU, saying what to check
   */
  public static Device select(Choice choice) {
    Engine engine = Engine.getInstance();
    int gpus = engine.getGpuCount();
    Device device = switch (choice) {
      case CPU -> Device.cpu();
      case AUTO -> gpus > 0 ? Device.gpu() : Device.cpu();
      case GPU -> {
        if (gpus == 0) {
          throw new IllegalStateException("FUNIT_DEVICE=gpu, but DJL sees no GPU on this host (engine "
              + engine.getEngineName() + " " + engine.getVersion() + "): run the CUDA build (mvn -Pcuda, "
              + "pytorch-native-cu118) on a host with an NVIDIA driver and a visible device, or set FUNIT_DEVICE "
              + "to auto or cpu");
        }
        yield Device.gpu();
      }
    };
    if (!engine.defaultDevice().equals(device)) {
      setDefault(engine, device);
    }
    return device;
  }

  /**
   * DJL 0.25 picks its default device once (a GPU when it sees one) and offers no setter; our code creates its
   * NDManagers with that default, so {@code cpu} on a GPU host replaces it here.
   */
  private static void setDefault(Engine engine, Device device) {
    try {
      Field field = Engine.class.getDeclaredField("defaultDevice");
      field.setAccessible(true);
      field.set(engine, device);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot make " + device + " DJL's default device: " + e, e);
    }
  }

  /** Reads FUNIT_DEVICE, selects the device and returns its name ({@code cpu} or {@code gpu}). */
  public static String selectFrom(Settings settings) {
    return label(select(choice(settings)));
  }

  /** The metric and log name of a device: {@code cpu} or {@code gpu}. */
  public static String label(Device device) {
    return device.isGpu() ? "gpu" : "cpu";
  }
}
