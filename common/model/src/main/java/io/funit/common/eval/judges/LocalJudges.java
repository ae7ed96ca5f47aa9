package io.funit.common.eval.judges;

import io.funit.common.dataset.DatasetManifest;
import io.funit.common.eval.bank.ImageBank;
import io.funit.common.eval.bank.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Judges cached in a local directory ({@code dir/{datasetId}/…}), the same layout as {@link StoredJudges}; for
 * command-line runs on local datasets. Files are written beside their target and renamed into place.
 */
public final class LocalJudges implements JudgeProvider {
  private final CachedJudges cache;

  public LocalJudges(Path dir, JudgeBudget budget) {
    this.cache = new CachedJudges(new JudgeStorage() {
      @Override
      public Optional<byte[]> read(String datasetId, String name) throws IOException {
        Path file = dir.resolve(datasetId).resolve(name);
        return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
      }

      @Override
      public void download(String datasetId, String name, Path target) throws IOException {
        Files.copy(dir.resolve(datasetId).resolve(name), target, StandardCopyOption.REPLACE_EXISTING);
      }

      @Override
      public void upload(String datasetId, String name, Path file) throws IOException {
        place(datasetId, name, Files.readAllBytes(file));
      }

      @Override
      public void write(String datasetId, String name, byte[] content) throws IOException {
        place(datasetId, name, content);
      }

      private void place(String datasetId, String name, byte[] content) throws IOException {
        Path target = dir.resolve(datasetId).resolve(name);
        Files.createDirectories(target.getParent());
        Path partial = Files.createTempFile(target.getParent(), name, ".partial");
        Files.write(partial, content);
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
    }, dir.resolve(".work"), budget);
  }

  @Override
  public Judges judges(DatasetManifest dataset, ImageBank images, Progress progress) throws IOException {
    return cache.judges(dataset, images, progress);
  }

  @Override
  public Judge sourceJudge(DatasetManifest dataset, ImageBank images, Progress progress) throws IOException {
    return cache.sourceJudge(dataset, images, progress);
  }
}
