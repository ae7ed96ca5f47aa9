package io.funit.deploy.it.tenants;

import com.google.auto.service.AutoService;
import io.funit.common.contract.JobType;
import io.funit.common.translate.TranslateJob;
import java.util.List;

@AutoService(TenantCase.class)
public final class TranslateTenantCase implements TenantCase {
  @Override
  public JobType type() {
    return TranslateJob.TYPE;
  }

  @Override
  public List<Refusal> refusals(Fixture a) {
    return List.of(
        new Refusal("{\"model\": \"" + a.training() + "\", \"content_keys\": [\"" + a.inputKey()
            + "\"], \"class_keys\": [\"" + a.inputKey() + "\"]}", "model"),
        new Refusal("{\"model\": \"public-model\", \"content_keys\": [\"" + a.inputKey() + "\"], \"class_keys\": [\""
            + a.inputKey() + "\"]}", "content_keys[0]"),
        new Refusal("{\"model\": \"public-model\", \"content_keys\": [\"inputs/x/y.png\"], \"style_id\": \""
            + a.style() + "\"}", "style_id"));
  }
}
