package io.funit.deploy.it.tenants;

import com.google.auto.service.AutoService;
import io.funit.common.contract.JobType;
import io.funit.common.worker.probe.ProbeJob;
import java.util.List;

@AutoService(TenantCase.class)
public final class ProbeTenantCase implements TenantCase {
  @Override
  public JobType type() {
    return ProbeJob.TYPE;
  }

  @Override
  public List<Refusal> refusals(Fixture a) {
    return List.of(new Refusal("{\"input_key\": \"" + a.inputKey() + "\"}", "input_key"));
  }
}
