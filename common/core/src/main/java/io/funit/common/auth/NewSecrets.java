package io.funit.common.auth;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Fresh secrets, each 32 random bytes: API keys ({@code fk_} + URL-safe base64, for headers and shells) and webhook
 * signing secrets ({@code whsec_} + base64, the Standard Webhooks form). 32 bytes cannot be guessed from a SHA-256
 * digest or brute-forced online, which is why a key may be stored as a plain digest.
 */
public final class NewSecrets {
  private static final SecureRandom RANDOM = new SecureRandom();

  private NewSecrets() {}

  public static String apiKey() {
    return "fk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes());
  }

  public static String webhookSecret() {
    return "whsec_" + Base64.getEncoder().encodeToString(bytes());
  }

  private static byte[] bytes() {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    return secret;
  }
}
