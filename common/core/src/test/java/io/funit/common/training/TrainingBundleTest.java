package io.funit.common.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.funit.common.contract.InvalidRequestException;
import io.funit.common.dataset.DatasetClass;
import io.funit.common.dataset.DatasetManifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a training bundle: what it must hold, and the dataset it may continue on. */
class TrainingBundleTest {
  @TempDir
  Path dir;

  private Path zip(Map<String, byte[]> entries) throws IOException {
    return Files.write(Files.createTempFile(dir, "bundle-", ".zip"), TestBundles.zip(entries));
  }

  @Test
  void aWholeBundleIsReadWithItsHistoryAndCheckpoint() throws IOException {
    try (TrainingBundle.Unpacked bundle = TrainingBundle.read(zip(TestBundles.entries(
        TestBundles.manifest(2, List.of("a", "b")), TestBundles.checkpoint(2))))) {
      assertThat(bundle.manifest().iteration()).isEqualTo(2);
      assertThat(bundle.history()).extracting(MetricRow::iteration).containsExactly(1L, 2L);
      assertThat(SafeTensorsHeader.read(bundle.checkpoint()).metadata()).containsEntry("iteration", "2");
    }
  }

  @Test
  void aBundleThatDisagreesWithItselfOrHoldsMoreIsRefusedNamingTheFile() throws IOException {
    TrainingBundle.Manifest atTwo = TestBundles.manifest(2, List.of("a"));
    assertRefused(zip(TestBundles.entries(TestBundles.manifest(3, List.of("a")), TestBundles.checkpoint(2))),
        "is of iteration 2");
    Map<String, byte[]> extra = TestBundles.entries(atTwo, TestBundles.checkpoint(2));
    extra.put("../../etc/passwd", new byte[] {1});
    assertRefused(zip(extra), "unexpected entry");
    Map<String, byte[]> noCheckpoint = TestBundles.entries(atTwo, TestBundles.checkpoint(2));
    noCheckpoint.remove(TrainingBundle.CHECKPOINT);
    assertRefused(zip(noCheckpoint), "has no checkpoint.safetensors");
    assertRefused(zip(TestBundles.entries(atTwo, "not safetensors".getBytes(StandardCharsets.UTF_8))),
        "not a safetensors file");
    Path notZip = Files.writeString(dir.resolve("plain.zip"), "hello");
    assertRefused(notZip, "not a zip archive");
  }

  @Test
  void onlyADatasetWithTheSameTrainingClassesInTheSameOrderIsAccepted() {
    TrainingBundle.Manifest exported = TestBundles.manifest(2, List.of("Serif", "Sans"));
    TrainingBundle.requireSameClasses(exported, dataset("Serif", "Sans"));
    assertThatThrownBy(() -> TrainingBundle.requireSameClasses(exported, dataset("Sans", "Serif")))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
          assertThat(e.field()).isEqualTo("dataset");
          assertThat(e.getMessage()).contains("training class 0 is 'Sans'").contains("'Serif'");
        });
    assertThatThrownBy(() -> TrainingBundle.requireSameClasses(exported, dataset("Serif")))
        .hasMessageContaining("has 1 training classes");
  }

  private static DatasetManifest dataset(String... trainClasses) {
    List<DatasetClass> classes = new java.util.ArrayList<>();
    for (int i = 0; i < trainClasses.length; i++) {
      classes.add(new DatasetClass(i, trainClasses[i], DatasetManifest.SPLIT_TRAIN, 1, "shard-" + i + ".tar",
          List.of("0.png"), null));
    }
    classes.add(new DatasetClass(trainClasses.length, "held-out", DatasetManifest.SPLIT_TEST, 1, "shard-t.tar",
        List.of("0.png"), null));
    return new DatasetManifest(1, "d-2", DatasetManifest.KIND_FONTS, "fonts", 32, "gray", List.of(), 1, classes);
  }

  private static void assertRefused(Path zip, String message) {
    assertThatThrownBy(() -> TrainingBundle.read(zip)).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
      assertThat(e.field()).isEqualTo("file");
      assertThat(e.getMessage()).contains(message);
    });
  }
}
