package io.funit.deploy.it.tenants;

import io.funit.common.contract.JobType;
import java.util.List;

/**
 * One job type's tenant-isolation case: requests of {@code POST /v1/jobs/{type}} that name tenant A's things, which
 * tenant B must be refused with a 400 naming the field, as if they did not exist. Each type brings its own, with
 * {@code @AutoService(TenantCase.class)}; {@code TenantIsolationIT} runs every one and fails for a type without.
 */
public interface TenantCase {
  JobType type();

  List<Refusal> refusals(Fixture a);

  /** Tenant A's things: a stored image, a built dataset, a training with a registered model, a style. */
  record Fixture(String inputKey, String dataset, String training, String style) {}

  /** A request body and the field its refusal names. */
  record Refusal(String body, String field) {}
}
