package io.funit.common.contract;

import java.util.Collection;

/** Small validation helpers for the request records' compact constructors. */
public final class Checks {
  private Checks() {}

  public static String required(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidRequestException(field, "is required");
    }
    return value;
  }

  /** An id that can name objects in the store (letters, digits, '.', '_', '-'; at most 128). */
  public static String id(String field, String value) {
    if (value != null && !value.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}")) {
      throw new InvalidRequestException(field, "is not a valid id: '" + value + "'");
    }
    return value;
  }

  public static long range(String field, long value, long min, long max) {
    if (value < min || value > max) {
      throw new InvalidRequestException(field, "must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }

  public static <T extends Collection<?>> T size(String field, T values, int min, int max) {
    int n = values == null ? 0 : values.size();
    if (n < min || n > max) {
      throw new InvalidRequestException(field, "must hold between " + min + " and " + max + " items, got " + n);
    }
    return values;
  }
}
