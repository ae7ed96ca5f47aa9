package io.funit.deploy.it.tenants;

import com.google.auto.service.AutoService;
import io.funit.common.contract.JobType;
import io.funit.common.eval.EvalJob;
import java.util.List;

@AutoService(TenantCase.class)
public final class EvalTenantCase implements TenantCase {
  @Override
  public JobType type() {
    return EvalJob.TYPE;
  }

  @Override
  public List<Refusal> refusals(Fixture a) {
    return List.of(new Refusal("{\"model\": \"" + a.training() + "\", \"dataset\": \"" + a.dataset() + "\"}", "model"),
        new Refusal("{\"model\": \"public-model\", \"dataset\": \"" + a.dataset() + "\"}", "dataset"));
  }
}
