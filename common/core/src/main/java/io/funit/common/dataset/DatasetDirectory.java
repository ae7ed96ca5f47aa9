package io.funit.common.dataset;

import io.funit.common.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/** A dataset in a local directory, in the layout of {@link io.funit.common.dataset}. */
public final class DatasetDirectory {
  public static final String MANIFEST = "manifest.json";
  public static final String CONTACT_SHEET = "contact-sheet.png";
  public static final String REPORT = "report.json";

  private final Path root;

  public DatasetDirectory(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  public Path resolve(String relative) {
    return root.resolve(relative);
  }

  /** Writes class {@code index}'s shard and returns its path relative to the root. */
  public String writeShard(int index, List<ClassShards.NamedImage> images) throws IOException {
    String relative = DatasetClass.shardPath(index);
    ClassShards.write(root.resolve(relative), images);
    return relative;
  }

  public void writeReport(Object report) throws IOException {
    writeAtomically(REPORT, Json.writeBytes(report));
  }

  public void writeContactSheet(byte[] png) throws IOException {
    writeAtomically(CONTACT_SHEET, png);
  }

  /** Writes the manifest; call it last, since its presence marks the dataset complete. */
  public void writeManifest(DatasetManifest manifest) throws IOException {
    writeAtomically(MANIFEST, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
  }

  /** The manifest, if the directory holds a complete dataset. */
  public Optional<DatasetManifest> manifest() {
    Path file = root.resolve(MANIFEST);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.MAPPER.readValue(file.toFile(), DatasetManifest.class));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private void writeAtomically(String name, byte[] bytes) throws IOException {
    Files.createDirectories(root);
    Path partial = root.resolve(name + ".partial");
    Files.write(partial, bytes);
    Files.move(partial, root.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
