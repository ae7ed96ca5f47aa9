package io.funit.common.eval.judges;

import io.funit.common.dataset.DatasetManifest;
import io.funit.common.eval.bank.ImageBank;
import io.funit.common.eval.bank.Progress;
import io.funit.common.eval.report.EvaluationReport.JudgeSummary;
import io.funit.common.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Judges trained once per dataset and image size, then reused. A set is the weight files
 * {@code {version}-{S}px-{generation}-{judge}.safetensors} and the index {@code {version}-{S}px.json}, written
 * <b>last</b> and naming its generation: so a set is complete or absent, and two evaluations that train the same
 * set at once each write their own files and the index names one complete generation whichever writes last.
 */
final class CachedJudges implements JudgeProvider {
  /** Bump when the judges' architecture or training changes: older sets are then ignored and retrained. */
  static final String VERSION = "v1";

  private final JudgeStorage storage;
  private final Path workDir;
  private final JudgeBudget budget;

  CachedJudges(JudgeStorage storage, Path workDir, JudgeBudget budget) {
    this.storage = storage;
    this.workDir = workDir;
    this.budget = budget;
  }

  /**
   * The stored index of a judge set.
   *
   * @param generation the id of the training that wrote the files
   * @param judges the judges, each with its file name
   */
  record Index(String dataset, int imageSize, String generation, List<Entry> judges) {}

  record Entry(String file, JudgeSummary summary) {}

  static String indexName(int size) {
    return VERSION + "-" + size + "px.json";
  }

  /** The source-class judge is a set of its own: only few-shot classification needs it. */
  static String sourceIndexName(int size) {
    return VERSION + "-" + size + "px-" + JudgeTasks.STYLE_SOURCE + ".json";
  }

  @Override
  public Judges judges(DatasetManifest dataset, ImageBank images, Progress progress) throws IOException {
    return Judges.of(cached(dataset.id(), images.size(), indexName(images.size()),
        () -> JudgeTraining.trainAll(dataset, images, budget, progress).all(), progress));
  }

  @Override
  public Judge sourceJudge(DatasetManifest dataset, ImageBank images, Progress progress) throws IOException {
    return cached(dataset.id(), images.size(), sourceIndexName(images.size()),
        () -> List.of(JudgeTraining.trainSource(dataset, images, budget, progress)), progress).get(0);
  }

  /** The set indexed by {@code index}: loaded if stored, else trained and stored. */
  private List<Judge> cached(String datasetId, int size, String index, java.util.function.Supplier<List<Judge>> train,
      Progress progress) throws IOException {
    Optional<byte[]> stored = storage.read(datasetId, index);
    if (stored.isPresent()) {
      progress.step(0, 1, "loading the dataset's judges");
      return load(datasetId, Json.MAPPER.readValue(stored.get(), Index.class));
    }
    List<Judge> judges = train.get();
    try {
      store(datasetId, size, index, judges);
      return judges;
    } catch (IOException | RuntimeException e) {
      judges.forEach(Judge::close);
      throw e;
    }
  }

  private List<Judge> load(String datasetId, Index index) throws IOException {
    List<Judge> loaded = new ArrayList<>();
    Files.createDirectories(workDir);
    try {
      for (Entry entry : index.judges()) {
        Path file = Files.createTempFile(workDir, "judge-", ".safetensors");
        try {
          storage.download(datasetId, entry.file(), file);
          loaded.add(JudgeWeights.load(file));
        } finally {
          Files.deleteIfExists(file);
        }
      }
      return loaded;
    } catch (IOException | RuntimeException e) {
      loaded.forEach(Judge::close);
      throw e;
    }
  }

  private void store(String datasetId, int size, String index, List<Judge> judges) throws IOException {
    String generation = UUID.randomUUID().toString().substring(0, 8);
    List<Entry> entries = new ArrayList<>();
    Files.createDirectories(workDir);
    for (Judge judge : judges) {
      String name = VERSION + "-" + size + "px-" + generation + "-" + judge.name() + ".safetensors";
      Path file = Files.createTempFile(workDir, "judge-", ".safetensors");
      try {
        JudgeWeights.save(judge, file);
        storage.upload(datasetId, name, file);
      } finally {
        Files.deleteIfExists(file);
      }
      entries.add(new Entry(name, judge.summary()));
    }
    storage.write(datasetId, index, Json.writeBytes(new Index(datasetId, size, generation, entries)));
  }
}
