package io.funit.common.funit.config;

/**
 * The few-shot generator's shape (spec §0, {@code gen.*}).
 *
 * @param nf base channels of both encoders
 * @param nResBlks residual blocks in the content encoder and in the decoder
 * @param nfMlp hidden width of the MLP
 * @param latentDim class-code size
 * @param nMlpBlks linear layers in the MLP (at least 2)
 * @param nDownsContent content-encoder downsamplings (= decoder upsamplings)
 * @param nDownsClass class-encoder downsamplings (at least 2)
 */
public record GeneratorConfig(int nf, int nResBlks, int nfMlp, int latentDim, int nMlpBlks, int nDownsContent,
    int nDownsClass) {
  public GeneratorConfig {
    positive("gen.nf", nf);
    positive("gen.n_res_blks", nResBlks);
    positive("gen.nf_mlp", nfMlp);
    positive("gen.latent_dim", latentDim);
    if (nMlpBlks < 2) {
      throw new IllegalArgumentException("gen.n_mlp_blks must be at least 2, got " + nMlpBlks);
    }
    if (nDownsClass < 2) {
      throw new IllegalArgumentException("gen.n_downs_class must be at least 2, got " + nDownsClass);
    }
    if (nDownsContent < 0) {
      throw new IllegalArgumentException("gen.n_downs_content must not be negative");
    }
  }

  /** Channels of the content code: nf doubled at every content downsampling. */
  public int contentChannels() {
    return nf << nDownsContent;
  }

  /** The MLP's output: a bias and a weight per channel for each AdaIN conv (2 per residual block). */
  public int adainParams() {
    return nResBlks * 2 * 2 * contentChannels();
  }

  static void positive(String field, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(field + " must be at least 1, got " + value);
    }
  }
}
