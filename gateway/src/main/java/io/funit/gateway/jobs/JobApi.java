package io.funit.gateway.jobs;

import io.funit.common.contract.JobType;
import io.vertx.ext.web.Router;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The gateway's part of one job type beyond {@code POST /v1/jobs/{type}}: its feature routes ({@code /v1/trainings})
 * and their views. Each type's routes class registers one, a nested subclass naming the type and how its routes are
 * made, with {@code @AutoService(JobApi.class)}; the gateway mounts every one it finds, so no central list names
 * them. A type without one is served by the generic job routes alone.
 */
public abstract class JobApi {
  private final JobType type;
  private final Function<JobApiServices, Consumer<Router>> routes;

  /**
   * @param routes makes the type's routes from the gateway's services; every job they create goes through
   *     {@link JobApiServices#admission()}
   */
  protected JobApi(JobType type, Function<JobApiServices, Consumer<Router>> routes) {
    this.type = type;
    this.routes = routes;
  }

  public final JobType type() {
    return type;
  }

  /** Mounts the type's routes. */
  public final void mount(Router router, JobApiServices services) {
    routes.apply(services).accept(router);
  }
}
