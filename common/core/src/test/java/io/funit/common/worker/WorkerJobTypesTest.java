package io.funit.common.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.funit.common.config.Settings;
import io.funit.common.contract.JobType;
import io.funit.common.dataset.job.DatasetJob;
import io.funit.common.training.TrainJob;
import io.funit.common.worker.probe.ProbeJob;
import io.funit.common.worker.probe.ProbeRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** FUNIT_WORKER_JOB_TYPES narrows what a worker runs, and refuses types the worker cannot run. */
class WorkerJobTypesTest {
  private final List<JobHandler<?>> handlers = List.of(handler(TrainJob.TYPE), handler(DatasetJob.TYPE),
      handler(ProbeJob.TYPE));

  @Test
  void unsetRunsEveryHandlerAndAListRunsThoseNamed() {
    assertThat(WorkerMain.select(handlers, Settings.of(Map.of()))).isEqualTo(handlers);
    assertThat(WorkerMain.select(handlers, Settings.of(Map.of("FUNIT_WORKER_JOB_TYPES", "train, probe"))))
        .extracting(JobHandler::type).containsExactly(TrainJob.TYPE, ProbeJob.TYPE);
  }

  @Test
  void aTypeTheWorkerDoesNotRunOrNoTypeIsRefusedNamingTheVariable() {
    assertThatThrownBy(() -> WorkerMain.select(handlers, Settings.of(Map.of("FUNIT_WORKER_JOB_TYPES", "train,eval"))))
        .hasMessage("FUNIT_WORKER_JOB_TYPES names eval, which this worker does not run; it runs train, dataset, probe");
    assertThatThrownBy(() -> WorkerMain.select(handlers, Settings.of(Map.of("FUNIT_WORKER_JOB_TYPES", " , "))))
        .hasMessageStartingWith("FUNIT_WORKER_JOB_TYPES names no job type");
  }

  private static JobHandler<ProbeRequest> handler(JobType type) {
    return new JobHandler<>() {
      @Override
      public io.funit.common.jobs.JobDescriptor<ProbeRequest> descriptor() {
        return new ProbeJob();
      }

      @Override
      public JobType type() {
        return type;
      }

      @Override
      public Class<ProbeRequest> requestClass() {
        return ProbeRequest.class;
      }

      @Override
      public Object handle(ProbeRequest request, JobContext context) {
        return null;
      }
    };
  }
}
