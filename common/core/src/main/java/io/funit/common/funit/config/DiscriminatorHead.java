package io.funit.common.funit.config;

import io.funit.common.contract.InvalidRequestException;
import java.util.Arrays;
import java.util.Locale;

/** How the discriminator turns its features into a per-class realness map (spec §2.3, §8). */
public enum DiscriminatorHead {
  /**
   * The official FUNIT head: one 1×1 patch classifier per training class, each sample scored by its own class's
   * (spec §2.3). A head learns only from the samples of its class, so with many classes and a small batch each head
   * sees a sample every few hundred iterations (1,228 fonts at batch 8: every 154).
   */
  MULTI_TASK,
  /**
   * The projection head of NVIDIA's later FUNIT (imaginaire, spec §8): one shared 1×1 patch classifier plus
   * ⟨embedding(y), spatial mean of the features⟩. The shared classifier learns from every sample; the class
   * embedding adds what is specific to the class.
   */
  PROJECTION;

  /** The name requests use: {@code multi_task}, {@code projection}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a request's value, naming {@code field} when it is not a head. */
  public static DiscriminatorHead parse(String field, String value) {
    return Arrays.stream(values()).filter(h -> h.wireName().equals(value)).findFirst().orElseThrow(() ->
        new InvalidRequestException(field, "must be one of " + Arrays.stream(values())
            .map(DiscriminatorHead::wireName).toList() + ", got '" + value + "'"));
  }
}
