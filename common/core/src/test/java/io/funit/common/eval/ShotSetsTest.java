package io.funit.common.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.funit.common.dataset.DatasetClass;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShotSetsTest {
  private static DatasetClass images(int index, int count) {
    return new DatasetClass(index, "class-" + index, "test", count, DatasetClass.shardPath(index),
        IntStream.range(0, count).mapToObj(i -> i + ".png").toList(), null);
  }

  @Test
  void setsAreNestedDistinctAndAFunctionOfTheClassAndSeedOnly() {
    DatasetClass c = images(7, 62);
    int[] twenty = ShotSets.of(c, 1, 20);
    for (int k : List.of(1, 5, 10)) {
      assertThat(ShotSets.of(c, 1, k)).containsExactly(Arrays.copyOf(twenty, k));
    }
    assertThat(Arrays.stream(twenty).distinct().count()).isEqualTo(20);
    assertThat(Arrays.stream(twenty).boxed().toList()).allSatisfy(i -> assertThat(i).isBetween(0, 61));
    assertThat(ShotSets.of(images(7, 62), 1, 20)).containsExactly(twenty);
    assertThat(ShotSets.of(c, 2, 20)).isNotEqualTo(twenty);
    assertThat(ShotSets.of(images(8, 62), 1, 20)).isNotEqualTo(twenty);
  }

  @Test
  void setsComeFromAClassesFirstPooledImages() {
    DatasetClass large = images(3, 1000);
    assertThat(Arrays.stream(ShotSets.order(large, 1)).boxed().toList()).hasSize(ShotSets.POOL)
        .allSatisfy(i -> assertThat(i).isLessThan(ShotSets.POOL));
    assertThatThrownBy(() -> ShotSets.of(images(3, 4), 1, 5)).hasMessageContaining("has 4 images");
  }
}
