package io.funit.deploy.it.tenants;

import com.google.auto.service.AutoService;
import io.funit.common.contract.JobType;
import io.funit.common.training.TrainJob;
import java.util.List;

@AutoService(TenantCase.class)
public final class TrainTenantCase implements TenantCase {
  @Override
  public JobType type() {
    return TrainJob.TYPE;
  }

  @Override
  public List<Refusal> refusals(Fixture a) {
    return List.of(new Refusal("{\"dataset\": \"" + a.dataset() + "\", \"preset\": \"font-32\"}", "dataset"),
        new Refusal("{\"dataset\": \"" + a.dataset() + "\", \"preset\": \"font-32\", \"continue_from\": \""
            + a.training() + "\"}", "continue_from"));
  }
}
