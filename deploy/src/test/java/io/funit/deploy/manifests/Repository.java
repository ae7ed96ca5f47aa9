package io.funit.deploy.manifests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The checkout the tests run in, and what its main code reads. */
final class Repository {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern SETTING = Pattern.compile("\"(FUNIT_[A-Z0-9_]+)\"|\\$\\{(FUNIT_[A-Z0-9_]+)");

  private Repository() {}

  /**
   * Every FUNIT_* name the services' main code and logging configuration read, found in the sources (string
   * literals in Java, variables in logback's files): settings nobody reads would be silently ignored.
   */
  static Set<String> settingsTheCodeReads() {
    Set<String> names = new TreeSet<>();
    try (Stream<Path> files = Files.walk(ROOT)) {
      files.filter(f -> f.toString().contains("/src/main/") && !f.toString().contains("/target/"))
          .filter(f -> f.toString().endsWith(".java") || f.toString().endsWith(".xml"))
          .forEach(f -> {
            Matcher m = SETTING.matcher(read(f));
            while (m.find()) {
              names.add(m.group(1) != null ? m.group(1) : m.group(2));
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return names;
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
