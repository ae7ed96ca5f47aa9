package io.funit.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.funit.common.auth.ApiKeysFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyRingTest {
  @TempDir
  Path dir;
  private final AtomicLong clock = new AtomicLong();

  @Test
  void plainKeysAreAdminsOfTheDefaultTenant() {
    KeyRing ring = new KeyRing(Set.of("plain-key"), null, clock::get);
    assertThat(ring.principal("plain-key")).get().satisfies(p -> {
      assertThat(p.tenant()).isEqualTo("default");
      assertThat(p.admin()).isTrue();
      assertThat(p.keyId()).startsWith("key-").hasSize(20);
    });
    assertThat(ring.principal("other")).isEmpty();
  }

  @Test
  void keysOfTheFileCarryTheirTenantAndRole() throws IOException {
    ApiKeysFile file = new ApiKeysFile(dir.resolve("api-keys.json"));
    ApiKeysFile.CreatedKey user = file.create("acme", false);
    KeyRing ring = new KeyRing(Set.of(), file.path(), clock::get);
    assertThat(ring.principal(user.key())).get().satisfies(p -> {
      assertThat(p.tenant()).isEqualTo("acme");
      assertThat(p.admin()).isFalse();
      assertThat(p.keyId()).isEqualTo(user.entry().id());
    });
  }

  @Test
  void createdAndRevokedKeysApplyAfterTheRecheckInterval() throws IOException {
    ApiKeysFile file = new ApiKeysFile(dir.resolve("api-keys.json"));
    ApiKeysFile.CreatedKey first = file.create("a", false);
    KeyRing ring = new KeyRing(Set.of(), file.path(), clock::get);
    ApiKeysFile.CreatedKey second = file.create("b", false);
    assertThat(ring.principal(second.key())).as("not looked at again within the interval").isEmpty();
    clock.addAndGet(KeyRing.RECHECK_NANOS);
    assertThat(ring.principal(second.key())).isPresent();
    file.revoke(first.entry().id());
    clock.addAndGet(KeyRing.RECHECK_NANOS);
    assertThat(ring.principal(first.key())).isEmpty();
    assertThat(ring.principal(second.key())).isPresent();
  }

  @Test
  void anUnreadableFileKeepsTheKeysReadBefore() throws IOException {
    ApiKeysFile file = new ApiKeysFile(dir.resolve("api-keys.json"));
    ApiKeysFile.CreatedKey key = file.create("a", false);
    KeyRing ring = new KeyRing(Set.of(), file.path(), clock::get);
    Files.writeString(file.path(), "{not json\n");
    clock.addAndGet(KeyRing.RECHECK_NANOS);
    assertThat(ring.principal(key.key())).isPresent();
  }

  @Test
  void aMissingFileIsNoKeysUntilItAppears() throws IOException {
    ApiKeysFile file = new ApiKeysFile(dir.resolve("later/api-keys.json"));
    KeyRing ring = new KeyRing(Set.of(), file.path(), clock::get);
    assertThat(ring.configured()).isTrue();
    ApiKeysFile.CreatedKey key = file.create("a", false);
    clock.addAndGet(KeyRing.RECHECK_NANOS);
    assertThat(ring.principal(key.key())).isPresent();
  }

  @Test
  void principalsSeeTheirTenantAndAdminsEverything() {
    assertThat(new Principal("key-1", "a", false).sees("a")).isTrue();
    assertThat(new Principal("key-1", "a", false).sees("b")).isFalse();
    assertThat(new Principal("key-2", "ops", true).sees("b")).isTrue();
  }
}
