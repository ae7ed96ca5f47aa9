package io.funit.common.dataset.fonts;

import io.funit.common.dataset.ClassShards;
import io.funit.common.dataset.DatasetDirectory;
import io.funit.common.dataset.DatasetManifest;
import io.funit.common.dataset.DatasetRecipe;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Builds a font-glyph dataset: class = font face, content = character. Steps: resolve the inputs (fetching packages),
 * check every face in parallel ({@link FontCuration}), keep one face per family, split by family
 * ({@link FamilySplit}), render and write one shard per class in parallel, then the contact sheet, the report and,
 * last, the manifest. AWT renders different {@code Font} instances on different threads safely, and each task owns
 * its fonts.
 */
public final class FontDatasetBuilder {
  private final int threads;

  /** A builder that uses every core (two on the reference machine). */
  public FontDatasetBuilder() {
    this(Math.max(1, Runtime.getRuntime().availableProcessors()));
  }

  public FontDatasetBuilder(int threads) {
    this.threads = threads;
  }

  /**
   * Builds the dataset into {@code out}.
   *
   * @throws IOException when a package cannot be fetched or a file cannot be written (naming it)
   */
  public FontBuildSummary build(FontBuildOptions options, DatasetDirectory out, String datasetId,
      ProgressListener progress) throws IOException {
    long start = System.nanoTime();
    List<String> contents = options.contents();
    progress.progress(0, 1, "fetching fonts");
    FontSources.Inputs inputs = FontSources.resolve(options);
    LegibilityScreen screen = inputs.references().isEmpty() ? null
        : new LegibilityScreen(inputs.references(), contents);
    // the pool's lines carry the job's log context, like the job thread's
    ExecutorService pool = Executors.newFixedThreadPool(threads,
        io.funit.common.logging.JobMdc.threadFactory("font-dataset", true));
    try {
      FaceChecks checks = checkFaces(pool, inputs, new FontCuration(screen), contents, progress);
      List<SkippedFont> skipped = new ArrayList<>(checks.skipped());
      List<FontCuration.Candidate> kept = inputs.familiesOf().isEmpty()
          ? FontCuration.onePerFamily(checks.candidates(), skipped)
          : FontCuration.allFacesOf(checks.candidates(), inputs.familiesOf(), skipped);
      List<FontClassPlan.PlannedClass> plan = FontClassPlan.plan(kept, inputs, options, contents);
      long total = inputs.files().size() + plan.size();
      List<Callable<Integer>> renders = new ArrayList<>();
      for (FontClassPlan.PlannedClass planned : plan) {
        renders.add(() -> writeShard(out, planned.datasetClass().index(), planned.candidate().outlines(),
            options.size()));
      }
      ParallelTasks.run(pool, renders, n -> progress.progress(inputs.files().size() + n, total, "rendering"));
      DatasetManifest manifest = new DatasetManifest(DatasetManifest.FORMAT_VERSION, datasetId,
          DatasetManifest.KIND_FONTS, "fonts " + inputs.description() + " " + options.size() + "px",
          options.size(), "gray", contents, options.seed(), plan.stream().map(FontClassPlan.PlannedClass::datasetClass).toList(),
          options.preset() == null ? null : new DatasetRecipe(DatasetManifest.KIND_FONTS, options.preset(),
              options.size(), options.charset(), options.seed(), options.testFraction()));
      out.writeContactSheet(FontContactSheet.render(manifest, out, options.contactSheetRows()));
      skipped.sort(Comparator.comparing(SkippedFont::origin).thenComparing(s -> String.valueOf(s.face())));
      Map<String, Integer> byReason = new TreeMap<>();
      skipped.forEach(s -> byReason.merge(s.reason(), 1, Integer::sum));
      int train = manifest.split(DatasetManifest.SPLIT_TRAIN).size();
      int test = manifest.split(DatasetManifest.SPLIT_TEST).size();
      out.writeReport(new FontBuildReport(datasetId, inputs.description(), contents, checks.faces(), train, test,
          FontBuildReport.countGroups(plan), byReason, skipped));
      out.writeManifest(manifest);
      progress.progress(total, total, "done");
      return new FontBuildSummary(datasetId, train, test, manifest.imageCount(), checks.faces(), skipped.size(),
          byReason, (System.nanoTime() - start) / 1e9);
    } finally {
      // a failed or canceled build must not leave renders writing into the output after it returns
      pool.shutdownNow();
      try {
        pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The outcome of the per-face checks: accepted candidates (in file order), skips, faces seen. */
  private record FaceChecks(List<FontCuration.Candidate> candidates, List<SkippedFont> skipped, int faces) {}

  private static FaceChecks checkFaces(ExecutorService pool, FontSources.Inputs inputs, FontCuration curation,
      List<String> contents, ProgressListener progress) throws IOException {
    List<Callable<FontFileCheck.Result>> tasks = new ArrayList<>();
    for (FontFile file : inputs.files()) {
      tasks.add(() -> FontFileCheck.check(file, curation, contents));
    }
    long estimate = 2L * inputs.files().size(); // each file is checked, then (if kept) rendered
    List<FontFileCheck.Result> results = ParallelTasks.run(pool, tasks,
        n -> progress.progress(n, estimate, "checking fonts"));
    return dropDuplicates(results);
  }

  /** The same bytes in several files (packages ship copies) count once: the first file in origin order. */
  private static FaceChecks dropDuplicates(List<FontFileCheck.Result> results) {
    Map<String, String> firstBySha = new TreeMap<>();
    List<FontCuration.Candidate> candidates = new ArrayList<>();
    List<SkippedFont> skipped = new ArrayList<>();
    int faces = 0;
    for (FontFileCheck.Result r : results) {
      faces += r.faces();
      String first = r.sha256() == null ? null : firstBySha.putIfAbsent(r.sha256(), r.file().origin());
      if (first != null) {
        for (int i = 0; i < r.faces(); i++) {
          skipped.add(new SkippedFont(r.file().origin(), r.faceNames().get(i), FontCuration.DUPLICATE_FILE,
              "same bytes as " + first));
        }
      } else {
        candidates.addAll(r.candidates());
        skipped.addAll(r.skipped());
      }
    }
    return new FaceChecks(candidates, skipped, faces);
  }

  private static int writeShard(DatasetDirectory out, int index, GlyphRenderer.GlyphOutlines outlines, int size)
      throws IOException {
    List<BufferedImage> images = GlyphRenderer.renderFont(outlines, size);
    List<ClassShards.NamedImage> named = new ArrayList<>(images.size());
    for (int i = 0; i < images.size(); i++) {
      named.add(new ClassShards.NamedImage(FontClassPlan.imageName(i), GlyphRenderer.png(images.get(i))));
    }
    out.writeShard(index, named);
    return named.size();
  }
}
