package io.funit.common.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.funit.common.contract.InvalidRequestException;
import io.funit.common.eval.ShotSets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UnfairSetsTest {
  /** A font dataset: 3 training fonts, then 2 held-out ones, each with the 6 characters A–F. */
  private static DatasetManifest fonts() {
    List<DatasetClass> classes = new ArrayList<>();
    for (int c = 0; c < 5; c++) {
      classes.add(new DatasetClass(c, "font-" + c, c < 3 ? DatasetManifest.SPLIT_TRAIN : DatasetManifest.SPLIT_TEST,
          6, DatasetClass.shardPath(c), IntStream.range(0, 6).mapToObj(i -> "U+004" + (char) ('1' + i) + ".png")
          .toList(), null));
    }
    return new DatasetManifest(1, "base", DatasetManifest.KIND_FONTS, "fonts", 32, "gray",
        List.of("A", "B", "C", "D", "E", "F"), 1, classes);
  }

  @Test
  void eachHeldOutClassGetsATrainingCopyOfExactlyItsKSetAfterEveryClassOfTheBase() {
    DatasetManifest base = fonts();
    List<UnfairSets.Extra> extras = UnfairSets.plan(base, 3, 1);

    assertThat(extras).extracting(e -> e.added().index()).containsExactly(5, 6);
    assertThat(extras).extracting(e -> e.from().name()).containsExactly("font-3", "font-4");
    for (UnfairSets.Extra extra : extras) {
      assertThat(extra.added().split()).isEqualTo(DatasetManifest.SPLIT_TRAIN);
      assertThat(extra.added().name()).isEqualTo(extra.from().name() + " [K-set 3]");
      assertThat(extra.images()).containsExactly(ShotSets.of(extra.from(), 1, 3));
      assertThat(extra.added().imageNames()).containsExactlyElementsOf(Arrays.stream(extra.images())
          .mapToObj(i -> extra.from().imageNames().get(i)).toList());
    }
  }

  @Test
  void theAddedKSetsAreNotCompleteFontsSoNoGlyphIsTakenFromThemByCharacter() {
    DatasetManifest base = fonts();
    List<DatasetClass> classes = new ArrayList<>(base.classes());
    UnfairSets.plan(base, 2, 1).forEach(e -> classes.add(e.added()));
    DatasetManifest unfair = new DatasetManifest(1, "unfair", base.kind(), "with K-sets", 32, "gray", base.contents(),
        1, classes);

    assertThat(unfair.split(DatasetManifest.SPLIT_TRAIN)).hasSize(5);
    assertThat(unfair.completeFonts(DatasetManifest.SPLIT_TRAIN)).extracting(DatasetClass::name)
        .containsExactly("font-0", "font-1", "font-2");
    assertThat(unfair.completeFonts(DatasetManifest.SPLIT_TEST)).hasSize(2);
  }

  @Test
  void aKThatLeavesAFontNoContentCharacterIsRefusedNamingK() {
    assertThat(UnfairSets.plan(fonts(), 5, 1)).hasSize(2); // 6 characters: 5 in the set, 1 left for contents
    assertThatThrownBy(() -> UnfairSets.plan(fonts(), 6, 1)).isInstanceOfSatisfying(InvalidRequestException.class,
        e -> assertThat(e.field()).isEqualTo("k"));
  }
}
