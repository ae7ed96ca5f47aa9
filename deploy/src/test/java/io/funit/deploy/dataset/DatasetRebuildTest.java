package io.funit.deploy.dataset;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.funit.common.dataset.DatasetClass;
import io.funit.common.dataset.DatasetManifest;
import io.funit.common.models.ModelCard;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatasetRebuildTest {
  private static ModelCard card(List<String> seen, List<String> heldOut) {
    return new ModelCard("m", "m", "d", "fonts", "font-32", 32, null, 1, seen, heldOut, Map.of(), List.of(),
        "models/m/generator.safetensors", null, "gray", ModelCard.FUNIT, null);
  }

  private static DatasetManifest manifest(List<String> train, List<String> test) {
    List<DatasetClass> classes = new ArrayList<>();
    for (String name : train) {
      classes.add(new DatasetClass(classes.size(), name, DatasetManifest.SPLIT_TRAIN, 1, "c", List.of("0.png"), null));
    }
    for (String name : test) {
      classes.add(new DatasetClass(classes.size(), name, DatasetManifest.SPLIT_TEST, 1, "c", List.of("0.png"), null));
    }
    return new DatasetManifest(1, "d", DatasetManifest.KIND_FONTS, "fonts", 32, "gray", List.of("A"), 1, classes);
  }

  @Test
  void aRebuildWithTheCardsSplitIsAcceptedInAnyOrder() {
    assertThatCode(() -> DatasetRebuild.requireSameSplit(card(List.of("a", "b"), List.of("c")),
        manifest(List.of("b", "a"), List.of("c")))).doesNotThrowAnyException();
  }

  @Test
  void aRebuildThatMovesAFontAcrossTheSplitIsRefusedNamingIt() {
    assertThatThrownBy(() -> DatasetRebuild.requireSameSplit(card(List.of("a", "b"), List.of("c")),
        manifest(List.of("a", "c"), List.of("b"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("training 1 missing [b], 1 not in the card [c]")
        .hasMessageContaining("held out 1 missing [c], 1 not in the card [b]");
  }
}
