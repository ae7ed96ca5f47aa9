package io.funit.common.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where every service reads its configuration: environment variables, overridden by nothing, falling back
 * to an optional properties file named by {@code FUNIT_CONFIG} that uses the same keys. Typed settings
 * records ({@link KafkaSettings}, {@link S3Settings}, ...) are built from one of these.
 */
public final class Settings {
  public static final String CONFIG_FILE_VARIABLE = "FUNIT_CONFIG";
  private final Map<String, String> values;

  private Settings(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /** The process environment, with the file named by FUNIT_CONFIG (if any) underneath it. */
  public static Settings fromEnvironment() {
    Map<String, String> merged = new HashMap<>();
    String file = System.getenv(CONFIG_FILE_VARIABLE);
    if (file != null && !file.isBlank()) {
      merged.putAll(readFile(Path.of(file)));
    }
    merged.putAll(System.getenv());
    return new Settings(merged);
  }

  public static Settings of(Map<String, String> values) {
    return new Settings(values);
  }

  /** A copy with some values replaced, e.g. the ports an embedded stack picked. */
  public Settings with(Map<String, String> overrides) {
    Map<String, String> merged = new HashMap<>(values);
    merged.putAll(overrides);
    return new Settings(merged);
  }

  /** Every value, e.g. to hand the same configuration to a child process as its environment. */
  public Map<String, String> values() {
    return values;
  }

  public Optional<String> get(String key) {
    String value = values.get(key);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  public String string(String key, String fallback) {
    return get(key).orElse(fallback);
  }

  public int integer(String key, int fallback, int min, int max) {
    int value = get(key).map(v -> parse(key, v, Integer::parseInt)).orElse(fallback);
    if (value < min || value > max) {
      throw new IllegalArgumentException(key + " must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }

  /** FUNIT_CACHE_DIR: downloaded font packages and cached dataset shards (default ~/.cache/funit). */
  public java.nio.file.Path cacheDir() {
    return java.nio.file.Path.of(string("FUNIT_CACHE_DIR", System.getProperty("user.home") + "/.cache/funit"));
  }

  /** FUNIT_WORK_DIR: scratch space of running jobs (default $TMPDIR/funit-work). */
  public java.nio.file.Path workDir() {
    return java.nio.file.Path.of(string("FUNIT_WORK_DIR", System.getProperty("java.io.tmpdir") + "/funit-work"));
  }

  /** A non-negative long, such as a byte count. */
  public long longValue(String key, long fallback) {
    long value = get(key).map(v -> parse(key, v, Long::parseLong)).orElse(fallback);
    if (value < 0) {
      throw new IllegalArgumentException(key + " must not be negative, got " + value);
    }
    return value;
  }

  public Duration millis(String key, long fallbackMillis) {
    long value = get(key).map(v -> parse(key, v, Long::parseLong)).orElse(fallbackMillis);
    if (value < 0) {
      throw new IllegalArgumentException(key + " must not be negative, got " + value);
    }
    return Duration.ofMillis(value);
  }

  public boolean bool(String key, boolean fallback) {
    return get(key).map(Boolean::parseBoolean).orElse(fallback);
  }

  private static <T> T parse(String key, String value, java.util.function.Function<String, T> parser) {
    try {
      return parser.apply(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a number, got '" + value + "'", e);
    }
  }

  private static Map<String, String> readFile(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(CONFIG_FILE_VARIABLE + " names " + file + ", which cannot be read", e);
    }
    Map<String, String> map = new HashMap<>();
    properties.forEach((k, v) -> map.put(k.toString(), v.toString()));
    return map;
  }
}
