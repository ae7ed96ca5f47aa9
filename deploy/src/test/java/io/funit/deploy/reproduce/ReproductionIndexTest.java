package io.funit.deploy.reproduce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.json.Json;
import io.funit.common.models.ModelRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The reproduction index covers what is published: every heading and bold paragraph of docs/benchmarks.md that
 * holds figures is some entry's section, every figure of the shipped model's held-out file is an entry's figure with
 * its exact value and path, and every command is one the launcher has.
 */
class ReproductionIndexTest {
  private static final Path HOME = Path.of("..");
  private static final Pattern HEADING = Pattern.compile("^#{2,3} (.+?)(?: \\(`.*)?$");
  private static final Pattern BOLD = Pattern.compile("^\\*\\*(.+?)\\*\\*");
  private static final Pattern FIGURE = Pattern.compile("\\d[.,]\\d|\\d{2,}");

  private final ReproductionIndex index = ReproductionIndex.read(HOME);

  ReproductionIndexTest() throws Exception {}

  @Test
  void everySectionOfTheBenchmarksWithFiguresHasAnEntry() throws Exception {
    Map<String, Boolean> sections = new HashMap<>(); // title -> holds a figure
    String current = null;
    for (String line : Files.readAllLines(HOME.resolve("docs/benchmarks.md"))) {
      Matcher heading = HEADING.matcher(line);
      Matcher bold = BOLD.matcher(line);
      if (heading.find()) {
        current = heading.group(1).trim();
        sections.put(current, false);
        continue;
      }
      if (bold.find()) {
        current = bold.group(1).replaceAll("[.:]$", "").trim();
        sections.put(current, false);
      }
      if (current != null && FIGURE.matcher(line).find()) {
        sections.put(current, true);
      }
    }
    List<String> uncovered = new ArrayList<>();
    sections.forEach((title, hasFigures) -> {
      boolean covered = index.entries().stream().flatMap(e -> e.sections().stream()).anyMatch(title::startsWith);
      if (hasFigures && !covered) {
        uncovered.add(title);
      }
    });
    assertThat(uncovered).as("sections of docs/benchmarks.md with figures and no entry").isEmpty();
    assertThat(sections).hasSizeGreaterThan(15);
  }

  @Test
  void everyFigureOfTheShippedModelsHeldOutFileIsIndexedWithItsValue() throws Exception {
    JsonNode published = Json.MAPPER.readTree(HOME.resolve("models/default").resolve(ModelRegistry.HELD_OUT).toFile());
    ReproductionIndex.Entry entry = index.entry("shipped-held-out-l1").orElseThrow();
    assertThat(entry.command()).isEqualTo("./funit model held-out-l1");
    // the command prints the file's figures under its root, as ./funit model held-out-l1 does
    JsonNode printed = Json.MAPPER.createObjectNode().set(entry.root().substring(1), published);
    List<String> leaves = new ArrayList<>();
    collect(published, "", leaves);
    assertThat(leaves).hasSizeGreaterThan(10);
    for (String path : leaves) {
      ReproductionIndex.Figure figure = entry.figures().stream().filter(f -> path.equals(f.path())).findFirst()
          .orElseThrow(() -> new AssertionError("no figure for " + path));
      assertThat(figure.published()).as(path).isEqualTo(published.at(path).asDouble());
      assertThat(figure.in(entry.figuresIn(printed))).as("the path reads the printed figure")
          .contains(published.at(path).asDouble());
    }
  }

  @Test
  void everyEntryNamesALauncherCommandItsMachineAndItsCost() {
    assertThat(index.entries()).extracting(ReproductionIndex.Entry::name).doesNotHaveDuplicates();
    for (ReproductionIndex.Entry entry : index.entries()) {
      assertThat(entry.cost()).as(entry.name()).isNotBlank();
      assertThat(index.machines().keySet().stream().anyMatch(entry.machine()::startsWith)).as(entry.name()).isTrue();
      assertThat(entry.figures()).as(entry.name()).isNotEmpty();
      if (entry.canRun()) {
        String[] words = entry.command().split("\\s+");
        assertThat(words[0]).as(entry.name()).isEqualTo("./funit");
        assertThat(List.of("model", "bench", "dataset", "demo", "eval")).as(entry.name()).contains(words[1]);
      }
    }
  }

  @Test
  void aRunsOutputIsReadBesideThePublishedFigures() throws Exception {
    ReproductionIndex.Entry entry = index.entry("params-font-64").orElseThrow();
    JsonNode output = ReproduceCommand.lastJson("log line\n{\"generator_total\": 2206467, \"discriminator_total\": 1}\n");
    Map<String, Object> report = ReproduceCommand.report(index, entry, output, 0);
    String json = Json.write(report);
    assertThat(json).contains("\"new\":2206467.0").contains("\"new_over_published\":1.0").contains("\"new\":1.0");
  }

  private static void collect(JsonNode node, String prefix, List<String> out) {
    node.fields().forEachRemaining(field -> {
      String path = prefix + "/" + field.getKey();
      if (field.getValue().isObject()) {
        collect(field.getValue(), path, out);
      } else if (field.getValue().isNumber()) {
        out.add(path);
      }
    });
  }
}
