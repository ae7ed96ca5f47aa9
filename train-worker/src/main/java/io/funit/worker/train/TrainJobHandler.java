package io.funit.worker.train;

import com.google.auto.service.AutoService;
import io.funit.common.config.Settings;
import io.funit.common.dataset.DatasetClass;
import io.funit.common.dataset.DatasetManifest;
import io.funit.common.dataset.StoredDatasets;
import io.funit.common.dataset.sampler.ClassImageCache;
import io.funit.common.dataset.sampler.FunitSampler;
import io.funit.common.dataset.sampler.HostBatch;
import io.funit.common.dataset.sampler.KShotSampler;
import io.funit.common.dataset.sampler.Preprocessing;
import io.funit.common.dataset.sampler.ShardSource;
import io.funit.common.glyphs.ContentFontChooser;
import io.funit.common.glyphs.GlyphRow;
import io.funit.common.jobs.JobDescriptor;
import io.funit.common.models.ModelCard;
import io.funit.common.models.ModelFamily;
import io.funit.common.models.ModelPlan;
import io.funit.common.models.ModelRegistry;
import io.funit.common.models.ModelTrainer;
import io.funit.common.storage.ObjectStore;
import io.funit.common.training.CheckpointStore;
import io.funit.common.training.MetricRow;
import io.funit.common.training.TrainJob;
import io.funit.common.training.TrainRequest;
import io.funit.common.training.TrainingMetrics;
import io.funit.common.worker.InvalidJobException;
import io.funit.common.worker.JobContext;
import io.funit.common.worker.JobHandler;
import io.funit.common.worker.JobHandlerFactory;
import io.funit.common.worker.WorkerSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Runs training jobs: resumes from the job's own newest checkpoint (after a crash or hand-back) or from the
 * continued training's, trains to exactly the requested iterations, and registers the EMA generator as a model
 * whose id is the job id.
 */
public final class TrainJobHandler implements JobHandler<TrainRequest> {
  private static final TrainJob DESCRIPTOR = new TrainJob();
  private static final int DISPLAY_COLUMNS = 8;
  private static final int FINAL_LOSS_WINDOW = 100;

  private final ObjectStore store;
  private final StoredDatasets datasets;
  private final CheckpointStore checkpoints;
  private final TrainingMetrics metrics;
  private final ModelRegistry models;
  private final Path shardCache;
  private final long imageCacheBytes;
  private final TrainingGauges gauges;

  public TrainJobHandler(ObjectStore store, Path shardCache, long imageCacheBytes) {
    this(store, shardCache, imageCacheBytes, new TrainingGauges(new SimpleMeterRegistry(), false, List.of()));
  }

  TrainJobHandler(ObjectStore store, Path shardCache, long imageCacheBytes, TrainingGauges gauges) {
    this.gauges = gauges;
    this.store = store;
    this.datasets = new StoredDatasets(store);
    this.checkpoints = new CheckpointStore(store);
    this.metrics = new TrainingMetrics(store);
    this.models = new ModelRegistry(store);
    this.shardCache = shardCache;
    this.imageCacheBytes = imageCacheBytes;
  }

  /** Shard cache FUNIT_CACHE_DIR/datasets; decoded-image cache FUNIT_TRAIN_IMAGE_CACHE_BYTES (default 512 MiB). */
  public static TrainJobHandler fromSettings(ObjectStore store, Settings settings) {
    return fromSettings(store, settings, new SimpleMeterRegistry());
  }

  /**
   * As {@link #fromSettings(ObjectStore, Settings)}, with each slot's training figures in {@code metrics}
   * (FUNIT_METRICS_JOB_LABELS=true adds the job id to them).
   */
  public static TrainJobHandler fromSettings(ObjectStore store, Settings settings, MeterRegistry metrics) {
    Path cache = settings.cacheDir();
    List<String> slots = IntStream.range(0, WorkerSettings.from(settings).concurrency())
        .mapToObj(i -> io.funit.common.worker.WorkerRuntime.slotLabel(TrainJob.TYPE, i)).toList();
    return new TrainJobHandler(store, cache.resolve("datasets"),
        settings.longValue("FUNIT_TRAIN_IMAGE_CACHE_BYTES", 512L << 20),
        new TrainingGauges(metrics, settings.bool("FUNIT_METRICS_JOB_LABELS", false), slots));
  }

