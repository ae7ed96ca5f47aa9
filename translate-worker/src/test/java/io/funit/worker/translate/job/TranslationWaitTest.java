package io.funit.worker.translate.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.funit.common.worker.JobContext;
import io.funit.common.worker.JobStoppedException;
import io.funit.worker.translate.batching.TranslationOutput;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A draining worker finishes translations whose work the batcher already has; a cancel still stops them. */
class TranslationWaitTest {
  private final TranslationOutput output = new TranslationOutput(new float[] {0.5f}, new float[] {1f});

  @Test
  void aHandBackDoesNotStopAWaitForTheBatch() throws Exception {
    CompletableFuture<TranslationOutput> batch = new CompletableFuture<>();
    CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS).execute(() -> batch.complete(output));
    assertThat(TranslateHandler.await(batch, new Stopping(false))).isSameAs(output);
  }

  @Test
  void aCancelStopsTheWait() {
    CompletableFuture<TranslationOutput> never = new CompletableFuture<>();
    assertThatThrownBy(() -> TranslateHandler.await(never, new Stopping(true)))
        .isInstanceOf(JobStoppedException.class).hasMessage("canceled");
  }

  /** A context whose worker is handing the job back (and which may also be canceled). */
  private record Stopping(boolean canceled) implements JobContext {
    @Override
    public void checkStop() {
      throw new JobStoppedException("handing back");
    }

    @Override
    public void checkCanceled() {
      if (canceled) {
        throw new JobStoppedException("canceled");
      }
    }

    @Override
    public boolean stopRequested() {
      return true;
    }

    @Override
    public String jobId() {
      return "job-1";
    }

    @Override
    public int attempt() {
      return 1;
    }

    @Override
    public String workerId() {
      return "w";
    }

    @Override
    public String slot() {
      return "translate-0";
    }

    @Override
    public String outputKey(String name) {
      return "outputs/job-1/" + name;
    }

    @Override
    public void progress(long done, long total, String message) {}

    @Override
    public void progress(long done, long total, String message, Map<String, Double> metrics) {}

    @Override
    public void sleep(Duration duration) {}
  }
}
