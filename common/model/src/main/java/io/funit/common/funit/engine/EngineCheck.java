package io.funit.common.funit.engine;

import ai.djl.engine.Engine;
import io.funit.common.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code java -cp 'worker.jar:lib/*' io.funit.common.funit.engine.EngineCheck}: loads the PyTorch engine from the
 * native jar on the classpath and prints what it found (JSON), or exits 1 saying why not. Images run it at build
 * time, so that libtorch is unpacked into {@code DJL_CACHE_DIR} then and a worker starts offline without that step;
 * operators run it to check a host (GPUs DJL sees, CUDA build, cache directory).
 */
public final class EngineCheck {
  private EngineCheck() {}

  public static void main(String[] args) {
    Map<String, Object> found = new LinkedHashMap<>();
    found.put("cache_dir", System.getenv().getOrDefault("DJL_CACHE_DIR", System.getProperty("user.home") + "/.djl.ai"));
    try {
      Engine engine = Engine.getInstance();
      found.put("engine", engine.getEngineName());
      found.put("version", engine.getVersion());
      found.put("gpus", engine.getGpuCount());
      found.put("default_device", ComputeDevice.label(engine.defaultDevice()));
      System.out.println(Json.write(found));
    } catch (RuntimeException | UnsatisfiedLinkError e) {
      found.put("error", e.toString());
      System.out.println(Json.write(found));
      System.exit(1);
    }
  }
}
