package io.funit.common.funit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EmaDecayTest {
  private static FunitConfig font32(boolean ramp, int warmup) {
    FunitConfig p = Presets.FONT_32;
    return new FunitConfig(p.preset(), p.imageSize(), p.batchSize(), p.gen(), p.dis(), p.genOpt(), p.disOpt(),
        p.loss(), 0.999, warmup, p.maxIter(), ramp);
  }

  @Test
  void theOfficialDecayIsConstantFromTheFirstUpdate() {
    FunitConfig official = Presets.ANIMAL_128;
    assertThat(official.emaDecay(0)).isEqualTo(0.999);
    assertThat(official.emaDecay(50_000)).isEqualTo(0.999);
  }

  @Test
  void theWarmUpCopiesThenTheRampAveragesAboutTheLastTenthOfTheUpdates() {
    FunitConfig ramp = font32(true, 1000);
    assertThat(ramp.emaDecay(999)).isZero();
    assertThat(ramp.emaDecay(1000)).isCloseTo(1001.0 / 1010, within(1e-12));
    assertThat(ramp.emaDecay(2500)).isCloseTo(2501.0 / 2510, within(1e-12));
    assertThat(ramp.emaDecay(100_000)).isEqualTo(0.999); // capped by β
    assertThat(font32(false, 1000).emaDecay(1000)).isEqualTo(0.999);
    assertThat(font32(true, 0).emaDecay(0)).isCloseTo(0.1, within(1e-12));
  }
}
