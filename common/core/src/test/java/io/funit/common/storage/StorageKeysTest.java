package io.funit.common.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StorageKeysTest {
  @Test
  void keysFollowTheLayout() {
    assertThat(StorageKeys.output("job-1", "probe.json")).isEqualTo("outputs/job-1/probe.json");
    assertThat(StorageKeys.dataset("fonts-1", "train/a/0001.png")).isEqualTo("datasets/fonts-1/train/a/0001.png");
    assertThat(StorageKeys.prefix("checkpoints", "job-2")).isEqualTo("checkpoints/job-2/");
  }

  @ParameterizedTest
  @ValueSource(strings = {"../x", "a/../../b", "/abs", "a//b", "a/./b", "", "sp ace", "a\\b"})
  void unsafePathsAreRefused(String path) {
    assertThatThrownBy(() -> StorageKeys.input("job-1", path)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"..", "a/b", ".hidden", ""})
  void unsafeIdsAreRefused(String id) {
    assertThatThrownBy(() -> StorageKeys.output(id, "x")).isInstanceOf(IllegalArgumentException.class);
  }
}
