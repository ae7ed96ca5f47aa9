package io.funit.common.logging;

import io.funit.common.config.Settings;
import java.util.Set;

/**
 * FUNIT_LOG_FORMAT, read by logback.xml; checked at start so that a typo fails loudly instead of logging nothing.
 * Logback reads it (and FUNIT_LOG_LEVEL) from the environment or a system property, never from the FUNIT_CONFIG
 * file, so this check reads the same place.
 */
public final class LogFormat {
  private static final Set<String> FORMATS = Set.of("text", "json");

  private LogFormat() {}

  /** Checks this process's environment. */
  public static void check() {
    check(Settings.of(System.getenv()));
  }

  /** @throws IllegalArgumentException naming the variable when it holds neither {@code text} nor {@code json} */
  public static void check(Settings settings) {
    String format = settings.string("FUNIT_LOG_FORMAT", "text");
    if (!FORMATS.contains(format)) {
      throw new IllegalArgumentException("FUNIT_LOG_FORMAT must be text or json, got " + format);
    }
  }
}
