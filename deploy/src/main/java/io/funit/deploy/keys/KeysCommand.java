package io.funit.deploy.keys;

import io.funit.common.auth.ApiKeyEntry;
import io.funit.common.auth.ApiKeysFile;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./funit keys create|list|revoke}: manages the keys file the gateway reads ({@code FUNIT_API_KEYS_FILE}),
 * by default the embedded stack's {@code funit-data/api-keys.json}. A running gateway picks changes up within a
 * second. The file holds digests only: a new key is printed once and cannot be shown again.
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
    description = "Create, list and revoke API keys (each bound to a tenant, role user or admin).",
    subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
public final class KeysCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /** The keys file option every subcommand shares. */
  static class FileOption {
    @Option(names = "--file", description = "Keys file. Default: $FUNIT_API_KEYS_FILE, else funit-data/api-keys.json")
    Path file;

    ApiKeysFile keys() {
      if (file == null) {
        String configured = System.getenv("FUNIT_API_KEYS_FILE");
        file = configured != null && !configured.isBlank() ? Path.of(configured)
            : Path.of(System.getProperty("funit.home", "."), "funit-data", "api-keys.json");
      }
      return new ApiKeysFile(file);
    }
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Make a key for a tenant; prints it once (only its SHA-256 digest is kept).")
  static final class Create extends FileOption implements Callable<Integer> {
    @Option(names = "--tenant", required = true, description = "The tenant the key acts for (a-z, 0-9, - and _)")
    String tenant;

    @Option(names = "--admin", description = "An operator key: sees and manages every tenant's resources")
    boolean admin;

    @Override
    public Integer call() throws Exception {
      ApiKeysFile.CreatedKey created;
      try {
        created = keys().create(tenant, admin);
      } catch (IllegalArgumentException e) {
        System.err.println("funit keys: " + e.getMessage());
        return 2;
      }
      System.err.println("Key " + created.entry().id() + " for tenant '" + tenant + "' (" + created.entry().role()
          + ") added to " + file + ". It is shown only now:");
      System.out.println(created.key());
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List keys: id, tenant, role, created.")
  static final class ListKeys extends FileOption implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      List<ApiKeyEntry> entries = keys().read();
      System.out.printf("%-20s  %-24s  %-5s  %s%n", "ID", "TENANT", "ROLE", "CREATED");
      for (ApiKeyEntry entry : entries) {
        System.out.printf("%-20s  %-24s  %-5s  %s%n", entry.id(), entry.tenant(), entry.role(), entry.createdAt());
      }
      return 0;
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true,
      description = "Remove a key by id; a running gateway refuses it within a second.")
  static final class Revoke extends FileOption implements Callable<Integer> {
    @Parameters(paramLabel = "ID", description = "The key id, as 'keys list' shows it (key-...)")
    String id;

    @Override
    public Integer call() throws Exception {
      if (!keys().revoke(id)) {
        System.err.println("funit keys: no key " + id + " in " + file);
        return 1;
      }
      System.err.println("Revoked " + id + ".");
      return 0;
    }
  }
}
