package io.funit.common.funit.interop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.funit.common.funit.model.FunitNetworks;
import io.funit.common.funit.weights.SafeTensors;
import io.funit.common.funit.weights.Weights;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Generator and discriminator weights as safetensors files with the official PyTorch state_dict keys and no
 * prefix (spec §1.9, §2.5): what a converted official checkpoint looks like, and what {@code check-reference} reads.
 * The exported generator is the EMA one ({@code gen_test}, used for inference) unless the trained one is asked for.
 */
public final class OfficialWeights {
  private OfficialWeights() {}

  public static void export(FunitNetworks nets, boolean emaGenerator, Path file) throws IOException {
    Map<String, NDArray> tensors = new LinkedHashMap<>();
    tensors.putAll(Weights.export(emaGenerator ? nets.genTest() : nets.gen(), ""));
    tensors.putAll(Weights.export(nets.dis(), ""));
    SafeTensors.write(file, tensors, Map.of("format", "funit-official-keys/1",
        "generator", emaGenerator ? "gen_test" : "gen"));
  }

  /**
   * Loads such a file into both generators (an official converted file holds one generator) and, when present,
   * the discriminator.
   */
  public static void load(FunitNetworks nets, Path file) throws IOException {
    try (NDManager scratch = NDManager.newBaseManager()) {
      Map<String, NDArray> tensors = SafeTensors.read(file, scratch).tensors();
      Weights.load(nets.gen(), tensors, "");
      Weights.load(nets.genTest(), tensors, "");
      if (tensors.containsKey("cnn_c.0.conv.weight")) {
        Weights.load(nets.dis(), tensors, "");
      }
    }
  }
}
