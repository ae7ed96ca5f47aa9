package io.funit.common.dataset.imports;

import io.funit.common.dataset.ClassShards;
import io.funit.common.dataset.ClassSplit;
import io.funit.common.dataset.ContactSheet;
import io.funit.common.dataset.DatasetClass;
import io.funit.common.dataset.DatasetDirectory;
import io.funit.common.dataset.DatasetManifest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Turns {@code class/image} entries into a dataset directory. Entries are checked one by one and valid images are
 * staged on disk (an upload may be larger than memory); only when the whole source has been read are shards,
 * report and manifest written. A single top-level folder wrapping the class folders ({@code animals/cat/1.jpg})
 * is accepted. Nothing is written to {@code out} if the import is refused.
 */
public final class ClassFolderImporter {
  private static final int CONTACT_ROWS = 24;
  private static final int CONTACT_COLUMNS = 10;

  private final ImportLimits limits;
  private final ImageValidator validator;

  public ClassFolderImporter(ImportLimits limits) {
    this.limits = limits;
    this.validator = new ImageValidator(limits);
  }

  /** Options of one import. */
  public record Options(String datasetId, String name, long seed, double testFraction) {}

  /** The result: the manifest written and the report. */
  public record Imported(DatasetManifest manifest, ImportReport report) {}

  /** One staged image: its class path (one or two segments), original name and staged file. */
  private record Staged(List<String> folder, String name, Path file) {}

  /** Progress callback, called per entry; may throw to cancel. */
  @FunctionalInterface
  public interface ProgressListener {
    void progress(long entries, String message);
  }

  public Imported importInto(ImportSource source, Path stagingDir, DatasetDirectory out, Options options,
      ProgressListener progress) throws IOException, ImportRejectedException {
    Files.createDirectories(stagingDir);
    List<Staged> staged = new ArrayList<>();
    List<ImportReport.Skipped> skipped = new ArrayList<>();
    long[] totals = new long[2]; // entries, bytes
    source.forEach((rawPath, kind, content) -> {
      totals[0]++;
      if (totals[0] > limits.maxEntries()) {
        throw new ImportRejectedException("the upload holds more than " + limits.maxEntries() + " entries",
            report(totals[0], staged.size(), 0, skipped));
      }
      if (totals[0] % 200 == 0) {
        progress.progress(totals[0], "checked " + totals[0] + " entries");
      }
      if (kind == ImportSource.EntryKind.DIRECTORY) {
        return;
      }
      EntryPath.Parsed path = EntryPath.parse(rawPath);
      if (path.problem() != null) {
        skipped.add(new ImportReport.Skipped(rawPath, path.problemKind(), path.problem()));
        return;
      }
      if (kind == ImportSource.EntryKind.OTHER) {
        skipped.add(new ImportReport.Skipped(rawPath, "not-a-file", "not a regular file (link or device)"));
        return;
      }
      byte[] bytes = readBounded(content, totals);
      if (bytes == null) {
        skipped.add(new ImportReport.Skipped(rawPath, "too-large", "larger than the limit of "
            + limits.maxEntryBytes() + " bytes"));
        return;
      }
      try {
        ImageValidator.ValidImage image = validator.validate(bytes);
        Path file = stagingDir.resolve(staged.size() + "." + image.extension());
        Files.write(file, image.bytes());
        staged.add(new Staged(path.folder(), path.fileName(), file));
      } catch (ImageValidator.RejectedFile e) {
        skipped.add(new ImportReport.Skipped(rawPath, kindOf(e.getMessage()), e.getMessage()));
      }
    });
    Map<String, List<Staged>> byClass = group(staged, skipped);
    Map<String, List<Staged>> usable = new TreeMap<>();
    byClass.forEach((name, images) -> {
      if (images.size() >= limits.minImagesPerClass()) {
        usable.put(name, images);
      } else {
        skipped.add(new ImportReport.Skipped(name + "/", "small-class", "class has " + images.size()
            + " usable image(s); at least " + limits.minImagesPerClass() + " are needed"));
      }
    });
    int accepted = usable.values().stream().mapToInt(List::size).sum();
    ImportReport report = report(totals[0], accepted, usable.size(), skipped);
    if (usable.size() < 2) {
      throw new ImportRejectedException("the upload holds " + usable.size() + " usable class folder(s); FUNIT "
          + "needs at least 2 (layout: class/image.png)", report);
    }
    DatasetManifest manifest = write(usable, out, options);
    out.writeReport(report);
    out.writeContactSheet(contactSheet(manifest, out, options.seed()));
    out.writeManifest(manifest);
    return new Imported(manifest, report);
  }

