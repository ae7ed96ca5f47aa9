package io.funit.gateway.idempotency;

/** The syntax accepted for an {@code Idempotency-Key}: 1 to 255 printable ASCII characters (space included). */
final class IdempotencyKeys {
  static final int MAX_LENGTH = 255;

  private IdempotencyKeys() {}

  static boolean valid(String key) {
    if (key.isEmpty() || key.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }
}