  @Override
  public JobDescriptor<TrainRequest> descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Object handle(TrainRequest request, JobContext context) throws Exception {
    String jobId = context.jobId();
    DatasetManifest dataset = datasets.manifest(request.dataset()).orElseThrow(() -> new InvalidJobException(
        "dataset: no built dataset '" + request.dataset() + "'"));
    ModelFamily family = TrainingPlan.family(request);
    ModelPlan planned = TrainingPlan.plan(family, request, dataset);
    Start start = startingPoint(request, jobId, family, planned);
    try (ModelTrainer trainer = start.trainer()) {
      ModelPlan plan = trainer.plan(); // a continued training keeps its checkpoint's configuration
      long maxIter = planned.maxIterations();
      if (maxIter <= trainer.iteration() && request.continueFrom() != null
          && checkpoints.latest(jobId).isEmpty()) {
        throw new InvalidJobException("overrides.iterations: must exceed the continued training's "
            + trainer.iteration() + " iterations");
      }
      if (plan.numClasses() != planned.numClasses()) {
        throw new InvalidJobException("dataset: has " + planned.numClasses() + " training classes, the "
            + "continued model " + plan.numClasses());
      }
      int size = plan.imageSize();
      boolean glyphs = DatasetManifest.KIND_FONTS.equals(dataset.kind());
      ClassImageCache images = new ClassImageCache(
          ShardSource.cached(datasets, dataset.id(), shardCache), imageCacheBytes);
      Preprocessing preprocessing = glyphs ? new Preprocessing(size, size) : Preprocessing.forSize(size);
      if (plan.pairedTargets()) {
        try {
          FunitSampler.requirePairedTargets(dataset);
        } catch (IllegalArgumentException e) { // never better on a retry
          throw new InvalidJobException("overrides.paired_weight: " + e.getMessage(), e);
        }
      }
      FunitSampler sampler;
      try {
        sampler = new FunitSampler(dataset, images, preprocessing,
            new FunitSampler.Options(plan.batchSize(), start.samplerSeed(), !glyphs, 2, plan.pairedTargets(),
                plan.classShots()));
      } catch (IllegalArgumentException e) {
        String field = e.getMessage().startsWith("class_shots") ? "overrides.class_shots" : "batch_size";
        throw new InvalidJobException(field + ": " + e.getMessage(), e); // never better on a retry
      }
      HostBatch trainDisplay = first(sampler.batchAt(0), DISPLAY_COLUMNS);
      HostBatch testDisplay = DisplayBatches.heldOut(dataset,
          new KShotSampler(images, new Preprocessing(size, glyphs ? size : Math.round(size * 140f / 128f))),
          size, DISPLAY_COLUMNS, start.samplerSeed());
      HeldOutValidation validation = HeldOutValidation.forDataset(dataset,
          new KShotSampler(images, new Preprocessing(size, size)), size);
      List<MetricRow> before = metrics.read(jobId); // this job's rows up to the checkpoint it resumes from
      double secondsBefore = before.stream().mapToDouble(MetricRow::seconds).sum();
      long startIteration = before.isEmpty() ? trainer.iteration() : before.get(0).iteration() - 1;
      try (TrainingGauges.Live live = gauges.open(context.slot(), jobId)) {
        new TrainingRun(jobId, request, trainer, sampler, start.samplerSeed(), maxIter, context, store, trainDisplay,
            testDisplay, validation, live).run(secondsBefore, startIteration);
      }
      Map<String, Double> finalLosses = finalLosses(metrics.read(jobId));
      register(jobId, request, dataset, trainer, finalLosses, ShardSource.cached(datasets, dataset.id(), shardCache));
      return new TrainResult(jobId, trainer.iteration(), checkpoints.latest(jobId).orElse(null), finalLosses);
    }
  }

  /** Where training starts: the job's own newest checkpoint, the continued training's, or new networks. */
  private record Start(ModelTrainer trainer, long samplerSeed) {}

