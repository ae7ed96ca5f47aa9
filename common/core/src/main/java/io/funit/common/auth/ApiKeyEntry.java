package io.funit.common.auth;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * One line of the keys file ({@code FUNIT_API_KEYS_FILE}): a key as its digest, never as itself.
 *
 * <p>The digest is a plain SHA-256: keys are 32 random bytes, so nobody can guess one from its digest and a slow
 * password hash (bcrypt, argon2) would buy nothing but a slower check on every request.
 *
 * @param id {@code key-<first 16 hex digits of the digest>}, how the CLI and the logs name the key
 * @param hash {@code sha256:<64 hex digits>}
 * @param tenant the tenant the key acts for
 * @param role {@code user} or {@code admin}
 * @param createdAt when the key was made
 */
public record ApiKeyEntry(String id, String hash, String tenant, String role, Instant createdAt) {
  public static final String USER = "user";
  public static final String ADMIN = "admin";
  private static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
  private static final Pattern HASH = Pattern.compile("sha256:[0-9a-f]{64}");

  public ApiKeyEntry {
    if (hash == null || !HASH.matcher(hash).matches()) {
      throw new IllegalArgumentException("hash must be sha256:<64 lowercase hex digits>");
    }
    checkTenant(tenant);
    if (!USER.equals(role) && !ADMIN.equals(role)) {
      throw new IllegalArgumentException("role must be user or admin, got '" + role + "'");
    }
    id = id == null ? "key-" + hash.substring(7, 23) : id;
  }

  /** Tenant names go into logs and listings: lowercase letters, digits, '-' and '_', up to 63 characters. */
  public static String checkTenant(String tenant) {
    if (tenant == null || !TENANT.matcher(tenant).matches()) {
      throw new IllegalArgumentException("a tenant is 1-63 of a-z, 0-9, '-' and '_', starting with a letter or "
          + "digit; got '" + tenant + "'");
    }
    return tenant;
  }

  public boolean admin() {
    return ADMIN.equals(role);
  }

  /** The hex digest, without its {@code sha256:} prefix. */
  public String hexDigest() {
    return hash.substring(7);
  }
}
