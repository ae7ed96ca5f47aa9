package io.funit.deploy.reproduce;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ./funit reproduce} runs an entry's command with the built launcher jar and reads its figures again. */
class ReproduceIT {
  @Test
  void theParameterCountsComeOutAsPublished() throws Exception {
    Path home = Path.of("..").toAbsolutePath().normalize();
    ReproductionIndex index = ReproductionIndex.read(home);
    ReproductionIndex.Entry entry = index.entry("params-font-64").orElseThrow();
    ReproduceCommand.Run run = ReproduceCommand.run(home, entry.command());
    assertThat(run.exit()).isZero();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> figures = (List<Map<String, Object>>) ReproduceCommand.report(index, entry, run.json(),
        run.exit()).get("figures");
    assertThat(figures).isNotEmpty().allSatisfy(f -> assertThat(f.get("new")).isEqualTo(f.get("published")));
  }
}
