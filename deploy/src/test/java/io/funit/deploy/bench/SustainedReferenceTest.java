package io.funit.deploy.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.funit.common.funit.config.Presets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The sustained reference runs both lanes for its span and counts their images (its speed is not asserted). */
class SustainedReferenceTest {
  @Test
  void bothLanesRunPassesForTheSpanAndTheirImagesAreCounted() {
    long start = System.nanoTime();
    double imagesPerSecond = TranslateBenchmark.sustainedLanesImagesPerSecond(Presets.FONT_32, 2,
        Duration.ofMillis(300));
    double seconds = (System.nanoTime() - start) / 1e9;
    assertThat(imagesPerSecond).isPositive();
    // at least the images of one pass per lane over the whole call: the count is of passes that ran, not a constant
    assertThat(imagesPerSecond * seconds).isGreaterThanOrEqualTo(TranslateBenchmark.LANES_BATCH);
  }
}
