package io.funit.common.funit.config;

/**
 * Loss weights (spec §3).
 *
 * @param ganW adversarial weight (gan_w)
 * @param reconW L1 image reconstruction weight (r_w)
 * @param fmW feature-matching weight (fm_w)
 * @param r1W R1 gradient-penalty weight (hard-coded 10 in the official code)
 * @param r1Chunk compute R1 per chunk of this many samples and average, as the authors' 8-GPU run did with 8 per
 *     GPU (spec G6); 0 means the whole batch at once (the official single-device formula)
 * @param r1Method how the penalty's parameter gradient is computed
 * @param pairedW weight of the paired glyph loss, not in FUNIT (0, the official objective, by default): on a font
 *     dataset the translation of character c into font B has a true answer, font B's own glyph c, and this L1
 *     between the two supervises the generator directly (docs/model.md, "Paired glyph loss")
 */
public record LossConfig(double ganW, double reconW, double fmW, double r1W, int r1Chunk, R1Method r1Method,
    double pairedW) {
  public static final LossConfig OFFICIAL = new LossConfig(1, 0.1, 1, 10, 0, R1Method.TANGENT);

  public LossConfig(double ganW, double reconW, double fmW, double r1W, int r1Chunk) {
    this(ganW, reconW, fmW, r1W, r1Chunk, R1Method.TANGENT);
  }

  public LossConfig(double ganW, double reconW, double fmW, double r1W, int r1Chunk, R1Method r1Method) {
    this(ganW, reconW, fmW, r1W, r1Chunk, r1Method, 0);
  }

  public LossConfig withR1Method(R1Method method) {
    return new LossConfig(ganW, reconW, fmW, r1W, r1Chunk, method, pairedW);
  }

  public LossConfig {
    if (ganW < 0 || reconW < 0 || fmW < 0 || r1W < 0 || r1Chunk < 0 || pairedW < 0) {
      throw new IllegalArgumentException("loss weights and r1_chunk must not be negative");
    }
    r1Method = r1Method == null ? R1Method.TANGENT : r1Method;
  }
}
