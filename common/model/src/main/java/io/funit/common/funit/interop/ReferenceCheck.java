package io.funit.common.funit.interop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.funit.common.funit.config.DiscriminatorConfig;
import io.funit.common.funit.config.GeneratorConfig;
import io.funit.common.funit.model.FewShotGenerator;
import io.funit.common.funit.model.FunitBlock;
import io.funit.common.funit.model.MultiTaskPatchDiscriminator;
import io.funit.common.funit.weights.SafeTensors;
import io.funit.common.funit.weights.Weights;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs our networks with the weights and inputs stored in a safetensors file and compares with the outputs stored
 * there ({@code ./funit model check-reference}). Weights use the official keys; inputs are {@code input.content}
 * (B,3,H,W), {@code input.class} (B,K,3,H,W), optionally {@code input.dis} (B,3,H,W) and {@code input.dis_labels}
 * (B); outputs are {@code output.translation}, {@code output.dis} and {@code output.dis_feat}.
 */
public final class ReferenceCheck {
  private ReferenceCheck() {}

  /**
   * Max absolute differences; null where the file has no such output.
   *
   * @param translation generator, K-shot
   * @param dis the selected class head's patch map
   * @param disFeat the feature-matching features
   */
  public record Result(String file, Double translation, Double dis, Double disFeat, int batch, int k) {}

  /** Architecture read from a file's {@code __metadata__.config} (the format tools/reference writes). */
  public record Architecture(GeneratorConfig gen, DiscriminatorConfig dis) {}

  public static Architecture architectureFromMetadata(Path file) throws IOException {
    String json;
    try (NDManager manager = NDManager.newBaseManager()) {
      json = SafeTensors.read(file, manager).metadata().get("config");
    }
    if (json == null) {
      throw new IllegalArgumentException(file + " has no __metadata__.config; name a preset instead");
    }
    com.fasterxml.jackson.databind.JsonNode c = io.funit.common.json.Json.MAPPER.readTree(json);
    return new Architecture(
        new GeneratorConfig(c.path("gen_nf").asInt(), c.path("gen_n_res_blks").asInt(), c.path("nf_mlp").asInt(),
            c.path("latent_dim").asInt(), c.path("n_mlp_blks").asInt(), c.path("n_downs_content").asInt(),
            c.path("n_downs_class").asInt()),
        new DiscriminatorConfig(c.path("dis_nf").asInt(), c.path("dis_n_res_blks").asInt(),
            c.path("num_classes").asInt(), true));
  }

  /**
   * The inverse of {@link #architectureFromMetadata}: an architecture in the config keys tools/reference reads, for
   * running the PyTorch reference on the same networks.
   */
  public static Map<String, Object> metadataConfig(GeneratorConfig gen, DiscriminatorConfig dis, int imageSize) {
    Map<String, Object> c = new java.util.LinkedHashMap<>();
    c.put("gen_nf", gen.nf());
    c.put("gen_n_res_blks", gen.nResBlks());
    c.put("nf_mlp", gen.nfMlp());
    c.put("latent_dim", gen.latentDim());
    c.put("n_mlp_blks", gen.nMlpBlks());
    c.put("n_downs_content", gen.nDownsContent());
    c.put("n_downs_class", gen.nDownsClass());
    c.put("dis_nf", dis.nf());
    c.put("dis_n_res_blks", dis.nResBlks());
    c.put("num_classes", dis.numClasses());
    c.put("image_size", imageSize);
    return c;
  }

  /** The discriminator's head count comes from the file ({@code cnn_c.0.conv.weight}), not from the preset. */
  public static Result run(Path file, GeneratorConfig genConfig, DiscriminatorConfig disConfig) throws IOException {
    try (NDManager manager = NDManager.newBaseManager()) {
      SafeTensors.Contents contents = SafeTensors.read(file, manager);
      Map<String, NDArray> t = contents.tensors();
      ParameterStore store = new ParameterStore(manager, false);
      NDArray content = require(t, "input.content");
      NDArray classImages = require(t, "input.class");
      FewShotGenerator gen = withWeights(new FewShotGenerator(genConfig), manager, content.getShape(), t);
      NDArray translation = gen.forward(store, new NDList(content, classImages), false).singletonOrThrow();
      Double translationDiff = diff(translation, t.get("output.translation"));
      Double disDiff = null;
      Double featDiff = null;
      if (t.containsKey("input.dis") && t.containsKey("cnn_c.0.conv.weight")) {
        int heads = (int) t.get("cnn_c.0.conv.weight").getShape().get(0);
        DiscriminatorConfig withHeads = new DiscriminatorConfig(disConfig.nf(), disConfig.nResBlks(), heads,
            disConfig.inPlaceActivation());
        MultiTaskPatchDiscriminator dis = withWeights(new MultiTaskPatchDiscriminator(withHeads), manager,
            t.get("input.dis").getShape(), t);
        NDList out = dis.forward(store, new NDList(t.get("input.dis"), require(t, "input.dis_labels")), false);
        disDiff = diff(out.get(0), t.get("output.dis"));
        featDiff = diff(out.get(1), t.get("output.dis_feat"));
      }
      return new Result(file.toString(), translationDiff, disDiff, featDiff, (int) content.getShape().get(0),
          (int) classImages.getShape().get(1));
    }
  }

  private static <B extends FunitBlock> B withWeights(B block, NDManager manager, Shape input,
      Map<String, NDArray> tensors) {
    block.initialize(manager, DataType.FLOAT32, input);
    Weights.load(block, tensors, "");
    return block;
  }

  private static NDArray require(Map<String, NDArray> tensors, String name) {
    NDArray array = tensors.get(name);
    if (array == null) {
      throw new IllegalArgumentException("the file has no tensor '" + name + "'");
    }
    return array;
  }

  private static Double diff(NDArray actual, NDArray expected) {
    if (expected == null) {
      return null;
    }
    if (!actual.getShape().equals(expected.getShape())) {
      throw new IllegalArgumentException("output shape " + actual.getShape() + " differs from the file's "
          + expected.getShape());
    }
    return (double) actual.sub(expected).abs().max().getFloat();
  }
}
