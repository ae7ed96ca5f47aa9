package io.funit.gateway.tenants;

import io.funit.common.contract.JobEvent;
import io.funit.common.jobs.JobReference;
import io.funit.common.kafka.JobStateProjection;
import io.funit.common.models.ModelCards;
import io.funit.common.training.TrainJob;
import io.funit.common.translate.StyleStore;
import io.funit.gateway.auth.Principal;
import io.funit.gateway.problem.ProblemException;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Who owns what, and whether a caller may see it (docs/architecture.md, "Tenants"). Jobs carry their tenant, and
 * everything made by a job is owned by the job's tenant: a dataset is its dataset job, a model its training job,
 * and the stored objects under {@code inputs/}, {@code outputs/}, {@code datasets/}, {@code checkpoints/} and
 * {@code reports/} are filed under their job's id. Styles carry their tenant in their manifest. A model that no
 * known training made (the shipped model) and the default model are public: every tenant may use them.
 *
 * <p>What a caller may not see does not exist for it: reads answer 404 and references in a request are refused as
 * unknown, so a tenant cannot even learn that another tenant's id is taken.
 */
public final class Ownership {
  /** Where a tenant's own objects for S3 imports live: {@code tenants/<tenant>/}. */
  public static final String TENANT_AREA = "tenants/";
  private final JobStateProjection jobs;
  private final StyleStore styles;
  private final ModelCards models;

  /** @param models the gateway's model cards: the default model as they remember it (a change shows within seconds) */
  public Ownership(JobStateProjection jobs, io.funit.common.storage.ObjectStore store, ModelCards models) {
    this(jobs, new StyleStore(store), models);
  }

  public Ownership(JobStateProjection jobs, StyleStore styles, ModelCards models) {
    this.jobs = jobs;
    this.styles = styles;
    this.models = models;
  }

  /** The jobs the request's caller may see, for listings. */
  public static Predicate<JobEvent> visible(RoutingContext ctx) {
    Principal principal = Principal.of(ctx);
    return job -> principal.sees(job.owner());
  }

  /**
   * Whether the caller may use the dataset: its dataset job's tenant; a dataset no known job built (stored by
   * hand or by {@code ./funit dataset}) belongs to tenant {@code default}.
   */
  public boolean datasetVisible(RoutingContext ctx, String datasetId) {
    return datasetVisible(Principal.of(ctx), datasetId);
  }

  boolean datasetVisible(Principal principal, String datasetId) {
    return principal.sees(jobs.get(datasetId).map(JobEvent::owner).orElse(JobEvent.DEFAULT_TENANT));
  }

  /** Whether the caller may use the model: its training's tenant, or public. Reads the object store. */
  public boolean modelVisible(RoutingContext ctx, String modelId) {
    return modelVisible(Principal.of(ctx), modelId);
  }

  boolean modelVisible(Principal principal, String modelId) {
    Optional<JobEvent> training = jobs.get(modelId).filter(job -> job.type() == TrainJob.TYPE);
    return training.isEmpty() || principal.sees(training.get().owner())
        || modelId.equals(models.defaultModel().orElse(null));
  }

  /**
   * Refuses a job request that names something the caller may not see, with the 400 an unknown reference gets, the
   * same way for every type and route: without it a tenant could have a worker read another tenant's images, model
   * or dataset. Objects filed under the new job's own id ({@code inputs/<jobId>/}: its uploads) are its own. Reads the
   * object store.
   *
   * @param references what the request names ({@link io.funit.common.jobs.JobDescriptor#references})
   * @param jobId the id the job will have
   */
  public void requireVisible(RoutingContext ctx, List<JobReference> references, String jobId) {
    Principal principal = Principal.of(ctx);
    if (principal.admin()) {
      return;
    }
    for (JobReference reference : references) {
      if (reference.present()) {
        requireVisible(principal, reference, jobId);
      }
    }
  }

  private void requireVisible(Principal principal, JobReference reference, String jobId) {
    String field = reference.field();
    String id = reference.id();
    switch (reference.kind()) {
      case OBJECT -> {
        if (!ownInput(id, jobId) && !objectVisible(principal, id)) {
          throw ProblemException.badRequest(field, "nothing is stored at '" + id + "'");
        }
      }
      case DATASET -> {
        if (!datasetVisible(principal, id)) {
          throw ProblemException.badRequest(field, "no dataset '" + id + "'");
        }
      }
      case MODEL -> {
        if (!modelVisible(principal, id)) {
          throw ProblemException.badRequest(field, "no model '" + id + "' (GET /v1/models lists them)");
        }
      }
      case STYLE -> {
        if (!styles.find(id).map(style -> principal.sees(style.owner())).orElse(false)) {
          throw ProblemException.badRequest(field, "no style '" + id + "' (POST /v1/styles makes one)");
        }
      }
      case JOB -> {
        if (jobs.get(id).filter(job -> job.type() == reference.jobType()).filter(job -> principal.sees(job.owner()))
            .isEmpty()) {
          throw ProblemException.badRequest(field, "no " + reference.jobType().wireName() + " job " + id);
        }
      }
      case IMPORT_PREFIX -> requireImportPrefix(principal, id);
    }
  }

  /** An upload of the job itself, stored under its inputs before it is enqueued. */
  private static boolean ownInput(String key, String jobId) {
    return key.startsWith("inputs/" + jobId + "/") && !key.contains("..");
  }

  /**
   * An S3 import reads the bucket with the service's credentials, and prefixes outside the service's areas are no
   * job's: a tenant imports only from its own area {@code tenants/<tenant>/}, which operators provision; an admin
   * from anywhere.
   */
  static void requireImportPrefix(Principal principal, String prefix) {
    String own = TENANT_AREA + principal.tenant() + "/";
    if (prefix != null && !principal.admin() && !prefix.startsWith(own)) {
      throw ProblemException.badRequest("prefix", "a tenant imports from its own prefix '" + own + "', not '"
          + prefix + "'");
    }
  }

  /**
   * Whether the caller may use a stored object, by the owner of the id its key is filed under. Objects filed under
   * an id no job or style has (written by hand or by an older version) belong to tenant {@code default}.
   */
  public boolean objectVisible(RoutingContext ctx, String key) {
    return objectVisible(Principal.of(ctx), key);
  }

  boolean objectVisible(Principal principal, String key) {
    if (principal.admin()) {
      return true;
    }
    String[] parts = key == null ? new String[0] : key.split("/", 3);
    if (parts.length < 3) {
      return false;
    }
    String owner = switch (parts[0]) {
      case "inputs", "outputs", "datasets", "checkpoints", "reports", "judges" ->
          jobs.get(parts[1]).map(JobEvent::owner).orElse(JobEvent.DEFAULT_TENANT);
      case "styles" -> styles.find(parts[1]).map(s -> s.owner()).orElse(JobEvent.DEFAULT_TENANT);
      case "models" -> modelVisible(principal, parts[1]) ? principal.tenant() : null;
      default -> null; // idempotency records and the like are nobody's to reference
    };
    return owner != null && principal.sees(owner);
  }
}
