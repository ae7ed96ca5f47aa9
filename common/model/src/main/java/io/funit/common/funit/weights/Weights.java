package io.funit.common.funit.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Copies weights between initialized blocks and name → tensor maps that use the official state_dict keys. */
public final class Weights {
  private Weights() {}

  /**
   * Sets every parameter of the block from {@code tensors[prefix + key]}; a missing or mis-shaped tensor fails
   * before anything is changed. Tensors without a matching parameter (e.g. AdaIN running stats, spec G14) are
   * ignored.
   */
  public static void load(Block block, Map<String, NDArray> tensors, String prefix) {
    Map<String, Parameter> parameters = StateDictKeys.of(block);
    List<String> problems = new ArrayList<>();
    parameters.forEach((key, parameter) -> {
      NDArray source = tensors.get(prefix + key);
      if (source == null) {
        problems.add("missing " + prefix + key);
      } else if (!source.getShape().equals(parameter.getShape())) {
        problems.add(prefix + key + " has shape " + source.getShape() + ", the model needs " + parameter.getShape());
      }
    });
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("weights do not fit the model: " + String.join("; ",
          problems.subList(0, Math.min(problems.size(), 10))) + (problems.size() > 10 ? " …" : ""));
    }
    parameters.forEach((key, parameter) -> parameter.getArray().set(tensors.get(prefix + key).toType(
        parameter.getArray().getDataType(), false).toByteBuffer()));
  }

  /** The block's parameters under {@code prefix + key}; the arrays are the live parameters, not copies. */
  public static Map<String, NDArray> export(Block block, String prefix) {
    Map<String, NDArray> out = new LinkedHashMap<>();
    StateDictKeys.of(block).forEach((key, parameter) -> out.put(prefix + key, parameter.getArray()));
    return out;
  }
}
