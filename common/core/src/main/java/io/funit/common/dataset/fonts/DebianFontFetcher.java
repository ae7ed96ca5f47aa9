package io.funit.common.dataset.fonts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Fetches Debian font packages without root and without touching the system's fonts: {@code apt-get download} into
 * {@code <cache>/debs}, then {@code dpkg-deb -x} of each package into its own directory {@code <cache>/root/<pkg>}
 * (one directory per package, so "all files of a package" and its copyright file need no package database). Both
 * steps are skipped when already done; a marker file written after a complete extraction makes an interrupted run
 * extract again.
 */
public final class DebianFontFetcher {
  private static final String MARKER = ".funit-extracted";
  private static final List<String> FONT_SUFFIXES = List.of(".ttf", ".otf", ".ttc", ".otc", ".woff");

  private final Path cacheDir;

  public DebianFontFetcher(Path cacheDir) {
    this.cacheDir = cacheDir.toAbsolutePath();
  }

  /** {@code ${FUNIT_CACHE_DIR:-~/.cache/funit}/fonts}. */
  public static Path defaultCacheDir() {
    String configured = System.getenv("FUNIT_CACHE_DIR");
    Path base = configured != null && !configured.isBlank() ? Paths.get(configured)
        : Paths.get(System.getProperty("user.home"), ".cache", "funit");
    return base.resolve("fonts");
  }

  public Path cacheDir() {
    return cacheDir;
  }

  /** The directory a package is extracted into. */
  public Path packageRoot(String packageName) {
    return cacheDir.resolve("root").resolve(packageName);
  }

  /** Downloads and extracts the packages that are not in the cache yet. */
  public void fetch(Collection<String> packages) throws IOException {
    Path debs = Files.createDirectories(cacheDir.resolve("debs"));
    List<String> missing = new TreeSet<>(packages).stream().filter(p -> !isExtracted(p) && deb(p).isEmpty()).toList();
    if (!missing.isEmpty()) {
      download(debs, missing);
    }
    for (String packageName : new TreeSet<>(packages)) {
      if (!isExtracted(packageName)) {
        extract(packageName);
      }
    }
  }

  /** Every font file (TTF, OTF, TTC, OTC, WOFF) of an extracted package, sorted by path. */
  public List<Path> fontFiles(String packageName) throws IOException {
    Path root = packageRoot(packageName);
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> !Files.isSymbolicLink(p) && Files.isRegularFile(p)) // links may point at system fonts
          .filter(DebianFontFetcher::isFontFile).sorted().toList();
    }
  }

  /** The package's licence from its DEP-5 copyright file; "see copyright file" when it cannot be read. */
  public String licence(String packageName) {
    return DebianCopyright.licence(packageRoot(packageName).resolve("usr/share/doc").resolve(packageName)
        .resolve("copyright"));
  }

  static boolean isFontFile(Path path) {
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    return FONT_SUFFIXES.stream().anyMatch(name::endsWith) || name.endsWith(".woff2");
  }

  private boolean isExtracted(String packageName) {
    return Files.isRegularFile(packageRoot(packageName).resolve(MARKER));
  }

  /** The downloaded .deb of a package ({@code <pkg>_<version>_<arch>.deb}), if any. */
  private Optional<Path> deb(String packageName) {
    try (DirectoryStream<Path> found = Files.newDirectoryStream(cacheDir.resolve("debs"), packageName + "_*.deb")) {
      List<Path> all = new ArrayList<>();
      found.forEach(all::add);
      return all.stream().max(Comparator.naturalOrder());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + cacheDir.resolve("debs"), e);
    }
  }

  /** One apt-get call for all missing packages: apt resolves and downloads them in parallel. */
  private void download(Path debs, List<String> packages) throws IOException {
    List<String> command = new ArrayList<>(List.of("apt-get", "download", "-q"));
    command.addAll(packages);
    ProcessResult result = run(command, debs);
    List<String> stillMissing = packages.stream().filter(p -> deb(p).isEmpty()).toList();
    if (result.exitCode() != 0 || !stillMissing.isEmpty()) {
      String errors = result.output().lines().filter(l -> l.startsWith("E:")).reduce((a, b) -> a + "; " + b)
          .orElse(result.output().strip());
      // apt stops the whole download at one unknown package: name the ones its errors mention
      List<String> named = packages.stream().filter(p -> errors.matches("(?s).*\\b" + Pattern.quote(p) + "\\b.*"))
          .toList();
      List<String> failed = !named.isEmpty() ? named : stillMissing.isEmpty() ? packages : stillMissing;
      throw new IOException("apt-get download failed for " + String.join(", ", failed) + " (exit "
          + result.exitCode() + "): " + errors + " (on a fresh machine run 'apt-get update' first)");
    }
  }

  private void extract(String packageName) throws IOException {
    Path deb = deb(packageName).orElseThrow(() -> new IOException("no downloaded .deb for " + packageName
        + " in " + cacheDir.resolve("debs")));
    Path root = packageRoot(packageName);
    deleteRecursively(root); // a partial extraction from an interrupted run
    Files.createDirectories(root);
    ProcessResult result = run(List.of("dpkg-deb", "-x", deb.toString(), root.toString()), cacheDir);
    if (result.exitCode() != 0) {
      throw new IOException("dpkg-deb -x failed for " + packageName + " (" + deb.getFileName() + ", exit "
          + result.exitCode() + "): " + result.output().strip());
    }
    Files.writeString(root.resolve(MARKER), deb.getFileName().toString() + "\n");
  }

  private record ProcessResult(int exitCode, String output) {}

  private static ProcessResult run(List<String> command, Path workingDir) throws IOException {
    Process process = new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(true).start();
    String output;
    try (InputStream in = process.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try {
      return new ProcessResult(process.waitFor(), output);
    } catch (InterruptedException e) {
      process.destroy();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + command.get(0), e);
    }
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
