package io.funit.common.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysFileTest {
  @TempDir
  Path dir;

  @Test
  void aCreatedKeyIsStoredOnlyAsItsDigestWithTenantAndRole() throws IOException {
    ApiKeysFile file = new ApiKeysFile(dir.resolve("api-keys.json"));
    ApiKeysFile.CreatedKey created = file.create("acme", true);
    String text = Files.readString(file.path(), StandardCharsets.UTF_8);
    assertThat(text).doesNotContain(created.key()).contains("\"tenant\":\"acme\"").contains("\"role\":\"admin\"");
    String hex = HexFormat.of().formatHex(ApiKeysFile.digest(created.key()));
    assertThat(file.read()).singleElement().satisfies(entry -> {
      assertThat(entry.hash()).isEqualTo("sha256:" + hex);
      assertThat(entry.id()).isEqualTo("key-" + hex.substring(0, 16));
      assertThat(entry.admin()).isTrue();
      assertThat(entry.createdAt()).isNotNull();
    });
    assertThat(created.key()).startsWith("fk_").hasSizeGreaterThan(40);
  }

  @Test
  void revokeRemovesOnlyThatKey() throws IOException {
    ApiKeysFile file = new ApiKeysFile(dir.resolve("keys/api-keys.json"));
    ApiKeyEntry first = file.create("a", false).entry();
    ApiKeyEntry second = file.create("b", false).entry();
    assertThat(file.revoke(first.id())).isTrue();
    assertThat(file.revoke(first.id())).isFalse();
    assertThat(file.read()).extracting(ApiKeyEntry::id).containsExactly(second.id());
  }

  @Test
  void registeringAnExistingKeyTwiceKeepsOneEntry() throws IOException {
    ApiKeysFile file = new ApiKeysFile(dir.resolve("api-keys.json"));
    file.register("fk_first", "default", true);
    file.register("fk_first", "default", true);
    assertThat(file.read()).hasSize(1);
  }

  @Test
  void readsHandWrittenLinesSkipsCommentsAndNamesTheBadLine() throws IOException {
    Path path = dir.resolve("api-keys.json");
    String hash = "sha256:" + "ab".repeat(32);
    Files.writeString(path, "# operators\n\n{\"hash\":\"" + hash + "\",\"tenant\":\"ops\",\"role\":\"user\"}\n");
    assertThat(new ApiKeysFile(path).read()).singleElement()
        .satisfies(e -> assertThat(e.id()).isEqualTo("key-" + "ab".repeat(8)));
    Files.writeString(path, "{\"hash\":\"" + hash + "\",\"tenant\":\"Not A Tenant\",\"role\":\"user\"}\n",
        java.nio.file.StandardOpenOption.APPEND);
    assertThatThrownBy(() -> new ApiKeysFile(path).read()).isInstanceOf(IOException.class).hasMessageContaining("line 4");
  }

  @Test
  void refusesBadTenantsRolesAndHashes() {
    assertThatThrownBy(() -> new ApiKeysFile(dir.resolve("k")).create("../etc", false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ApiKeyEntry(null, "sha256:" + "ab".repeat(32), "a", "root", null))
        .hasMessageContaining("role");
    assertThatThrownBy(() -> new ApiKeyEntry(null, "md5:abc", "a", "user", null)).hasMessageContaining("hash");
  }
}
