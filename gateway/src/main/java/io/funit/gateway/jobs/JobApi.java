package io.funit.gateway.jobs;

import io.funit.common.contract.JobType;
import io.vertx.ext.web.Router;

/**
 * The gateway's part of one job type beyond {@code POST /v1/jobs/{type}}: its feature routes ({@code /v1/trainings})
 * and their views. Each type's routes class registers one with {@code @AutoService(JobApi.class)}; the gateway
 * mounts every one it finds, so no central list names them. A type without one is served by the generic job routes
 * alone.
 */
public interface JobApi {
  JobType type();

  /** Mounts the type's routes; every job they create goes through {@link JobApiServices#admission()}. */
  void mount(Router router, JobApiServices services);
}
