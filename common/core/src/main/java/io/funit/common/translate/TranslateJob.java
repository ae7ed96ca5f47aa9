package io.funit.common.translate;

import com.google.auto.service.AutoService;
import io.funit.common.contract.InvalidRequestException;
import io.funit.common.contract.JobType;
import io.funit.common.jobs.AdmissionContext;
import io.funit.common.jobs.JobDescriptor;
import io.funit.common.jobs.JobReference;
import io.funit.common.models.ModelCard;
import java.util.ArrayList;
import java.util.List;

/** Translation jobs: content images in the look of a class known from K images or a stored style. */
@AutoService(JobDescriptor.class)
public final class TranslateJob implements JobDescriptor<TranslateRequest> {
  public static final JobType TYPE = JobType.named("translate");

  @Override
  public JobType type() {
    return TYPE;
  }

  @Override
  public Class<TranslateRequest> requestClass() {
    return TranslateRequest.class;
  }

  @Override
  public int workPartitions() {
    return 12;
  }

  @Override
  public List<JobReference> references(TranslateRequest request) {
    List<JobReference> references = new ArrayList<>();
    references.add(JobReference.model("model", request.model()));
    references.add(JobReference.style("style_id", request.styleId()));
    for (int i = 0; i < request.contentKeys().size(); i++) {
      references.add(JobReference.object("content_keys[" + i + "]", request.contentKeys().get(i)));
    }
    for (int i = 0; i < request.classKeys().size(); i++) {
      references.add(JobReference.object("class_keys[" + i + "]", request.classKeys().get(i)));
    }
    return references;
  }

  /**
   * The model named, or the default one filled in, has a card; the style, if named, and every named image are
   * stored. The request that is
   * enqueued names its model, so a later change of the default does not change what it runs on.
   */
  @Override
  public TranslateRequest admit(TranslateRequest request, AdmissionContext context) {
    String modelId = request.model();
    ModelCard card;
    if (modelId == null) {
      modelId = context.models().defaultModel().orElseThrow(() -> new InvalidRequestException("model",
          "no model given and no default model is registered; name a model (GET /v1/models)"));
      String defaultId = modelId;
      card = context.models().find(modelId).orElseThrow(() -> new InvalidRequestException("model",
          "the default model '" + defaultId + "' is not registered"));
    } else {
      String named = modelId;
      card = context.models().find(modelId).orElseThrow(() -> new InvalidRequestException("model",
          "no model '" + named + "' (GET /v1/models lists them)"));
    }
    if (request.drawsContent()) {
      requireContentFont(request, card);
    }
    if (request.styleId() != null && new StyleStore(context.store()).find(request.styleId()).isEmpty()) {
      throw new InvalidRequestException("style_id", "no style '" + request.styleId() + "' (POST /v1/styles makes one)");
    }
    requireStored(context, "content_keys", request.contentKeys());
    requireStored(context, "class_keys", request.classKeys());
    return new TranslateRequest(modelId, request.contentKeys(), request.classKeys().isEmpty() ? null
        : request.classKeys(), request.styleId(), request.outputFormat(), request.text(), request.charset());
  }

  /** Text and alphabets are drawn with the model's content font: the model needs one, covering every character. */
  private static void requireContentFont(TranslateRequest request, ModelCard card) {
    String field = request.text() != null ? "text" : "charset";
    if (card.contentFont() == null) {
      throw new InvalidRequestException(field, "model " + card.id() + " has no content font (only models trained "
          + "on font datasets draw text); send content images instead");
    }
    if (request.text() != null) {
      TranslationText.requireCovered(request.text(), card.contentFont(), card.id());
    }
  }

  private static void requireStored(AdmissionContext context, String field, List<String> keys) {
    for (int i = 0; i < keys.size(); i++) {
      if (!context.readable(keys.get(i))) {
        throw new InvalidRequestException(field + "[" + i + "]", "nothing is stored at '" + keys.get(i) + "'");
      }
    }
  }
}
