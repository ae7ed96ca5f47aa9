package io.funit.deploy.it.tenants;

import com.google.auto.service.AutoService;
import io.funit.common.contract.JobType;
import io.funit.common.dataset.job.DatasetJob;
import java.util.List;

@AutoService(TenantCase.class)
public final class DatasetTenantCase implements TenantCase {
  @Override
  public JobType type() {
    return DatasetJob.TYPE;
  }

  /** An import from tenant A's area, an upload's archive filed under A's job, and A's dataset as an unfair base. */
  @Override
  public List<Refusal> refusals(Fixture a) {
    return List.of(new Refusal("{\"kind\": \"s3\", \"prefix\": \"tenants/tenant-a/fonts/\"}", "prefix"),
        new Refusal("{\"kind\": \"upload\", \"input_key\": \"" + a.inputKey() + "\"}", "input_key"),
        new Refusal("{\"kind\": \"unfair\", \"base\": \"" + a.dataset() + "\", \"k\": 1}", "base"));
  }
}
