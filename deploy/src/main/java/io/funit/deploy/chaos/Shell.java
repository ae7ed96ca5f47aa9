package io.funit.deploy.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the system tools the lab is made of ({@code ip}, {@code nft}, {@code tc}, {@code kill}). */
final class Shell {
  private static final long TIMEOUT_SECONDS = 30;

  private Shell() {}

  /** Runs {@code command}; its output, or an exception naming the command and its output when it fails. */
  static String run(String... command) {
    Result result = attempt(command);
    if (result.exitCode() != 0) {
      throw new IllegalStateException("`" + String.join(" ", command) + "` failed (" + result.exitCode() + "): "
          + result.output().strip());
    }
    return result.output();
  }

  /** Runs {@code command} and reports how it ended, never throwing for a non-zero exit. */
  static Result attempt(String... command) {
    try {
      Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return new Result(-1, "timed out after " + TIMEOUT_SECONDS + " s");
      }
      return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new Result(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "interrupted");
    }
  }

  record Result(int exitCode, String output) {}
}
