package io.funit.common.dataset.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.funit.common.dataset.DatasetDirectory;
import io.funit.common.dataset.DatasetManifest;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunitSamplerTest {
  @TempDir
  Path tmp;

  private FunitSampler sampler(DatasetDirectory dir, long seed, boolean augment, long cacheBytes) {
    DatasetManifest manifest = dir.manifest().orElseThrow();
    return new FunitSampler(manifest, new ClassImageCache(ShardSource.local(dir), cacheBytes),
        new Preprocessing(16, 20), new FunitSampler.Options(3, seed, augment, 2));
  }

  @Test
  void aBatchDependsOnlyOnSeedAndIterationSoResumingReplaysTheSameBatches() throws Exception {
    DatasetDirectory dir = SamplerTestData.write(tmp, 4, 5, 24, 18);
    FunitSampler a = sampler(dir, 42, true, 1 << 20);
    FunitSampler b = sampler(dir, 42, true, 100); // tiny cache: classes are re-read from shards all the time
    FunitSampler other = sampler(dir, 43, true, 1 << 20);
    for (long i : new long[] {0, 1, 7, 12}) {
      HostBatch x = a.batchAt(i);
      HostBatch y = b.batchAt(i);
      assertThat(x.xa()).containsExactly(y.xa());
      assertThat(x.xb()).containsExactly(y.xb());
      assertThat(x.la()).containsExactly(y.la());
    }
    assertThat(other.batchAt(0).xa()).isNotEqualTo(a.batchAt(0).xa());

    try (FunitSampler resumed = sampler(dir, 42, true, 1 << 20)) {
      resumed.start(7);
      for (long i = 7; i < 12; i++) {
        HostBatch batch = resumed.next();
        assertThat(batch.iteration()).isEqualTo(i);
        assertThat(batch.xa()).containsExactly(a.batchAt(i).xa());
        assertThat(batch.lb()).containsExactly(a.batchAt(i).lb());
      }
    }
  }

  @Test
  void eachLoaderVisitsEveryTrainingImageOncePerEpochIndependentlyAndNeverATestClass() throws Exception {
    DatasetDirectory dir = SamplerTestData.write(tmp, 4, 5, 16, 16); // 3 train classes × 5 = 15 images, B = 3
    FunitSampler sampler = sampler(dir, 7, false, 1 << 20);
    assertThat(sampler.numClasses()).isEqualTo(3);
    Set<String> contents = new HashSet<>();
    Set<String> classes = new HashSet<>();
    boolean differentOrder = false;
    for (long i = 0; i < 5; i++) { // one epoch: 15 / 3 batches
      HostBatch batch = sampler.batchAt(i);
      for (int j = 0; j < 3; j++) {
        contents.add(key(batch.la()[j], batch.xa(), j));
        classes.add(key(batch.lb()[j], batch.xb(), j));
        assertThat(batch.la()[j]).isBetween(0L, 2L);
        assertThat(batch.lb()[j]).isBetween(0L, 2L);
      }
      differentOrder |= !Arrays.equals(batch.la(), batch.lb());
    }
    assertThat(contents).hasSize(15);
    assertThat(classes).hasSize(15);
    assertThat(differentOrder).isTrue();
  }

  @Test
  void refusesABatchLargerThanTheTrainingSplit() throws Exception {
    DatasetDirectory dir = SamplerTestData.write(tmp, 2, 2, 16, 16);
    DatasetManifest manifest = dir.manifest().orElseThrow();
    assertThatThrownBy(() -> new FunitSampler(manifest, new ClassImageCache(ShardSource.local(dir), 1 << 20),
        new Preprocessing(16, 16), new FunitSampler.Options(3, 1, false, 1)))
        .hasMessageContaining("holds 2 images, fewer than the batch size 3");
  }

  @Test
  void pairedTargetsAreTheClassFontsOwnGlyphOfTheContentsCharacter() throws Exception {
    int characters = 4;
    DatasetDirectory dir = SamplerTestData.fonts(tmp, 5, characters, 16, List.of("a", "b", "c", "d"));
    DatasetManifest manifest = dir.manifest().orElseThrow();
    ClassImageCache cache = new ClassImageCache(ShardSource.local(dir), 1 << 20);
    FunitSampler paired = new FunitSampler(manifest, cache, new Preprocessing(16, 16),
        new FunitSampler.Options(3, 5, false, 1, true));
    FunitSampler plain = new FunitSampler(manifest, cache, new Preprocessing(16, 16),
        new FunitSampler.Options(3, 5, false, 1));
    KShotSampler glyphs = new KShotSampler(cache, new Preprocessing(16, 16));
    int stride = 3 * 16 * 16;
    int checked = 0;
    for (long i = 0; i < 8; i++) {
      HostBatch batch = paired.batchAt(i);
      assertThat(plain.batchAt(i).target()).isNull();
      assertThat(batch.xa()).containsExactly(plain.batchAt(i).xa()); // the same draws, with targets added
      assertThat(batch.xb()).containsExactly(plain.batchAt(i).xb());
      for (int j = 0; j < 3; j++) {
        // every test image is distinct, so the content image tells its font and character
        int character = characterOf(manifest, glyphs, (int) batch.la()[j], batch.xa(), j);
        float[] truth = glyphs.load(manifest.classes().get((int) batch.lb()[j]), new int[] {character});
        assertThat(Arrays.copyOfRange(batch.target(), j * stride, (j + 1) * stride)).containsExactly(truth);
        checked++;
      }
    }
    assertThat(checked).isEqualTo(24);
  }

  @Test
  void pairedTargetsRefuseFontsThatLackCharactersAndDatasetsOfOtherKinds() throws Exception {
    DatasetDirectory fonts = SamplerTestData.fonts(tmp.resolve("f"), 3, 4, 16, List.of("a", "b", "c", "d", "e"));
    DatasetManifest incomplete = fonts.manifest().orElseThrow();
    assertThatThrownBy(() -> new FunitSampler(incomplete, new ClassImageCache(ShardSource.local(fonts), 1 << 20),
        new Preprocessing(16, 16), new FunitSampler.Options(2, 1, false, 1, true)))
        .hasMessageContaining("every training font to hold all 5 characters").hasMessageContaining("class-0");
    DatasetDirectory photos = SamplerTestData.write(tmp.resolve("p"), 3, 4, 16, 16);
    assertThatThrownBy(() -> new FunitSampler(photos.manifest().orElseThrow(),
        new ClassImageCache(ShardSource.local(photos), 1 << 20), new Preprocessing(16, 16),
        new FunitSampler.Options(2, 1, false, 1, true))).hasMessageContaining("need a font dataset");
  }

  @Test
  void classShotsAreFurtherDistinctImagesOfEachPositionsClassAndLeaveTheDrawsAlone() throws Exception {
    DatasetDirectory dir = SamplerTestData.fonts(tmp, 5, 4, 16, List.of("a", "b", "c", "d"));
    DatasetManifest manifest = dir.manifest().orElseThrow();
    ClassImageCache cache = new ClassImageCache(ShardSource.local(dir), 1 << 20);
    FunitSampler shots = new FunitSampler(manifest, cache, new Preprocessing(16, 16),
        new FunitSampler.Options(3, 5, false, 1, false, 4));
    FunitSampler plain = new FunitSampler(manifest, cache, new Preprocessing(16, 16),
        new FunitSampler.Options(3, 5, false, 1));
    KShotSampler glyphs = new KShotSampler(cache, new Preprocessing(16, 16));
    int stride = 3 * 16 * 16;
    for (long i = 0; i < 8; i++) {
      HostBatch batch = shots.batchAt(i);
      assertThat(plain.batchAt(i).classShots()).isNull();
      assertThat(batch.xa()).containsExactly(plain.batchAt(i).xa());
      assertThat(batch.xb()).containsExactly(plain.batchAt(i).xb());
      assertThat(batch.classShots()).hasSize(3 * 3 * stride).containsExactly(shots.batchAt(i).classShots());
      for (int j = 0; j < 3; j++) {
        // the class's 4 glyphs: the drawn one and its 3 others, each exactly once
        Set<Integer> seen = new HashSet<>();
        seen.add(characterOf(manifest, glyphs, (int) batch.lb()[j], batch.xb(), j));
        for (int m = 0; m < 3; m++) {
          seen.add(characterOf(manifest, glyphs, (int) batch.lb()[j], batch.classShots(), j * 3 + m));
        }
        assertThat(seen).containsExactlyInAnyOrder(0, 1, 2, 3);
      }
    }
    try (ai.djl.ndarray.NDManager manager = ai.djl.ndarray.NDManager.newBaseManager()) {
      assertThat(shots.batchAt(0).toTrainingBatch(manager).classShots().getShape())
          .isEqualTo(new ai.djl.ndarray.types.Shape(3, 3, 3, 16, 16));
    }
    assertThatThrownBy(() -> new FunitSampler.Options(3, 5, false, 1, false, 0))
        .hasMessageContaining("class_shots must be at least 1");
  }

  private static int characterOf(DatasetManifest manifest, KShotSampler glyphs, int label, float[] x, int j) {
    int stride = 3 * 16 * 16;
    float[] image = Arrays.copyOfRange(x, j * stride, (j + 1) * stride);
    var font = manifest.classes().get(label);
    for (int c = 0; c < font.images(); c++) {
      if (Arrays.equals(glyphs.load(font, new int[] {c}), image)) {
        return c;
      }
    }
    throw new AssertionError("image " + j + " is none of font " + label + "'s glyphs");
  }

  @Test
  void kShotSetsAreDistinctDeterministicAndSkipExcludedImages() throws Exception {
    DatasetDirectory dir = SamplerTestData.write(tmp, 2, 8, 16, 16);
    DatasetManifest manifest = dir.manifest().orElseThrow();
    KShotSampler kshot = new KShotSampler(new ClassImageCache(ShardSource.local(dir), 1 << 20), new Preprocessing(16, 16));
    var c = manifest.classes().get(1);
    int[] picked = kshot.pick(c, 5, 3, 2, 4);
    assertThat(picked).doesNotHaveDuplicates().doesNotContain(2, 4).hasSize(5);
    assertThat(kshot.pick(c, 5, 3, 2, 4)).containsExactly(picked);
    assertThat(kshot.load(c, picked)).hasSize(5 * 3 * 16 * 16);
    assertThatThrownBy(() -> kshot.pick(c, 7, 3, 2, 4)).hasMessageContaining("fewer than K = 7");
  }

  /** Label plus all pixels: identifies an image (all test images differ). */
  private static String key(long label, float[] x, int j) {
    int stride = 3 * 16 * 16;
    return label + ":" + Arrays.toString(Arrays.copyOfRange(x, j * stride, (j + 1) * stride));
  }
}
