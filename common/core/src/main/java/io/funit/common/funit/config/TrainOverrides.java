package io.funit.common.funit.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.contract.InvalidRequestException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Per-job changes to a preset; absent fields keep the preset's value. Unknown fields are refused (a typo such as
 * {@code lr_gne} must not silently train with the default).
 *
 * @param iterations total training iterations (the model ends with exactly this many)
 * @param batchSize content/class pairs per iteration
 * @param lrGen generator learning rate
 * @param lrDis discriminator learning rate
 * @param weightDecay RMSprop weight decay of both networks
 * @param genNf generator base channels
 * @param disNf discriminator base channels
 * @param disResBlks discriminator residual blocks (even)
 * @param mlpDim width of the generator's MLP
 * @param latentDim class code size
 * @param emaBeta EMA weight of the old generator
 * @param emaWarmup updates during which the EMA generator copies the generator
 * @param reconWeight weight of the L1 reconstruction loss
 * @param fmWeight weight of the feature-matching losses
 * @param r1Weight weight of the R1 penalty
 * @param seed initialisation and sampling seed
 * @param emaRamp ramp the EMA decay as min(β, (1 + t) / (10 + t)) after the warm-up
 * @param contentDownsamplings content-encoder downsamplings (gen.n_downs_content): a coarser content code leaves
 *     more of the glyph's shape to the class code
 * @param disHead the discriminator's head, {@code multi_task} (official) or {@code projection}
 *     ({@link DiscriminatorHead})
 * @param pairedWeight weight of the paired glyph loss (font datasets only; 0 by default, the official objective)
 * @param classShots class images per sample in training, their codes averaged (1 = official;
 *     {@link FunitConfig#classShots})
 */
public record TrainOverrides(Long iterations, Integer batchSize, Double lrGen, Double lrDis, Double weightDecay,
    Integer genNf, Integer disNf, Integer disResBlks, Integer mlpDim, Integer latentDim, Double emaBeta,
    Integer emaWarmup, Double reconWeight, Double fmWeight, Double r1Weight, Long seed, Boolean emaRamp,
    Integer contentDownsamplings, String disHead, Double pairedWeight, Integer classShots) {
  public static final TrainOverrides NONE = new TrainOverrides(null, null, null, null, null, null, null, null, null,
      null, null, null, null, null, null, null, null, null, null, null, null);

  /**
   * Overrides a continuation may change: its checkpoint fixes the networks' shapes and the sampler's seed, so only
   * the recipe around them (rates, loss weights, EMA, batch size) can differ from the continued training's.
   */
  private static final Set<String> FIXED_BY_CHECKPOINT = Set.of("iterations", "gen_nf", "dis_nf",
      "dis_res_blks", "mlp_dim", "latent_dim", "seed", "content_downsamplings", "dis_head");

  public TrainOverrides {
    positive("overrides.iterations", iterations, 99_999_999); // checkpoint keys hold 8 digits
    positive("overrides.batch_size", batchSize, 1024);
    rate("overrides.lr_gen", lrGen);
    rate("overrides.lr_dis", lrDis);
    if (weightDecay != null && !(weightDecay >= 0 && weightDecay < 1)) {
      throw new InvalidRequestException("overrides.weight_decay", "must be in [0, 1)");
    }
    positive("overrides.gen_nf", genNf, 1024);
    positive("overrides.dis_nf", disNf, 1024);
    positive("overrides.dis_res_blks", disResBlks, 64);
    if (disResBlks != null && disResBlks % 2 != 0) {
      throw new InvalidRequestException("overrides.dis_res_blks", "must be even (blocks come in pairs)");
    }
    positive("overrides.mlp_dim", mlpDim, 4096);
    positive("overrides.latent_dim", latentDim, 4096);
    if (emaBeta != null && !(emaBeta >= 0 && emaBeta < 1)) {
      throw new InvalidRequestException("overrides.ema_beta", "must be in [0, 1)");
    }
    if (emaWarmup != null && emaWarmup < 0) {
      throw new InvalidRequestException("overrides.ema_warmup", "must not be negative");
    }
    weight("overrides.recon_weight", reconWeight);
    weight("overrides.fm_weight", fmWeight);
    weight("overrides.r1_weight", r1Weight);
    weight("overrides.paired_weight", pairedWeight);
    positive("overrides.class_shots", classShots, 64);
    if (contentDownsamplings != null && (contentDownsamplings < 0 || contentDownsamplings > 6)) {
      throw new InvalidRequestException("overrides.content_downsamplings", "must be between 0 and 6, got "
          + contentDownsamplings);
    }
    if (disHead != null) {
      DiscriminatorHead.parse("overrides.dis_head", disHead);
    }
  }

  /** Reads overrides strictly: an unknown field or a value of the wrong type is an error naming the field. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static TrainOverrides parse(JsonNode node) {
    if (node == null || node.isNull()) {
      return NONE;
    }
    if (!node.isObject()) {
      throw new InvalidRequestException("overrides", "must be an object");
    }
    List<String> known = Arrays.stream(TrainOverrides.class.getRecordComponents()).map(c -> snake(c.getName()))
        .toList();
    node.fieldNames().forEachRemaining(name -> {
      if (!known.contains(name)) {
        throw new InvalidRequestException("overrides." + name, "unknown override; known: " + known);
      }
    });
    return new TrainOverrides(integer(node, "iterations"), intOrNull(node, "batch_size"), real(node, "lr_gen"),
        real(node, "lr_dis"), real(node, "weight_decay"), intOrNull(node, "gen_nf"), intOrNull(node, "dis_nf"),
        intOrNull(node, "dis_res_blks"), intOrNull(node, "mlp_dim"), intOrNull(node, "latent_dim"),
        real(node, "ema_beta"), intOrNull(node, "ema_warmup"), real(node, "recon_weight"), real(node, "fm_weight"),
        real(node, "r1_weight"), integer(node, "seed"), bool(node, "ema_ramp"),
        intOrNull(node, "content_downsamplings"), text(node, "dis_head"), real(node, "paired_weight"),
        intOrNull(node, "class_shots"));
  }

  /**
   * A continuation's changes to the recipe, read like {@link #parse} but refusing, by name, every override its
   * checkpoint fixes.
   */
  public static TrainOverrides parseRecipeChanges(JsonNode node) {
    if (node != null && node.isObject()) {
      node.fieldNames().forEachRemaining(name -> {
        if (FIXED_BY_CHECKPOINT.contains(name)) {
          throw new InvalidRequestException("overrides." + name, "a continuation keeps its checkpoint's "
              + name + "; it can change only " + recipeFields());
        }
      });
    }
    return parse(node);
  }

  private static List<String> recipeFields() {
    return Arrays.stream(TrainOverrides.class.getRecordComponents()).map(c -> snake(c.getName()))
        .filter(name -> !FIXED_BY_CHECKPOINT.contains(name)).toList();
  }

  private static String snake(String component) {
    return component.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
  }

  /** Only a total number of iterations. */
  public static TrainOverrides onlyIterations(long iterations) {
    return new TrainOverrides(iterations, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null);
  }

  /** These overrides with every field {@code changes} sets replaced by its value. */
  public TrainOverrides with(TrainOverrides changes) {
    return new TrainOverrides(or(changes.iterations, iterations), or(changes.batchSize, batchSize),
        or(changes.lrGen, lrGen), or(changes.lrDis, lrDis), or(changes.weightDecay, weightDecay),
        or(changes.genNf, genNf), or(changes.disNf, disNf), or(changes.disResBlks, disResBlks),
        or(changes.mlpDim, mlpDim), or(changes.latentDim, latentDim), or(changes.emaBeta, emaBeta),
        or(changes.emaWarmup, emaWarmup), or(changes.reconWeight, reconWeight), or(changes.fmWeight, fmWeight),
        or(changes.r1Weight, r1Weight), or(changes.seed, seed), or(changes.emaRamp, emaRamp),
        or(changes.contentDownsamplings, contentDownsamplings), or(changes.disHead, disHead),
        or(changes.pairedWeight, pairedWeight), or(changes.classShots, classShots));
  }

  private static <T> T or(T value, T fallback) {
    return value != null ? value : fallback;
  }

  private static Boolean bool(JsonNode node, String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isBoolean()) {
      throw new InvalidRequestException("overrides." + name, "must be true or false, got " + value);
    }
    return value.booleanValue();
  }

  private static String text(JsonNode node, String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new InvalidRequestException("overrides." + name, "must be a string, got " + value);
    }
    return value.textValue();
  }

  private static Long integer(JsonNode node, String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.canConvertToExactIntegral() || !value.canConvertToLong()) {
      throw new InvalidRequestException("overrides." + name, "must be a whole number, got " + value);
    }
    return value.longValue();
  }

  private static Integer intOrNull(JsonNode node, String name) {
    Long value = integer(node, name);
    if (value != null && (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE)) {
      throw new InvalidRequestException("overrides." + name, "is out of range: " + value);
    }
    return value == null ? null : value.intValue();
  }

  private static Double real(JsonNode node, String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isNumber()) {
      throw new InvalidRequestException("overrides." + name, "must be a number, got " + value);
    }
    return value.doubleValue();
  }

  private static void positive(String field, Number value, long max) {
    if (value != null && (value.longValue() < 1 || value.longValue() > max)) {
      throw new InvalidRequestException(field, "must be between 1 and " + max + ", got " + value);
    }
  }

  private static void rate(String field, Double value) {
    if (value != null && !(value > 0 && value < 1)) {
      throw new InvalidRequestException(field, "must be in (0, 1), got " + value);
    }
  }

  private static void weight(String field, Double value) {
    if (value != null && !(value >= 0 && value <= 1000)) {
      throw new InvalidRequestException(field, "must be in [0, 1000], got " + value);
    }
  }
}
