package io.funit.common.funit.weights;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one translation between DJL parameter paths and the official PyTorch state_dict keys (spec §1.9, §2.5).
 * FUNIT's blocks name their children exactly as the official modules do; DJL prefixes each child name with a
 * two-digit position ({@code 01enc_content}), which is stripped here. So the keys are derived, not listed, and a
 * test checks them against the spec's key list for both networks.
 */
public final class StateDictKeys {
  private StateDictKeys() {}

  /** Every parameter of the block under its official key, in module order. */
  public static Map<String, Parameter> of(Block block) {
    Map<String, Parameter> keys = new LinkedHashMap<>();
    collect(block, "", keys);
    return keys;
  }

  private static void collect(Block block, String prefix, Map<String, Parameter> keys) {
    for (Pair<String, Parameter> parameter : block.getDirectParameters()) {
      keys.put(prefix + parameter.getKey(), parameter.getValue());
    }
    for (Pair<String, Block> child : block.getChildren()) {
      collect(child.getValue(), prefix + officialName(child.getKey()) + ".", keys);
    }
  }

  /** DJL's child name is a two-digit position followed by the name given to addChildBlock. */
  static String officialName(String djlChildName) {
    return djlChildName.substring(2);
  }

  /** Number of scalar parameters. */
  public static long count(Block block) {
    return of(block).values().stream().mapToLong(p -> p.getShape().size()).sum();
  }
}
