package io.funit.deploy.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.funit.common.contract.JobEvent;
import io.funit.common.contract.JobEventType;
import io.funit.common.contract.JobState;
import io.funit.common.contract.WebhookEventType;
import io.funit.common.contract.WebhookTarget;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExpectedWebhooksTest {
  private static final WebhookTarget ALL = new WebhookTarget("http://10.77.0.16:8088/hook", Set.of());

  private static JobEvent event(String id, JobEventType type, JobState state, int attempt, WebhookTarget hook) {
    return new JobEvent(1, "e-" + type + attempt, type, "j1", null, state, Instant.EPOCH, Instant.EPOCH, attempt,
        null, false, null, null, null, null, hook, null);
  }

  @Test
  void aJobRetriedAfterACrashPromisesOneStartedPerAttemptAndEveryRestatementOnce() {
    List<JobEvent> log = List.of(event("j1", JobEventType.QUEUED, JobState.QUEUED, 0, ALL),
        event("j1", JobEventType.STARTED, JobState.RUNNING, 1, ALL),
        event("j1", JobEventType.STARTED, JobState.RUNNING, 2, ALL),
        event("j1", JobEventType.SUCCEEDED, JobState.SUCCEEDED, 2, ALL),
        event("j1", JobEventType.SUCCEEDED, JobState.SUCCEEDED, 2, ALL));
    assertThat(ExpectedWebhooks.of(log)).containsExactly("msg_j1_queued", "msg_j1_started_1", "msg_j1_started_2",
        "msg_j1_output", "msg_j1_completed");
  }

  @Test
  void onlyTheEventsTheTargetAskedForAndNoneWithoutAWebhook() {
    WebhookTarget completedOnly = new WebhookTarget("http://10.77.0.16:8088/hook", Set.of(WebhookEventType.COMPLETED));
    assertThat(ExpectedWebhooks.of(List.of(event("j1", JobEventType.QUEUED, JobState.QUEUED, 0, completedOnly),
        event("j1", JobEventType.FAILED, JobState.FAILED, 1, completedOnly)))).containsExactly("msg_j1_completed");
    assertThat(ExpectedWebhooks.of(List.of(event("j1", JobEventType.QUEUED, JobState.QUEUED, 0, null)))).isEmpty();
  }
}
