package io.funit.common.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.funit.common.config.Settings;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class JobMdcTest {
  @Test
  void aJobsContextHoldsForItsScopeAndTheEarlierOneComesBack() {
    MDC.put("other", "kept");
    try (JobMdc.Scope outer = JobMdc.open("job-1", "train", 1, "w-1")) {
      assertThat(MDC.get(JobMdc.JOB_ID)).isEqualTo("job-1");
      try (JobMdc.Scope inner = JobMdc.open("job-1", "train", 2, "w-1")) {
        assertThat(MDC.get(JobMdc.ATTEMPT)).isEqualTo("2");
      }
      assertThat(MDC.get(JobMdc.ATTEMPT)).isEqualTo("1");
    }
    assertThat(MDC.get(JobMdc.JOB_ID)).isNull();
    assertThat(MDC.get("other")).isEqualTo("kept");
    MDC.clear();
  }

  @Test
  void threadsMadeForAJobCarryItsContext() throws Exception {
    AtomicReference<String> seenByFactoryThread = new AtomicReference<>();
    AtomicReference<String> seenByPropagated = new AtomicReference<>();
    AtomicReference<String> seenByPlain = new AtomicReference<>("unset");
    Thread plain;
    try (JobMdc.Scope scope = JobMdc.open("job-7", "dataset", 1, "w-2")) {
      Thread made = JobMdc.threadFactory("font-dataset", true).newThread(() -> seenByFactoryThread.set(
          MDC.get(JobMdc.JOB_ID)));
      Thread propagated = new Thread(JobMdc.propagating(() -> seenByPropagated.set(MDC.get(JobMdc.WORKER_ID))));
      plain = new Thread(() -> seenByPlain.set(MDC.get(JobMdc.JOB_ID)));
      made.start();
      propagated.start();
      made.join();
      propagated.join();
      assertThat(made.getName()).isEqualTo("font-dataset-1");
    }
    plain.start();
    plain.join();
    assertThat(seenByFactoryThread).hasValue("job-7");
    assertThat(seenByPropagated).hasValue("w-2");
    assertThat(seenByPlain.get()).as("a thread not made for the job").isNull();
  }

  @Test
  void theLogFormatIsTextOrJson() {
    LogFormat.check(Settings.of(Map.of()));
    LogFormat.check(Settings.of(Map.of("FUNIT_LOG_FORMAT", "json")));
    assertThatThrownBy(() -> LogFormat.check(Settings.of(Map.of("FUNIT_LOG_FORMAT", "xml"))))
        .hasMessage("FUNIT_LOG_FORMAT must be text or json, got xml");
  }
}
