package io.funit.deploy.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.funit.common.eval.BaselineModel;
import io.funit.common.eval.report.EvaluationReport;
import io.funit.common.eval.report.EvaluationReport.GroupResult;
import io.funit.common.eval.report.EvaluationReport.KResult;
import io.funit.common.eval.report.EvaluationReport.MethodScores;
import io.funit.common.json.Json;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class EvalCommandTest {
  @Test
  void baselineModelsAreNamedModelsWithAnOptionalK() {
    EvalCommand command = new EvalCommand();
    new CommandLine(command).parseArgs("--baseline", "stargan_fair=sf", "--baseline", "stargan_unfair=su-5@5");
    assertThat(command.baselineModels()).containsExactly(new BaselineModel("stargan_fair", "sf", null),
        new BaselineModel("stargan_unfair", "su-5", 5));

    EvalCommand bad = new EvalCommand();
    new CommandLine(bad).parseArgs("--baseline", "no-model-given");
    assertThatThrownBy(bad::baselineModels).isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("NAME=MODEL");
    assertThat(new EvalCommand().baselineModels()).isEmpty();
  }

  @Test
  void listsAreCommaSeparatedAndEverythingButTheIdsHasADefault() {
    EvalCommand command = new EvalCommand();
    new CommandLine(command).parseArgs("--model", "m", "--dataset", "d", "--k", "1,5,10", "--metrics",
        "gt_l1,mean_class_fid", "--contents", "8", "--out", "reports/x");
    assertThat(command.k).containsExactly(1, 5, 10);
    assertThat(command.metrics).containsExactly("gt_l1", "mean_class_fid");
    assertThat(command.contents).isEqualTo(8);
    assertThat(command.out).isEqualTo(Path.of("reports/x"));

    EvalCommand defaults = new EvalCommand();
    new CommandLine(defaults).parseArgs();
    assertThat(defaults.model).isNull();
    assertThat(defaults.k).isNull();
    assertThat(defaults.contents).as("0: the request's default").isZero();
  }

  @Test
  void summaryShowsEveryMethodPerKAndWhereTheReportIs() throws Exception {
    EvaluationReport report = new EvaluationReport("local-1", "m", "d", "d", "font-32", 32, 3, 4, List.of(1, 5), 1,
        Instant.EPOCH, 2.5, List.of(), List.of(), List.of(
            new KResult(1, List.of(new MethodScores("funit", Map.of("gt_l1", 0.2)),
                new MethodScores("copy_content", Map.of("gt_l1", 0.4)))),
            new KResult(5, List.of(new MethodScores("funit", Map.of("gt_l1", 0.1))))),
        List.of(new GroupResult("italic", 2, List.of(new KResult(5, List.of(new MethodScores("funit",
            Map.of("gt_l1", 0.3))))))), List.of(), List.of());

    var json = Json.MAPPER.readTree(Json.write(EvalCommand.summary(report, Path.of("out"))));

    assertThat(json.path("report").asText()).endsWith("out/report.html");
    assertThat(json.path("results")).hasSize(2);
    assertThat(json.path("groups").get(0).path("group").asText()).isEqualTo("italic");
    assertThat(json.path("groups").get(0).path("results").get(0).path("funit").path("gt_l1").asDouble())
        .isEqualTo(0.3);
    assertThat(json.path("results").get(0).path("k").asInt()).isEqualTo(1);
    assertThat(json.path("results").get(0).path("copy_content").path("gt_l1").asDouble()).isEqualTo(0.4);
    assertThat(json.path("results").get(1).path("funit").path("gt_l1").asDouble()).isEqualTo(0.1);
  }
}
