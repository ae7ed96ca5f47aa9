package io.funit.common.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** The kinds of job; each has its own work topic, consumer group and request record. */
public enum JobType {
  TRANSLATE("translate", TranslateRequest.class),
  TRAIN("train", TrainRequest.class),
  EVAL("eval", EvalRequest.class),
  /** Builds a dataset (fonts, an upload or an S3 prefix); run by train workers, next to the trainings. */
  DATASET("dataset", DatasetRequest.class),
  /** A diagnostic job that exercises the whole pipeline (storage, events, retries, cancel) without a model. */
  PROBE("probe", ProbeRequest.class);

  private final String wireName;
  private final Class<? extends JobRequest> requestClass;

  JobType(String wireName, Class<? extends JobRequest> requestClass) {
    this.wireName = wireName;
    this.requestClass = requestClass;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  public Class<? extends JobRequest> requestClass() {
    return requestClass;
  }

  @JsonCreator
  public static JobType fromWire(String name) {
    String wanted = name == null ? "" : name.toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(t -> t.wireName.equals(wanted)).findFirst()
        .orElseThrow(() -> new InvalidRequestException("type", "unknown job type '" + name + "'; known: "
            + Arrays.stream(values()).map(JobType::wireName).toList()));
  }
}
