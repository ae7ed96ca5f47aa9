package io.funit.gateway.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures: {@code v1,} + base64 HMAC-SHA256 of {@code id.timestamp.body} under the secret's
 * bytes. Every active secret signs and the header lists the signatures space-separated, so rotating a secret is:
 * list the new one first, keep the old one until every receiver has the new one, then drop it.
 * The JDK's HMAC is all this needs; the Standard Webhooks library is used only by tests, as the receiver.
 */
public final class WebhookSigner {
  static final String PREFIX = "whsec_";
  private final List<byte[]> keys;

  public WebhookSigner(List<String> secrets) {
    this.keys = secrets.stream().map(WebhookSigner::decodeSecret).toList();
  }

  /** The {@code webhook-signature} header value for one attempt. */
  public String signature(String webhookId, long timestampSeconds, String body) {
    List<String> signatures = new ArrayList<>(keys.size());
    byte[] content = (webhookId + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8);
    for (byte[] key : keys) {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        signatures.add("v1," + Base64.getEncoder().encodeToString(mac.doFinal(content)));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
      }
    }
    return String.join(" ", signatures);
  }

  /** The key bytes of a {@code whsec_<base64>} secret; anything else is a configuration error. */
  static byte[] decodeSecret(String secret) {
    if (secret == null || !secret.startsWith(PREFIX)) {
      throw new IllegalArgumentException("FUNIT_WEBHOOK_SECRETS: every secret must start with " + PREFIX);
    }
    try {
      byte[] key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
      if (key.length < 16) {
        throw new IllegalArgumentException("FUNIT_WEBHOOK_SECRETS: a secret must hold at least 16 bytes");
      }
      return key;
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("FUNIT_")) {
        throw e;
      }
      throw new IllegalArgumentException("FUNIT_WEBHOOK_SECRETS: the part after " + PREFIX + " must be base64");
    }
  }
}