  private DatasetManifest write(Map<String, List<Staged>> classes, DatasetDirectory out, Options options)
      throws IOException {
    Set<String> test = ClassSplit.testGroups(classes.keySet(), options.seed(), options.testFraction());
    List<DatasetClass> entries = new ArrayList<>();
    int index = 0;
    for (Map.Entry<String, List<Staged>> c : classes.entrySet()) {
      List<ClassShards.NamedImage> images = new ArrayList<>();
      List<Staged> sorted = c.getValue().stream()
          .sorted(java.util.Comparator.comparing(Staged::name)).toList();
      for (int i = 0; i < sorted.size(); i++) {
        Path file = sorted.get(i).file();
        String extension = file.getFileName().toString().replaceAll("^.*\\.", "");
        images.add(new ClassShards.NamedImage(String.format("%05d.%s", i, extension), Files.readAllBytes(file)));
      }
      String shard = out.writeShard(index, images);
      entries.add(new DatasetClass(index, c.getKey(), test.contains(c.getKey()) ? DatasetManifest.SPLIT_TEST
          : DatasetManifest.SPLIT_TRAIN, images.size(), shard,
          images.stream().map(ClassShards.NamedImage::name).toList(),
          new DatasetClass.ClassSource(c.getKey() + "/", null, null, null, null, null, null)));
      index++;
    }
    return new DatasetManifest(DatasetManifest.FORMAT_VERSION, options.datasetId(), DatasetManifest.KIND_IMAGES,
        options.name(), 0, "rgb", List.of(), options.seed(), entries);
  }

  /**
   * Class names: the folder of each image. If every image sits two folders deep under one common top folder, that
   * wrapper is dropped; images at any other depth are skipped.
   */
  private static Map<String, List<Staged>> group(List<Staged> staged, List<ImportReport.Skipped> skipped) {
    Set<String> roots = staged.stream().filter(s -> s.folder().size() == 2).map(s -> s.folder().get(0))
        .collect(Collectors.toSet());
    boolean wrapped = roots.size() == 1 && staged.stream().allMatch(s -> s.folder().size() == 2);
    Map<String, List<Staged>> byClass = new TreeMap<>();
    for (Staged s : staged) {
      if (wrapped || s.folder().size() == 1) {
        byClass.computeIfAbsent(s.folder().get(s.folder().size() - 1), k -> new ArrayList<>()).add(s);
      } else {
        skipped.add(new ImportReport.Skipped(String.join("/", s.folder()) + "/" + s.name(), "bad-layout",
            "nested too deep: expected class/image or one top folder holding class/image"));
      }
    }
    return byClass;
  }

  private byte[] readBounded(InputStream content, long[] totals) throws IOException, ImportRejectedException {
    byte[] bytes = content.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxEntryBytes() + 1));
    totals[1] += bytes.length;
    if (totals[1] > limits.maxTotalBytes()) {
      throw new ImportRejectedException("the upload expands to more than " + limits.maxTotalBytes()
          + " bytes", null);
    }
    return bytes.length > limits.maxEntryBytes() ? null : bytes;
  }

  private static byte[] contactSheet(DatasetManifest manifest, DatasetDirectory out, long seed) throws IOException {
    List<ContactSheet.Row> rows = new ArrayList<>();
    for (int index : ContactSheet.pickClasses(manifest, CONTACT_ROWS, seed)) {
      DatasetClass c = manifest.classes().get(index);
      List<java.awt.image.BufferedImage> images = new ArrayList<>();
      for (ClassShards.NamedImage image : ClassShards.read(out.resolve(c.shard()))) {
        if (images.size() == CONTACT_COLUMNS) {
          break;
        }
        images.add(ContactSheet.decode(image.bytes()));
      }
      rows.add(new ContactSheet.Row(c.name() + " [" + c.split() + "]", images));
    }
    return ContactSheet.render(rows, 64);
  }

  private static String kindOf(String reason) {
    if (reason.startsWith("not an image") || reason.startsWith("unsupported")) {
      return "not-an-image";
    }
    if (reason.startsWith("image too")) {
      return "bad-dimensions";
    }
    return "corrupt";
  }

  private static ImportReport report(long entries, int accepted, int classes, List<ImportReport.Skipped> skipped) {
    Map<String, Integer> counts = new TreeMap<>();
    skipped.forEach(s -> counts.merge(s.kind(), 1, Integer::sum));
    return new ImportReport((int) entries, accepted, classes, List.copyOf(skipped), counts);
  }
}
