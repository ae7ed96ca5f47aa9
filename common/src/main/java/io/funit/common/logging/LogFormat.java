package io.funit.common.logging;

import io.funit.common.config.Settings;
import java.util.Set;

/** FUNIT_LOG_FORMAT, read by logback.xml; checked at start so that a typo fails loudly instead of logging nothing. */
public final class LogFormat {
  private static final Set<String> FORMATS = Set.of("text", "json");

  private LogFormat() {}

  /** @throws IllegalArgumentException naming the variable when it holds neither {@code text} nor {@code json} */
  public static void check(Settings settings) {
    String format = settings.string("FUNIT_LOG_FORMAT", "text");
    if (!FORMATS.contains(format)) {
      throw new IllegalArgumentException("FUNIT_LOG_FORMAT must be text or json, got " + format);
    }
  }
}
