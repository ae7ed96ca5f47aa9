package io.funit.deploy.reproduce;

import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.json.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code docs/reproduce.json}: every published figure with the command that produced it.
 *
 * @param machines the machines figures were measured on, by name
 * @param entries one per command
 */
public record ReproductionIndex(String about, Map<String, String> machines, List<Entry> entries) {
  public static final String FILE = "docs/reproduce.json";

  /**
   * One command and the figures it produces.
   *
   * @param sections the headings and bold paragraphs of docs/benchmarks.md whose figures it produces
   * @param setup what must run first (a stack), when anything
   * @param runnable false for a recipe that is not one command (a multi-hour training): it is printed, not run
   * @param history how figures of earlier code or other options in its sections relate to what it measures now
   * @param root a JSON pointer to the part of the command's output the figures' paths start from (none: all of it)
   */
  public record Entry(String name, List<String> sections, String command, String setup, String machine,
      String cost, Boolean runnable, String history, String root, List<Figure> figures) {
    public boolean canRun() {
      return runnable == null || runnable;
    }

    /** The part of a run's output that the figures' paths read. */
    public JsonNode figuresIn(JsonNode output) {
      return output == null || root == null ? output : output.at(root);
    }
  }

  /**
   * A published figure.
   *
   * @param path a JSON pointer into the command's output; null when the output does not hold it as one value
   */
  public record Figure(String figure, double published, String path, String note) {
    /** The figure in a run's output, if it is there as a number. */
    public Optional<Double> in(JsonNode output) {
      if (path == null || output == null) {
        return Optional.empty();
      }
      JsonNode value = output.at(path);
      return value.isNumber() ? Optional.of(value.asDouble()) : Optional.empty();
    }
  }

  public static ReproductionIndex read(Path home) throws IOException {
    return Json.MAPPER.readValue(home.resolve(FILE).toFile(), ReproductionIndex.class);
  }

  public Optional<Entry> entry(String name) {
    return entries.stream().filter(e -> e.name().equals(name)).findFirst();
  }
}
