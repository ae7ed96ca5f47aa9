package io.funit.common.funit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.funit.common.contract.InvalidRequestException;
import io.funit.common.json.Json;
import org.junit.jupiter.api.Test;

/** Overrides reach the configuration a training builds its networks from, and nothing else changes. */
class ConfigOverridesTest {
  @Test
  void noOverridesKeepThePreset() {
    assertThat(ConfigOverrides.apply(Presets.FONT_32, TrainOverrides.NONE)).isEqualTo(Presets.FONT_32);
  }

  @Test
  void contentDownsamplingsChangeTheContentCodeOnly() throws Exception {
    FunitConfig config = ConfigOverrides.apply(Presets.FONT_32, overrides("{\"content_downsamplings\": 3}"));
    GeneratorConfig g = Presets.FONT_32.gen();
    assertThat(config.gen()).isEqualTo(new GeneratorConfig(g.nf(), g.nResBlks(), g.nfMlp(), g.latentDim(),
        g.nMlpBlks(), 3, g.nDownsClass()));
    assertThat(config.gen().contentChannels()).isEqualTo(256);
    assertThat(config.dis()).isEqualTo(Presets.FONT_32.dis());
  }

  @Test
  void aContentCodeUnderTwoPixelsIsRefusedNamingTheOverride() throws Exception {
    // 32 px halved 4 times is 2 px (the least the content blocks' reflect padding takes), 5 times 1 px
    assertThat(ConfigOverrides.apply(Presets.FONT_32, overrides("{\"content_downsamplings\": 4}")).gen()
        .nDownsContent()).isEqualTo(4);
    assertThatThrownBy(() -> ConfigOverrides.apply(Presets.FONT_32, overrides("{\"content_downsamplings\": 5}")))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("overrides.content_downsamplings")
        .hasMessageContaining("32-pixel");
    assertThatThrownBy(() -> overrides("{\"content_downsamplings\": 7}"))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("between 0 and 6");
  }

  @Test
  void theDiscriminatorHeadIsChosenByNameAndSurvivesTheConfigsJson() throws Exception {
    FunitConfig config = ConfigOverrides.apply(Presets.FONT_64, overrides("{\"dis_head\": \"projection\"}"))
        .withNumClasses(1228);
    assertThat(config.dis().head()).isEqualTo(DiscriminatorHead.PROJECTION);
    assertThat(Presets.FONT_64.dis().head()).isEqualTo(DiscriminatorHead.MULTI_TASK);
    // checkpoints and cards carry the configuration as JSON; those written before the head existed read as official
    assertThat(Json.MAPPER.readValue(Json.write(config), FunitConfig.class)).isEqualTo(config);
    String old = Json.write(Presets.FONT_64).replaceAll(",?\"head\":\"MULTI_TASK\"", "");
    assertThat(old).doesNotContain("head");
    assertThat(Json.MAPPER.readValue(old, FunitConfig.class).dis().head()).isEqualTo(DiscriminatorHead.MULTI_TASK);
    assertThatThrownBy(() -> overrides("{\"dis_head\": \"per_class\"}"))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("overrides.dis_head")
        .hasMessageContaining("projection");
  }

  @Test
  void thePairedWeightIsALossWeightOffByDefaultAndOldConfigsReadWithoutIt() throws Exception {
    assertThat(Presets.FONT_64.loss().pairedW()).isZero();
    FunitConfig config = ConfigOverrides.apply(Presets.FONT_64, overrides("{\"paired_weight\": 1.5}"));
    assertThat(config.loss().pairedW()).isEqualTo(1.5);
    assertThat(config.loss().reconW()).isEqualTo(Presets.FONT_64.loss().reconW());
    String old = Json.write(Presets.FONT_64).replaceAll(",?\"paired_w\":0\\.0", "");
    assertThat(old).doesNotContain("paired");
    assertThat(Json.MAPPER.readValue(old, FunitConfig.class)).isEqualTo(Presets.FONT_64);
    assertThatThrownBy(() -> overrides("{\"paired_weight\": -1}")).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("overrides.paired_weight");
  }

  @Test
  void classShotsAreOneByDefaultAContinuationMayChangeThemAndOldConfigsReadWithoutThem() throws Exception {
    assertThat(Presets.FONT_64.classShots()).isEqualTo(1);
    TrainOverrides changes = TrainOverrides.parseRecipeChanges(Json.MAPPER.readTree("{\"class_shots\": 5}"));
    assertThat(ConfigOverrides.apply(Presets.FONT_64, changes).classShots()).isEqualTo(5);
    String old = Json.write(Presets.FONT_64).replaceAll(",?\"class_shots\":1", "");
    assertThat(old).doesNotContain("class_shots");
    assertThat(Json.MAPPER.readValue(old, FunitConfig.class)).isEqualTo(Presets.FONT_64);
    assertThatThrownBy(() -> overrides("{\"class_shots\": 0}")).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("overrides.class_shots");
  }

  @Test
  void aContinuationChangesTheRecipeButNothingItsCheckpointFixes() throws Exception {
    TrainOverrides original = overrides("{\"recon_weight\": 0.2, \"dis_head\": \"projection\", \"seed\": 1}");
    TrainOverrides changes = TrainOverrides.parseRecipeChanges(Json.MAPPER.readTree(
        "{\"paired_weight\": 1, \"lr_gen\": 0.00005}"));
    TrainOverrides merged = original.with(changes);
    assertThat(merged.pairedWeight()).isEqualTo(1.0);
    assertThat(merged.lrGen()).isEqualTo(5e-5);
    assertThat(merged.reconWeight()).isEqualTo(0.2);
    assertThat(merged.disHead()).isEqualTo("projection");
    assertThat(original.with(TrainOverrides.NONE)).isEqualTo(original);
    for (String fixed : new String[] {"gen_nf", "dis_head", "seed", "content_downsamplings", "iterations"}) {
      assertThatThrownBy(() -> TrainOverrides.parseRecipeChanges(Json.MAPPER.readTree("{\"" + fixed + "\": 2}")))
          .isInstanceOf(InvalidRequestException.class).hasMessageContaining("overrides." + fixed)
          .hasMessageContaining("keeps its checkpoint's");
    }
    assertThat(TrainOverrides.parseRecipeChanges(null)).isEqualTo(TrainOverrides.NONE);
  }

  private static TrainOverrides overrides(String json) throws Exception {
    return TrainOverrides.parse(Json.MAPPER.readTree(json));
  }
}