  private Start startingPoint(TrainRequest request, String jobId, ModelFamily family, ModelPlan planned) {
    Optional<String> own = checkpoints.latest(jobId);
    if (own.isPresent()) {
      ModelTrainer.Restored restored = checkpoints.load(own.get(), family, request.overrides());
      metrics.truncateAfter(jobId, restored.trainer().iteration());
      return new Start(restored.trainer(), restored.samplerSeed());
    }
    metrics.truncateAfter(jobId, 0);
    if (request.continueFrom() != null) {
      String key = checkpoints.latest(request.continueFrom()).orElseThrow(() -> new InvalidJobException(
          "continue_from: training '" + request.continueFrom() + "' has no checkpoint"));
      ModelTrainer.Restored restored = checkpoints.load(key, family, request.overrides());
      return new Start(restored.trainer(), restored.samplerSeed());
    }
    long seed = TrainingPlan.seed(request);
    return new Start(family.newTrainer(planned, seed), seed);
  }

  /**
   * Registers the EMA generator with its card; a model of a font dataset gets its content font (the plainest,
   * most typical training face: {@link ContentFontChooser}), stored with it for text translations.
   */
  private void register(String jobId, TrainRequest request, DatasetManifest dataset, ModelTrainer trainer,
      Map<String, Double> finalLosses, ShardSource shards) throws Exception {
    Path file = Files.createTempFile("funit-generator-", ".safetensors");
    ModelPlan plan = trainer.plan();
    try {
      trainer.saveGenerator(file);
      List<String> licences = dataset.split(DatasetManifest.SPLIT_TRAIN).stream()
          .map(DatasetClass::source).filter(Objects::nonNull).map(DatasetClass.ClassSource::licence)
          .filter(Objects::nonNull).distinct().sorted().toList();
      Optional<ContentFontChooser.Choice> contentFont = ContentFontChooser.choose(dataset, shards);
      models.register(new ModelCard(jobId, jobId, dataset.id(), dataset.name(), request.preset(),
          plan.imageSize(), plan.cardConfig(), trainer.iteration(),
          dataset.split(DatasetManifest.SPLIT_TRAIN).stream().map(DatasetClass::name).toList(),
          dataset.split(DatasetManifest.SPLIT_TEST).stream().map(DatasetClass::name).toList(),
          finalLosses, licences, ModelRegistry.generatorKey(jobId), Instant.now(), dataset.color(), plan.family(),
          contentFont.map(c -> c.contentFont(String.join("", dataset.contents()),
              ModelRegistry.contentFontKey(jobId))).orElse(null), dataset.recipe()),
          file, contentFont.map(c -> GlyphRow.encode(c.glyphs(), plan.imageSize())).orElse(null));
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** The losses and accuracies averaged over the last iterations (the held-out validation is not a loss). */
  private static Map<String, Double> finalLosses(List<MetricRow> rows) {
    Map<String, Double> losses = new LinkedHashMap<>();
    TrainingMetrics.mean(rows.subList(Math.max(0, rows.size() - FINAL_LOSS_WINDOW), rows.size())).forEach((k, v) -> {
      if (k.startsWith("loss_") || k.startsWith("accuracy_")) {
        losses.put(k, v);
      }
    });
    return losses;
  }

  private static HostBatch first(HostBatch batch, int n) {
    int columns = Math.min(n, batch.batchSize());
    int stride = 3 * batch.size() * batch.size();
    return new HostBatch(batch.iteration(), columns, batch.size(),
        java.util.Arrays.copyOf(batch.xa(), columns * stride), java.util.Arrays.copyOf(batch.la(), columns),
        java.util.Arrays.copyOf(batch.xb(), columns * stride), java.util.Arrays.copyOf(batch.lb(), columns));
  }

  /** Registers this handler with its worker. */
  @AutoService(JobHandlerFactory.class)
  public static final class Factory extends JobHandlerFactory {
    public Factory() {
      super(TrainWorkerMain.NAME, services -> fromSettings(services.store(), services.settings(), services.metrics()));
    }
  }
}
