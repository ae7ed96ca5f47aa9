package io.funit.deploy.dataset;

import io.funit.common.dataset.DatasetDirectory;
import io.funit.common.dataset.fonts.FontBuildOptions;
import io.funit.common.dataset.fonts.FontBuildSummary;
import io.funit.common.dataset.fonts.FontDatasetBuilder;
import io.funit.common.dataset.fonts.ProgressListener;
import io.funit.common.json.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./funit dataset fonts (--preset P | --fonts-dir DIR) --size N --out DIR}: builds a font-glyph dataset and
 * prints its summary as JSON on stdout; progress goes to stderr.
 */
@Command(name = "fonts", mixinStandardHelpOptions = true,
    description = "Font-glyph dataset: class = font face, image = character (Debian packages or a font folder).")
public final class FontsCommand implements Callable<Integer> {
  static final class Input {
    @Option(names = "--preset", required = true,
        description = "starter300, starter300-faces, ci, all-latin or all-latin-faces (Debian packages)")
    String preset;

    @Option(names = "--fonts-dir", required = true, description = "A folder of TTF/OTF/TTC/WOFF files (recursive)")
    Path fontsDir;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Input input;

  @Option(names = "--size", required = true, description = "Image side in pixels, 16..256")
  int size;

  @Option(names = "--out", required = true, description = "The dataset directory to write")
  Path out;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the train/test split (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--charset", description = "Characters to render (default: A-Z a-z 0-9)")
  String charset;

  @Option(names = "--test-fraction", defaultValue = "0.2",
      description = "Share of classes held out for test, split by family (default: ${DEFAULT-VALUE})")
  double testFraction;

  @Option(names = "--cache", description = "Package cache (default: $FUNIT_CACHE_DIR/fonts or ~/.cache/funit/fonts)")
  Path cache;

  @Option(names = "--id", description = "Dataset id (default: the --out folder's name)")
  String id;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    FontBuildOptions options;
    try {
      options = new FontBuildOptions(input.preset, input.fontsDir, size, charset, seed, testFraction, cache,
          FontBuildOptions.DEFAULT_CONTACT_SHEET_ROWS);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage()); // usage error: picocli prints the usage
    }
    String datasetId = id != null ? id : out.toAbsolutePath().normalize().getFileName().toString();
    try {
      FontBuildSummary summary = new FontDatasetBuilder().build(options, new DatasetDirectory(out), datasetId,
          stderrProgress());
      System.out.println(Json.write(summary));
      return 0;
    } catch (IOException e) {
      // fetch and file errors already name the package or file: the message is the whole story
      System.err.println("funit dataset fonts: " + e.getMessage());
      return 1;
    }
  }

  /** A line per phase change and per tenth of the work, so logs stay short. */
  private static ProgressListener stderrProgress() {
    return new ProgressListener() {
      private String lastMessage = "";
      private long lastTenth = -1;

      @Override
      public void progress(long done, long total, String message) {
        long tenth = total == 0 ? 0 : done * 10 / total;
        if (!message.equals(lastMessage) || tenth != lastTenth) {
          System.err.printf("%s %d/%d%n", message, done, total);
          lastMessage = message;
          lastTenth = tenth;
        }
      }
    };
  }
}
