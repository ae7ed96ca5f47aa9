package io.funit.worker.translate.job;

import ai.djl.engine.Engine;
import com.google.auto.service.AutoService;
import io.funit.common.config.Settings;
import io.funit.common.faults.Failpoints;
import io.funit.common.health.Readiness;
import io.funit.common.jobs.JobDescriptor;
import io.funit.common.models.ModelCard;
import io.funit.common.models.ModelCards;
import io.funit.common.models.ModelRegistry;
import io.funit.common.storage.ObjectStore;
import io.funit.common.translate.StyleManifest;
import io.funit.common.translate.StyleStore;
import io.funit.common.translate.TranslateJob;
import io.funit.common.translate.TranslateRequest;
import io.funit.common.translate.TranslationLimits;
import io.funit.common.translate.TranslationResult;
import io.funit.common.worker.InvalidJobException;
import io.funit.common.worker.JobContext;
import io.funit.common.worker.JobHandler;
import io.funit.common.worker.JobHandlerFactory;
import io.funit.common.worker.WorkerServices;
import io.funit.worker.translate.TranslateWorkerMain;
import io.funit.worker.translate.batching.BatchingSettings;
import io.funit.worker.translate.batching.TranslationBatcher;
import io.funit.worker.translate.batching.TranslationOutput;
import io.funit.worker.translate.batching.TranslationWork;
import io.funit.worker.translate.models.DefaultModelReadiness;
import io.funit.worker.translate.models.ModelCache;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A translation job: resolves the model, reads and checks the inputs (or draws a text's characters with the
 * model's content font), hands the work to the batcher, stores one image per content image at
 * {@code outputs/{jobId}/translation-{i}.png|jpg} (a text's: {@link DrawnOutputs}; the same keys on a redelivery, so
 * a result is never duplicated) and ends with a {@link TranslationResult}. A style's class code is computed on its
 * first use with a model and stored beside the style.
 */
public final class TranslateHandler implements JobHandler<TranslateRequest> {
  private static final TranslateJob DESCRIPTOR = new TranslateJob();
  private static final long WAIT_SLICE_MILLIS = 100;
  /** Content images in one work: a request's most; a longer alphabet is translated in several. */
  static final int MAX_WORK_CONTENTS = TranslateRequest.MAX_CONTENT;

  private final ObjectStore store;
  private final ModelCards cards;
  private final StyleStore styles;
  private final TranslationBatcher batcher;
  private final InputImages inputs;
  private final DrawnContent drawnContent;
  private final StyleCodes styleCodes = new StyleCodes(10_000);
  private final int maxInFlight;
  private final List<Readiness.Check> readiness;
  private final Stages stages;

  /** The wall time of a job's stages, so a benchmark can show where a translation's time goes. */
  private static final class Stages {
    final Timer inputs;
    final Timer batch;
    final Timer outputs;

    Stages(MeterRegistry metrics) {
      inputs = stage(metrics, "inputs", "reading and decoding the inputs (or drawing the text's glyphs)");
      batch = stage(metrics, "batch", "from handing the work to the batcher to its output: the wait for a batch "
          + "and the forward pass");
      outputs = stage(metrics, "outputs", "encoding and storing the outputs");
    }

    private static Timer stage(MeterRegistry metrics, String stage, String what) {
      return Timer.builder("funit.translate.stage").description("Wall time of one stage of a translation job")
          .tag("stage", stage).register(metrics);
    }
  }

  /** @param maxInFlight FUNIT_TRANSLATE_IN_FLIGHT: jobs one worker slot holds at once, the batcher's supply */
  public TranslateHandler(ObjectStore store, ModelCards cards, TranslationBatcher batcher, TranslationLimits limits,
      int maxInFlight) {
    this(store, cards, batcher, limits, maxInFlight, null, new SimpleMeterRegistry());
  }

  /**
   * As above; the worker is ready only once {@code defaultModel} reports the default model loaded, and the time of
   * each stage of a job goes to {@code metrics} ({@code funit_translate_stage_seconds}).
   */
  public TranslateHandler(ObjectStore store, ModelCards cards, TranslationBatcher batcher, TranslationLimits limits,
      int maxInFlight, DefaultModelReadiness defaultModel, MeterRegistry metrics) {
    this.stages = new Stages(metrics);
    this.readiness = defaultModel == null ? List.of() : List.of(defaultModel.check());
    this.store = store;
    this.cards = cards;
    this.styles = new StyleStore(store);
    this.batcher = batcher;
    this.inputs = new InputImages(store, limits);
    this.drawnContent = new DrawnContent(store);
    this.maxInFlight = maxInFlight;
  }

  public static int inFlight(Settings settings) {
    return settings.integer("FUNIT_TRANSLATE_IN_FLIGHT", 64, 1, 1024);
  }

  @Override
  public JobDescriptor<TranslateRequest> descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public int maxInFlight() {
    return maxInFlight;
  }

  @Override
  public List<Readiness.Check> readinessChecks() {
    return readiness;
  }

  @Override
  public Object handle(TranslateRequest request, JobContext context) throws Exception {
    String modelId = request.model() != null ? request.model() : cards.defaultModel()
        .orElseThrow(() -> new InvalidJobException("model: none given and no default model is set"));
    ModelCard card = cards.find(modelId).orElseThrow(() -> new InvalidJobException("model: no model " + modelId));
    int size = card.imageSize();
    DrawnContent.Drawn drawn = request.drawsContent() ? drawnContent.draw(request, card) : null;
    int count = drawn != null ? drawn.characters().size() : request.contentKeys().size();
    StyleManifest style = null;
    List<String> classKeys = request.classKeys();
    TranslationWork work;
    float[] translated;
    float[] classCode;
    long stageStart = System.nanoTime();
    try (TranslationBatcher.Ticket ticket = batcher.announce(modelId)) {
      float[] contents = drawn != null ? drawn.planes()
          : inputs.read("content_keys", request.contentKeys(), size, context);
      int firstCount = Math.min(count, MAX_WORK_CONTENTS);
      float[] first = count == firstCount ? contents : Arrays.copyOf(contents, firstCount * 3 * size * size);
      if (request.styleId() != null) {
        style = styles.find(request.styleId())
            .orElseThrow(() -> new InvalidJobException("style_id: no style " + request.styleId()));
        classKeys = style.classKeys();
        work = styleWork(style, modelId, first, firstCount, size, context);
      } else {
        work = TranslationWork.withClassImages(first, firstCount, inputs.read("class_keys", classKeys, size, context),
            classKeys.size());
      }
      context.checkStop();
      long submitted = System.nanoTime();
      stages.inputs.record(submitted - stageStart, TimeUnit.NANOSECONDS);
      TranslationOutput output = await(ticket.submit(work), context);
      classCode = output.classCode();
      translated = rest(modelId, contents, count, output, size, context);
      stages.batch.record(System.nanoTime() - submitted, TimeUnit.NANOSECONDS);
    }
    Failpoints.hit(Failpoints.TRANSLATE_BEFORE_OUTPUTS); // tests: a crash with the work done and nothing stored
    long storing = System.nanoTime(); // the outputs stage: a style's code, the outputs, the result
    try {
      if (style != null && work.classCode() == null) {
        styles.saveCode(style.id(), modelId, classCode);
        styleCodes.put(style.id(), modelId, classCode);
      }
      if (drawn != null) {
        DrawnOutputs.Stored stored = DrawnOutputs.store(store, context, request, drawn.characters(), translated, size,
            card.gray());
        return new TranslationResult(modelId, classKeys.size(), request.styleId(), storedOnly(classKeys, context),
            request.outputFormat(), size, stored.outputs(), stored.sheet(), stored.archive());
      }
      List<TranslationResult.Output> outputs = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String name = TranslationResult.outputName(i, request.outputFormat());
        String key = context.outputKey(name);
        store.putBytes(key, OutputImages.encode(translated, i, size, card.gray(), request.outputFormat()),
            OutputImages.contentType(request.outputFormat()));
        outputs.add(new TranslationResult.Output(i, key, storedOnly(request.contentKeys().get(i), context),
            OutputImages.contentType(request.outputFormat())));
      }
      return new TranslationResult(modelId, classKeys.size(), request.styleId(), storedOnly(classKeys, context),
          request.outputFormat(), size, outputs);
    } finally {
      stages.outputs.record(System.nanoTime() - storing, TimeUnit.NANOSECONDS);
    }
  }

  /**
   * A result names only stored inputs, which a later request can name too: an image the work record carried (a small
   * upload) is not stored.
   */
  private static String storedOnly(String key, JobContext context) {
    return context.attachment(key).isPresent() ? null : key;
  }

  private static List<String> storedOnly(List<String> keys, JobContext context) {
    return keys.stream().filter(key -> context.attachment(key).isEmpty()).toList();
  }

  /**
   * Every translation of the job: the first work's output, then the contents beyond it in works of at most
   * {@link #MAX_WORK_CONTENTS} with the class code the first computed (an alphabet can outgrow a batch).
   */
  private float[] rest(String modelId, float[] contents, int count, TranslationOutput first, int size,
      JobContext context) throws Exception {
    if (count <= MAX_WORK_CONTENTS) {
      return first.images();
    }
    int plane = 3 * size * size;
    float[] all = Arrays.copyOf(first.images(), count * plane);
    for (int start = MAX_WORK_CONTENTS; start < count; start += MAX_WORK_CONTENTS) {
      int n = Math.min(MAX_WORK_CONTENTS, count - start);
      float[] slice = Arrays.copyOfRange(contents, start * plane, (start + n) * plane);
      context.checkStop();
      TranslationOutput output = await(batcher.submit(modelId,
          TranslationWork.withClassCode(slice, n, first.classCode())), context);
      System.arraycopy(output.images(), 0, all, start * plane, n * plane);
    }
    return all;
  }

  /** A style's code when known (memory, then the store); otherwise its class images, so the batcher computes it. */
  private TranslationWork styleWork(StyleManifest style, String modelId, float[] contents, int count, int size,
      JobContext context) {
    float[] code = styleCodes.get(style.id(), modelId).orElse(null);
    if (code == null) {
      code = styles.code(style.id(), modelId).orElse(null);
      if (code != null) {
        styleCodes.put(style.id(), modelId, code);
      }
    }
    if (code != null) {
      return TranslationWork.withClassCode(contents, count, code);
    }
    return TranslationWork.withClassImages(contents, count, inputs.read("style " + style.id() + " class",
        style.classKeys(), size, context), style.k());
  }

  /**
   * Waits for the batcher, checking for cancel meanwhile (a canceled job's batch still runs; its result is dropped).
   * A hand-back does not stop the wait: a draining worker finishes the work its batcher already has, which takes
   * a batch or two, instead of making another worker translate it again.
   */
  static TranslationOutput await(CompletableFuture<TranslationOutput> result, JobContext context)
      throws Exception {
    while (true) {
      try {
        return result.get(WAIT_SLICE_MILLIS, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        context.checkCanceled();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof Exception cause) {
          throw cause;
        }
        throw e;
      }
    }
  }

  /** Registers this handler with its worker. */
  @AutoService(JobHandlerFactory.class)
  public static final class Factory extends JobHandlerFactory {
    public Factory() {
      super(TranslateWorkerMain.NAME, Factory::translateHandler);
    }

    /**
     * The handler with its batcher and model cache (FUNIT_MODEL_CACHE_BYTES, default 2 GiB of parameters), their
     * figures in the process's registry. They live as long as the process.
     */
    private static JobHandler<?> translateHandler(WorkerServices services) {
      Settings settings = services.settings();
      ModelCache models = new ModelCache(services.store(), settings.longValue("FUNIT_MODEL_CACHE_BYTES", 2L << 30),
          services.metrics());
      TranslationBatcher batcher = new TranslationBatcher(
          BatchingSettings.from(settings, Engine.getInstance().defaultDevice().isGpu()), models,
          services.metrics());
      ModelCards cards = new ModelCards(new ModelRegistry(services.store()));
      return new TranslateHandler(services.store(), cards, batcher, TranslationLimits.from(settings),
          inFlight(settings), new DefaultModelReadiness(cards, models, batcher), services.metrics());
    }
  }
}
