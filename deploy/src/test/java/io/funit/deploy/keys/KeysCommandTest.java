package io.funit.deploy.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.funit.common.auth.ApiKeyEntry;
import io.funit.common.auth.ApiKeysFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class KeysCommandTest {
  @TempDir
  Path dir;

  @Test
  void createListAndRevokeThroughTheCommandLine() throws Exception {
    Path file = dir.resolve("api-keys.json");
    CommandLine cli = new CommandLine(new KeysCommand());
    assertThat(cli.execute("create", "--tenant", "acme", "--file", file.toString())).isZero();
    assertThat(cli.execute("create", "--tenant", "ops", "--admin", "--file", file.toString())).isZero();
    assertThat(new ApiKeysFile(file).read()).extracting(ApiKeyEntry::tenant, ApiKeyEntry::role)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("acme", "user"),
            org.assertj.core.groups.Tuple.tuple("ops", "admin"));
    assertThat(cli.execute("list", "--file", file.toString())).isZero();
    String id = new ApiKeysFile(file).read().get(0).id();
    assertThat(cli.execute("revoke", id, "--file", file.toString())).isZero();
    assertThat(cli.execute("revoke", id, "--file", file.toString())).isEqualTo(1);
    assertThat(cli.execute("create", "--tenant", "Not Valid", "--file", file.toString())).isEqualTo(2);
    assertThat(new ApiKeysFile(file).read()).extracting(ApiKeyEntry::tenant).containsExactly("ops");
  }
}
